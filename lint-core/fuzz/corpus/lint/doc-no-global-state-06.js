const express = require('express');
const { createClient } = require('redis');

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });

app.get('/', async (req, res) => {
  const hits = await redis.incr('hits');
  res.send(`You are visitor number ${hits}`);
});

redis.connect().then(() => app.listen(3000));
