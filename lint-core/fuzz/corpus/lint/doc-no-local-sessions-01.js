import express from 'express';
import session from 'express-session';
import passport from 'passport';

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
app.use(passport.initialize());
app.use(passport.session());

app.get('/dashboard', (req, res) => {
  res.json({ user: req.user ?? null });
});
