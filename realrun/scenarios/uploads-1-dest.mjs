// Photo uploads.
export default {
  folders: ['uploads'],
  upload: { request: { method: 'POST', path: '/photos', file: 'photo' }, locate: ['url', 'location', 'key', 'id'] },
  original: { upload: /NoSuchKey/ },
};
