const session = require('express-session');
const FileStore = require('session-file-store')(session);
app.use(session({ store: new FileStore({ path: './sessions' }), secret: 'x' }));