const session = require('express-session');
const sessionOptions = { secret: process.env.SECRET, cookie: { maxAge: 60000 } };
app.use(session(sessionOptions));