const express = require('express');
const session = require('express-session');
const { sessionDefaults } = require('./config/session');

const app = express();
app.use(session({ ...sessionDefaults, secret: process.env.SESSION_SECRET }));
