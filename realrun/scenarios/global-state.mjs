// URL shortener: links and the next id are the state; ids must not collide across instances.
export default {
  preload: ['listen-on-port.cjs'],
  adds: {
    add: (i) => ({ method: 'POST', path: '/links', json: { url: `https://example.com/page/${i}` } }),
    id: { json: 'id' },
    verify: (id, i) => ({
      request: { method: 'GET', path: `/${id}` },
      expect: { status: 302, header: 'location', equals: `https://example.com/page/${i}` },
    }),
  },
  original: { adds: /distinct ids/ },
};
