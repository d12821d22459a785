// The same photo API with every piece of state in a backing service: any instance
// can serve any request, and replacing one loses nothing.
const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');
const { S3Client } = require('@aws-sdk/client-s3');
const multer = require('multer');
const multerS3 = require('multer-s3');
const { randomUUID } = require('node:crypto');

const redis = createClient({ url: process.env.REDIS_URL });
// Without a listener, a Redis restart ends the process; with one, the client reconnects.
redis.on('error', (err) => console.error('Redis:', err.message));
redis.connect().catch(console.error);

const app = express();
app.use(express.json());

app.use(session({
  store: new RedisStore({ client: redis }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));

const upload = multer({
  storage: multerS3({
    s3: new S3Client({}),
    bucket: process.env.PHOTO_BUCKET,
    // Without it every object is stored as application/octet-stream.
    contentType: multerS3.AUTO_CONTENT_TYPE,
    key: (req, file, cb) => cb(null, `photos/${randomUUID()}`),
  }),
});

app.post('/photos', upload.single('photo'), (req, res) => {
  res.status(201).json({ key: req.file.key });
});

app.post('/photos/:id/like', async (req, res) => {
  const likes = await redis.incr(`likes:${req.params.id}`);
  res.json({ likes });
});

app.listen(process.env.PORT || 3000);
