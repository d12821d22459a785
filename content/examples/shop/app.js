// A small shop split over several files, as real Express apps are: the app mounts the
// routers, the routers hand requests to controllers, and the controllers change data a
// model module keeps.
const express = require('express');
const sessions = require('./config/session');
const cartRoutes = require('./routes/cart');
const uploadRoutes = require('./routes/uploads');

const app = express();
app.use(express.json());
app.use(sessions);
app.use('/api/cart', cartRoutes);
app.use('/api/uploads', uploadRoutes);

app.listen(process.env.PORT || 3000);
