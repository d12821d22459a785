const session = require('express-session');
const opts = { secret: 'x' };
if (process.env.NODE_ENV === 'production') opts.store = makeStore();
app.use(session(opts));