// Shop cart kept in the session (session-file-store in ./sessions).
export default {
  preload: ['listen-on-port.cjs'],
  session: {
    login: { method: 'POST', path: '/cart/apple' },
    probe: { request: { method: 'GET', path: '/cart' }, expect: { json: 'cart.0', equals: 'apple' } },
  },
  original: { session: /"cart.0" = undefined/ },
};
