// Preload for apps that listen on a fixed port (`app.listen(3000)`). In production each
// instance would have its own network namespace (a container) and could keep 3000; on one
// test machine two instances need two ports, so the first numeric port given to
// `server.listen` is replaced by $PORT. Nothing else about the app changes.
const http = require('node:http');

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function listenOnPort(port, ...rest) {
  if (typeof port === 'number' && process.env.PORT) port = Number(process.env.PORT);
  return listen.call(this, port, ...rest);
};
