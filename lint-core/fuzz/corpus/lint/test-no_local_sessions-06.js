import session from 'express-session';
import RedisStore from 'connect-redis';
app.use(session({ store: new RedisStore({ client }), secret: 'x' }));