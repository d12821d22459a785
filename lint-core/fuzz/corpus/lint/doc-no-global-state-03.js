const express = require('express');

const app = express();
let currentUserId;

app.use((req, res, next) => {
  currentUserId = req.get('x-user-id');
  next();
});

app.get('/profile', (req, res) => {
  res.json({ userId: currentUserId });
});
