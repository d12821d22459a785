// Preload for apps whose handlers read `req.user` but which leave authentication to a
// middleware they do not contain (state-3's presence tracker). Every Express app gets, as
// its first middleware, what such an authentication layer would do: `req.user` from the
// `x-user` request header. The app's own middleware and handlers run unchanged.
const express = require('express');

const init = express.application.init;
express.application.init = function initWithUser(...args) {
  init.apply(this, args);
  this.use((req, _res, next) => {
    const id = req.get('x-user');
    if (id) req.user = { id, name: id };
    next();
  });
};
