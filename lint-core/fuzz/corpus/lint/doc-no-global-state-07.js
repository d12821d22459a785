const express = require('express');
const { createClient } = require('redis');

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });

app.put('/banner', express.json(), async (req, res) => {
  await redis.set('banner', String(req.body.text), { EX: 60 * 60 });
  res.sendStatus(204);
});
