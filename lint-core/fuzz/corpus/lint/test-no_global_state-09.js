const express = require('express');
const { createClient } = require('redis');
const { Pool } = require('pg');
const app = express();
const redis = createClient();
const cache = createClient();
const pool = new Pool();
app.post('/x', async (req, res) => {
  await redis.set('k', req.body.v);
  await cache.set('k', 'v');
  const hit = await cache.get('k');
  await pool.query('insert into t values ($1)', [hit]);
  res.end();
});