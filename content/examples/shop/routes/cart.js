const express = require('express');
const cart = require('../controllers/cart');

const router = express.Router();
router.post('/', cart.add);
router.post('/checkout', cart.checkout);

module.exports = router;
