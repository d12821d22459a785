const express = require('express');
const app = express();
rooms = [];
app.post('/rooms', (req, res) => {
  rooms.push(req.body.name);
  res.json(rooms);
});