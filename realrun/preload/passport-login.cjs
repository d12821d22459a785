// Preload for apps that mount passport but configure no strategy and no log-in route
// (sessions-3 keeps that out of the exercise). It adds what such an app has elsewhere:
// user (de)serialisation and a log-in endpoint, POST /__realrun/login with the user id in
// `x-user`, which calls passport's own `req.login`, so the session store under test is
// what keeps the log-in. It answers right after passport.session(), where a log-in route of
// the app would sit; every other request goes on to the app unchanged.
const passport = require('passport');

passport.serializeUser((user, done) => done(null, user.id));
passport.deserializeUser((id, done) => done(null, { id, name: id }));

const session = passport.session.bind(passport);
passport.session = function sessionWithLogin(...args) {
  const restore = session(...args);
  return (req, res, next) => restore(req, res, (err) => {
    if (err) return next(err);
    if (req.method !== 'POST' || req.path !== '/__realrun/login') return next();
    req.login({ id: req.get('x-user'), name: req.get('x-user') }, (loginErr) => {
      if (loginErr) return next(loginErr);
      res.json({ ok: true });
    });
  });
};
