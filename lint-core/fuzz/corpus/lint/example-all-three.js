// A small photo-sharing API. It works on one laptop. Now imagine the server is
// replaced every night, or a second copy starts behind a load balancer.
const express = require('express');
const session = require('express-session');
const multer = require('multer');

const app = express();
app.use(express.json());

// Sessions live in this process's memory (no `store` is given).
app.use(session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));

// Uploaded photos are written to this server's own disk.
const upload = multer({ dest: 'uploads/' });

// Module-level state shared by every request this process serves.
const cache = {};
let hits = 0;

app.post('/login', (req, res) => {
  req.session.user = req.body.name;
  res.json({ ok: true });
});

app.post('/photos', upload.single('photo'), (req, res) => {
  res.status(201).json({ id: req.file.filename, owner: req.session.user });
});

app.get('/photos/:id', (req, res) => {
  hits += 1;
  if (!cache[req.params.id]) {
    cache[req.params.id] = { id: req.params.id, seenAt: Date.now() };
  }
  res.json({ photo: cache[req.params.id], hits });
});

app.listen(process.env.PORT || 3000);
