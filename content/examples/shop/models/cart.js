// The carts of every visitor, by session id, and the orders placed.
const carts = new Map();
const orders = [];

module.exports = { carts, orders };
