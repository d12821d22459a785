const express = require('express');
const session = require('express-session');
const FileStore = require('session-file-store')(session);

const app = express();
app.use(session({
  store: new FileStore({ path: './sessions' }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));
