const express = require('express');
const app = express();
const users = [];
function seed() {
  users.push({ id: 1 });
}
seed();
app.get('/users', (req, res) => res.json(users));