const express = require('express');
const multer = require('multer');

const router = express.Router();
const upload = multer({ dest: 'uploads/' });

router.post('/', upload.single('photo'), (req, res) => {
  res.status(201).json({ file: req.file.filename });
});

module.exports = router;
