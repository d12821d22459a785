// TypeScript: report uploads, and a list of visits whose length the upload route answers.
const postReport = { method: 'POST', path: '/reports' };

export default {
  upload: { request: { ...postReport, file: 'report' }, locate: ['url', 'location', 'key', 'stored'] },
  // Every request is a visit; a request without a file still answers visitsSoFar.
  counter: { hit: postReport, value: { json: 'visitsSoFar' } },
  original: {
    // The answer is a path on the machine that received the file.
    upload: /answered 404/,
    counter: /distinct values/,
  },
};
