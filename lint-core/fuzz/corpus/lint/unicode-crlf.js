// café 😀 sessions
const session = require('express-session');
const app = require('express')();
const label = '📸 photos   line';
app.use(session({ secret: '🔑' }));
let hits = 0;
app.get('/é', (req, res) => { hits++; res.send(label + hits); });
