const express = require('express');
const multer = require('multer');

const app = express();
const upload = multer({ dest: 'uploads/' });

app.post('/avatars', upload.single('avatar'), (req, res) => {
  res.status(201).json({ id: req.file.filename });
});

app.listen(3000);
