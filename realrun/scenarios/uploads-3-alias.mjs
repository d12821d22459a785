// Document uploads; the solution hands out presigned URLs instead of receiving the file.
export default {
  upload: {
    // Asked first: an app that signs uploads answers with an upload URL the file is PUT to.
    presign: { request: { method: 'POST', path: '/documents', json: { contentType: 'image/png' } }, url: 'uploadUrl' },
    request: { method: 'POST', path: '/documents', file: 'document' },
    locate: ['url', 'location', 'key', 'id'],
  },
  original: { upload: /NoSuchKey/ },
};
