const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');

async function start() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();

  const app = express();
  app.use(session({
    store: new RedisStore({ client, prefix: 'sess:' }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
  }));
  app.listen(3000);
}

start();
