// Receipts: a log-in in the session, receipt uploads, and a per-user tally.
const postReceipt = { method: 'POST', path: '/receipts', file: 'receipt' };

export default {
  session: {
    login: { method: 'POST', path: '/login', json: { userId: 'alice' } },
    // Only a logged-in user may post a receipt (400 otherwise).
    probe: { request: postReceipt, expect: { status: 201 } },
  },
  upload: { request: postReceipt, locate: ['url', 'location', 'key', 'id'] },
  counter: { hit: postReceipt, value: { json: 'receipts' } },
  original: {
    session: /answered 400/,
    upload: /NoSuchKey/,
  },
};
