const app = require('express')();
const session = require('express-session');
const passport = require('passport');
app.use(session({ secret: 'x' }));
app.use(passport.initialize());
app.use(passport.session());