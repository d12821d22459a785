import express from 'express';
import session, { SessionOptions } from 'express-session';

const options: SessionOptions = {
  secret: process.env.SESSION_SECRET ?? '',
  resave: false,
  saveUninitialized: false,
  cookie: { secure: true, maxAge: 60 * 60 * 1000 },
};

const app = express();
app.use(session(options));
