const express = require('express');
const app = express();
const users = [{ id: 1, name: 'a' }];
const byId = new Map(users.map((u) => [u.id, u]));
let version = 3;
app.get('/users/:id', (req, res) => {
  const user = users.find((u) => u.id === Number(req.params.id));
  res.json({ user, other: byId.get(2), n: users.length, version });
});