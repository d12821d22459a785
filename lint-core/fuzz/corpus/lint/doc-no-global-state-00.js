const express = require('express');

const app = express();
let visits = 0;

app.get('/', (req, res) => {
  visits += 1;
  res.send(`You are visitor number ${visits}`);
});

app.listen(3000);
