import * as session from 'express-session';
const store: session.Store = new session.MemoryStore();
app.use(session({ store, secret: 'x' }));