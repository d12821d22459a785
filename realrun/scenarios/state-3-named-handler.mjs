// Presence: every user seen by any instance counts as online.
export default {
  // trackPresence reads req.user, which an authentication layer outside the exercise sets.
  preload: ['user-from-header.cjs'],
  adds: {
    add: (i) => ({ method: 'GET', path: '/online', headers: { 'x-user': `user${i}` } }),
    total: { request: { method: 'GET', path: '/online' }, expect: { json: 'online', equals: 50 } },
  },
  // Each instance counts only the users it saw.
  original: { adds: /"online" = 25/ },
};
