const express = require('express');

const app = express();
const messages = [];

app.post('/messages', express.json(), (req, res) => {
  messages.push({ text: String(req.body.text), at: Date.now() });
  res.sendStatus(201);
});

app.get('/messages', (req, res) => res.json(messages));
