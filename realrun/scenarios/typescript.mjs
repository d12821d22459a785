// TypeScript: report uploads, and a list of visits whose length the upload route answers.
const postReport = { method: 'POST', path: '/reports' };

export default {
  upload: { request: { ...postReport, file: 'report' }, locate: ['url', 'location', 'key', 'stored'] },
  // Every request is a visit, counted by a middleware; the upload route answers the total
  // when it runs, after multer has read the body — other requests' visits may be counted
  // by then even in one process, so the answers are a running total, not distinct values.
  counter: { hit: postReport, value: { json: 'visitsSoFar' }, runningTotal: true },
  original: {
    // The answer is a path on the machine that received the file.
    upload: /answered 404/,
    counter: /updates lost or kept apart/,
  },
};
