// A URL shortener that remembers links in a plain object. Each instance has its own
// object, and all of it is gone when the process is replaced.
const express = require('express');

const app = express();
app.use(express.json());

const links = {};
let nextId = 1;

app.post('/links', (req, res) => {
  const id = (nextId++).toString(36);
  links[id] = req.body.url;
  res.status(201).json({ id });
});

app.get('/:id', (req, res) => {
  const url = links[req.params.id];
  if (!url) return res.sendStatus(404);
  res.redirect(url);
});

app.listen(3000);
