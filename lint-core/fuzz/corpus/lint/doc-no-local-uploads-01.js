import express from 'express';
import multer, { diskStorage } from 'multer';

const storage = diskStorage({
  destination: 'storage/receipts',
  filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});

const app = express();
app.post('/receipts', multer({ storage }).single('receipt'), (req, res) => {
  res.status(201).json({ name: req.file.filename });
});
