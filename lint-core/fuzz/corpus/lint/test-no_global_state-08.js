const express = require('express');
const app = express();
const routes = {};
const names = [];
for (const name of ['a', 'b']) {
  routes[name] = true;
  names.push(name);
}
app.get('/:name', (req, res) => {
  res.json({ known: Boolean(routes[req.params.name]), names });
});