// Ticket dispenser whose count is already in Redis, read and written back.
export default {
  counter: { hit: { method: 'POST', path: '/tickets' }, value: { json: 'ticket' } },
  // Concurrent requests read the same count and hand out the same ticket.
  original: { counter: /distinct values/ },
};
