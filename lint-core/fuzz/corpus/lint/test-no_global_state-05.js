const express = require('express');
const app = express();
app.get('/count', (req, res) => {
  app.locals.requests = (app.locals.requests || 0) + 1;
  res.end();
});