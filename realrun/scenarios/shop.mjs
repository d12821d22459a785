// The shop (content/examples/shop, a folder run as a project): sessions in express-session's
// memory, carts by session id and the orders placed in a model module that a controller
// changes, photo uploads kept on the disk.
const addToCart = (sku) => ({ method: 'POST', path: '/api/cart', json: { sku } });

export default {
  // multer's `dest: 'uploads/'` folder, relative to the working folder.
  folders: ['uploads'],
  // The cart put together on A is the one B answers with: the session and the cart are
  // both shared.
  session: {
    login: addToCart('first'),
    probe: { request: addToCart('second'), expect: { json: '0.sku', equals: 'first' } },
  },
  upload: { request: { method: 'POST', path: '/api/uploads', file: 'photo' }, locate: ['file'] },
  // Items added at the same moment from one session, over A and B: the cart answered after
  // the burst has every one of them (an add answers the whole cart, so concurrent answers
  // may repeat a length; none may be lost).
  counter: { hit: addToCart('item'), value: { json: 'length' }, runningTotal: true },
  // Orders placed at the same moment by visitors of their own (so that checking out does
  // not empty the cart above): each answers its order's number, one after the other.
  adds: {
    add: () => ({ method: 'POST', path: '/api/cart/checkout', anonymous: true }),
    value: { json: 'order' },
  },
  // Items put in the cart while it is checked out, from one session over A and B: each
  // ends up in exactly one order (a checkout answers its items).
  takes: {
    add: (i) => addToCart(`taken-${i}`),
    take: { method: 'POST', path: '/api/cart/checkout' },
    items: { json: 'items' },
    id: (item) => item.sku,
  },
  original: {
    // B knows neither the session nor the cart: it starts a new one.
    session: /"0\.sku" = "second", expected "first"/,
    upload: /NoSuchKey/,
    // Each instance keeps its own carts (and sessions): adds made on the other are missing.
    counter: /updates lost or kept apart/,
    // Each instance numbers the orders it keeps.
    adds: /distinct values/,
    // Each instance keeps its own sessions and carts: what was added on one is not
    // checked out on the other.
    takes: /never taken/,
  },
};
