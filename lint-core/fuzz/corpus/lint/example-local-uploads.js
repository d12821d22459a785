// Avatars are saved next to the code. They vanish with the machine, and a second
// instance cannot serve a file the first one received.
const express = require('express');
const multer = require('multer');
const path = require('path');

const app = express();

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, path.join(__dirname, 'avatars')),
  filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});
const upload = multer({ storage });

app.post('/avatar', upload.single('avatar'), (req, res) => {
  res.json({ url: `/avatars/${req.file.filename}` });
});

app.use('/avatars', express.static(path.join(__dirname, 'avatars')));

app.listen(3000);
