const express = require('express');
const session = require('express-session');
const MongoStore = require('connect-mongo');

const app = express();
app.use(session({
  store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }),
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: false,
}));
