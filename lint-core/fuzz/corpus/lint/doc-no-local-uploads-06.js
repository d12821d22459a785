const express = require('express');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');
const { randomUUID } = require('crypto');

const app = express();
const s3 = new S3Client({});

app.post('/videos/upload-url', async (req, res) => {
  const Key = `videos/${randomUUID()}`;
  const command = new PutObjectCommand({ Bucket: process.env.UPLOAD_BUCKET, Key });
  const url = await getSignedUrl(s3, command, { expiresIn: 300 });
  res.json({ url, key: Key });
});
