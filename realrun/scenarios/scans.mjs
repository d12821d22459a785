// Scans received by express-fileupload: parked in tmp/, moved into scans/.
export default {
  // The deployment ships both folders: express-fileupload creates neither.
  folders: ['tmp', 'scans'],
  upload: { request: { method: 'POST', path: '/scans', file: 'scan' }, locate: ['key'] },
  original: { upload: /NoSuchKey/ },
};
