const express = require('express');
const app = express();
let hits = 0;
setInterval(() => console.log(hits), 1000);
app.get('/', (req, res) => {
  hits++;
  res.end();
});