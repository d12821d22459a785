// The example with every piece of state in a backing service: it has no findings and must
// pass every check as it is.
export default {
  control: true,
  upload: { request: { method: 'POST', path: '/photos', file: 'photo' }, locate: ['url', 'location', 'key'] },
  counter: { hit: { method: 'POST', path: '/photos/p1/like' }, value: { json: 'likes' } },
};
