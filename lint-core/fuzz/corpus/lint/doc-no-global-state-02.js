const express = require('express');

const app = express();

app.post('/maintenance', express.json(), (req, res) => {
  globalThis.maintenanceMessage = req.body.message;
  res.sendStatus(204);
});
