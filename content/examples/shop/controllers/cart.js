const { carts, orders } = require('../models/cart');

exports.add = (req, res) => {
  const items = carts.get(req.session.id) || [];
  carts.set(req.session.id, [...items, req.body]);
  res.status(201).json(carts.get(req.session.id));
};

exports.checkout = (req, res) => {
  const items = carts.get(req.session.id) || [];
  orders.push({ items, at: Date.now() });
  carts.delete(req.session.id);
  res.json({ order: orders.length, items });
};
