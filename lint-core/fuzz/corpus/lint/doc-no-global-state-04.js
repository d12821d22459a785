const express = require('express');

const app = express();

app.put('/banner', express.json(), (req, res) => {
  req.app.locals.banner = req.body.text;
  res.sendStatus(204);
});
