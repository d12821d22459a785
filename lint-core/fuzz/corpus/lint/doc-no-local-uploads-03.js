const express = require('express');
const fs = require('fs/promises');

const app = express();
app.use(express.json());

app.post('/orders', async (req, res) => {
  const orders = JSON.parse(await fs.readFile('orders.json', 'utf8'));
  orders.push(req.body);
  await fs.writeFile('orders.json', JSON.stringify(orders));
  res.status(201).json({ count: orders.length });
});
