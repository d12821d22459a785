const express = require('express');

const app = express();

app.use((req, res, next) => {
  res.locals.userId = req.get('x-user-id');
  next();
});

app.get('/profile', (req, res) => {
  res.json({ userId: res.locals.userId });
});
