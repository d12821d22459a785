// Dashboard behind a passport log-in kept in the session.
export default {
  // The app mounts passport without a strategy or a log-in route; the preload adds them.
  preload: ['passport-login.cjs'],
  session: {
    login: { method: 'POST', path: '/__realrun/login', headers: { 'x-user': 'alice' } },
    probe: { request: { method: 'GET', path: '/dashboard' }, expect: { json: 'user', equals: 'alice' } },
  },
  // B does not know the session and sends the visitor to /login.
  original: { session: /answered 302/ },
};
