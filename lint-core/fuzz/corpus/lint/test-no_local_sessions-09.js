const session = require('express-session');
const { RedisStore } = require('connect-redis');
function mount(app, session) {
  app.use(session({ secret: 'x' }));
}
app.use(session({ store: new RedisStore({ client }), secret: 'x' }));