const express = require('express');
const cookieSession = require('cookie-session');

const app = express();
app.use(cookieSession({
  name: 'session',
  keys: [process.env.COOKIE_KEY],
  maxAge: 24 * 60 * 60 * 1000,
}));

app.get('/theme', (req, res) => {
  res.json({ theme: req.session.theme ?? 'light' });
});
