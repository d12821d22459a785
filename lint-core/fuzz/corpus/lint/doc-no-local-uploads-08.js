const express = require('express');
const fs = require('fs/promises');
const path = require('path');

const app = express();

app.get('/terms', async (req, res) => {
  const html = await fs.readFile(path.join(__dirname, 'views', 'terms.html'), 'utf8');
  res.type('html').send(html);
});
