const { Server } = require('socket.io');
const io = new Server(3000);
const online = new Set();
io.on('connection', (socket) => {
  online.add(socket.id);
  socket.on('disconnect', () => {
    online.delete(socket.id);
  });
});