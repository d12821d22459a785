const fs = require('fs');
fs.mkdirSync('logs', { recursive: true });
fs.writeFileSync('server.pid', String(process.pid));
app.listen(3000, () => fs.writeFileSync('ready', '1'));