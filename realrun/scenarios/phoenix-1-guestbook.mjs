// Guestbook: every signed message is kept, and each answer counts them.
export default {
  adds: {
    add: (i) => ({ method: 'POST', path: '/guestbook', json: { name: `guest${i}`, text: `hello ${i}` } }),
    value: { json: 'count' },
    total: { request: { method: 'GET', path: '/guestbook' }, expect: { json: 'length', equals: 20 } },
  },
  original: { adds: /distinct values/ },
};
