const express = require('express');
const app = express();
const online = new Set();
app.post('/ping', (req, res) => {
  online.add(req.body.user);
  res.json({ online: online.size });
});