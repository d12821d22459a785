// Avatar uploads written to ./avatars and served back by express.static.
export default {
  preload: ['listen-on-port.cjs'],
  // The avatars folder ships with the deployment (multer does not create a folder that a
  // destination callback names).
  folders: ['avatars'],
  upload: { request: { method: 'POST', path: '/avatar', file: 'avatar' }, locate: ['url', 'location', 'key'] },
  original: { upload: /answered 404/ },
};
