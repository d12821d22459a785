// A shop cart kept in the session. The sessions are files on this server, so a
// restart logs everyone out and a second instance does not know them.
const express = require('express');
const session = require('express-session');
const FileStore = require('session-file-store')(session);

const app = express();

app.use(session({
  store: new FileStore({ path: './sessions' }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: true,
}));

app.post('/cart/:item', (req, res) => {
  req.session.cart = req.session.cart || [];
  req.session.cart.push(req.params.item);
  res.json({ cart: req.session.cart });
});

app.get('/cart', (req, res) => {
  res.json({ cart: req.session.cart || [] });
});

app.listen(3000);
