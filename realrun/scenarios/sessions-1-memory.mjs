// Log-in kept in the session.
export default {
  session: {
    login: { method: 'POST', path: '/login', json: { userId: 'alice' } },
    probe: { request: { method: 'GET', path: '/me' }, expect: { json: 'userId', equals: 'alice' } },
  },
  original: { session: /"userId" = null/ },
};
