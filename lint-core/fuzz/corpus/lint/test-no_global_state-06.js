const express = require('express');
const app = express();
const items = [];
function add(req, res) {
  items.push(req.body);
  res.sendStatus(201);
}
app.post('/items', add);