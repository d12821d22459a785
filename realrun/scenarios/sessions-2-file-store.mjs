// Cart of products from PostgreSQL, kept in the session.
export default {
  sql: [
    'CREATE TABLE products (id integer PRIMARY KEY, price numeric NOT NULL)',
    'INSERT INTO products (id, price) VALUES (1, 9.50), (2, 4.25)',
  ],
  session: {
    login: { method: 'POST', path: '/cart/items', json: { productId: 1 } },
    probe: { request: { method: 'GET', path: '/cart' }, expect: { json: '0.id', equals: 1 } },
  },
  original: { session: /"0.id" = undefined/ },
};
