const express = require('express');
const app = express();
app.post('/t', (req, res) => {
  global.lastBody = req.body;
  res.sendStatus(204);
});