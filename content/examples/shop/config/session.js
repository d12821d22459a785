const session = require('express-session');

// No `store` given: express-session keeps every session in this process's memory.
module.exports = session({
  secret: process.env.SESSION_SECRET,
  resave: false,
  saveUninitialized: true,
});
