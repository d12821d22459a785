// Avatar uploads served back from the avatars folder.
export default {
  // The folder the destination callback names ships with the deployment.
  folders: ['public/avatars'],
  upload: { request: { method: 'POST', path: '/avatars', file: 'avatar' }, locate: ['url', 'location', 'key'] },
  original: { upload: /answered 404/ },
};
