const express = require('express');
const multer = require('multer');
const multerS3 = require('multer-s3');
const { S3Client } = require('@aws-sdk/client-s3');

const s3 = new S3Client({});
const upload = multer({
  storage: multerS3({
    s3,
    bucket: process.env.UPLOAD_BUCKET,
    key: (req, file, cb) => cb(null, `receipts/${Date.now()}-${file.originalname}`),
  }),
});

const app = express();
app.post('/receipts', upload.single('receipt'), (req, res) => {
  res.status(201).json({ key: req.file.key });
});
