const express = require('express');

const app = express();

// `global` is the running total of one quote, built fresh for every request.
function addLine(global, line) {
  global.total += line.price * line.quantity;
  return global;
}

app.post('/quotes', express.json(), (req, res) => {
  res.json(req.body.lines.reduce(addLine, { total: 0 }));
});
