const express = require('express');
const multer = require('multer');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { randomUUID } = require('crypto');

const app = express();
const s3 = new S3Client({});
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5e6 } });

app.post('/avatars', upload.single('avatar'), async (req, res) => {
  const key = `avatars/${randomUUID()}`;
  await s3.send(new PutObjectCommand({
    Bucket: process.env.UPLOAD_BUCKET,
    Key: key,
    Body: req.file.buffer,
    ContentType: req.file.mimetype,
  }));
  res.status(201).json({ key });
});
