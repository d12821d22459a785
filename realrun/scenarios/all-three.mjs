// Photo API: a log-in kept in the session, photo uploads, and a hit counter.
const uploadPhoto = { method: 'POST', path: '/photos', file: 'photo' };

export default {
  // multer's `dest: 'uploads/'` folder, relative to the working folder.
  folders: ['uploads'],
  session: {
    login: { method: 'POST', path: '/login', json: { name: 'alice' } },
    // The only route that shows the session: an upload answers with its owner.
    probe: { request: uploadPhoto, expect: { json: 'owner', equals: 'alice' } },
  },
  upload: { request: uploadPhoto, locate: ['url', 'location', 'key', 'id'] },
  counter: { hit: { method: 'GET', path: '/photos/p1' }, value: { json: 'hits' } },
  original: {
    session: /"owner" = undefined/,
    upload: /NoSuchKey/,
    counter: /distinct values/,
  },
};
