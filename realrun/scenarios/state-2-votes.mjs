// Poll: every vote is counted once, whichever instance receives it.
export default {
  adds: {
    add: () => ({ method: 'POST', path: '/polls/p1/votes', json: { option: 'yes' } }),
    total: { request: { method: 'GET', path: '/polls/p1/results' }, expect: { json: 'yes', equals: 50 } },
  },
  // Each instance counts only the votes it received.
  original: { adds: /"yes" = 25/ },
};
