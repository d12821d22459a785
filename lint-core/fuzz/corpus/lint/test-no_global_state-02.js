const express = require('express');
const app = express();
const recent = [];
app.post('/recent', (req, res) => {
  recent.unshift(req.body.id);
  res.json({ count: recent.length });
});