const express = require('express');
const multer = require('multer');

const app = express();
const form = multer();

app.use(express.static('public'));

app.post('/contact', form.none(), (req, res) => {
  res.json({ received: Boolean(req.body.message) });
});
