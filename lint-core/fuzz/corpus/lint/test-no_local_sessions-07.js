const session = require('express-session');
app.use(session({ store: new (require('connect-pg-simple')(session))({ pool }), secret: 'x' }));