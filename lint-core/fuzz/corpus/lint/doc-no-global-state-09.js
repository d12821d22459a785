const express = require('express');

const PRICES = Object.freeze({ free: 0, team: 12, business: 30 });
const allowedOrigins = new Set();
for (const origin of (process.env.ALLOWED_ORIGINS ?? '').split(',')) {
  allowedOrigins.add(origin.trim());
}

const app = express();
app.get('/prices/:plan', (req, res) => {
  const open = allowedOrigins.has(req.get('origin') ?? '');
  res.json({ price: PRICES[req.params.plan] ?? null, open });
});
