// Visit counter.
export default {
  counter: { hit: { method: 'GET', path: '/' }, value: { text: /visitor number (\d+)/ } },
  original: { counter: /distinct values/ },
};
