// Applies the saved theme before anything paints, so a dark page never flashes white.
// A file rather than an inline script, so the Content-Security-Policy in index.html needs
// no 'unsafe-inline'. Loaded as a classic, blocking script in <head> on purpose.
(function () {
  var pref = 'system';
  try { pref = JSON.parse(localStorage.getItem('phoenix-playground.theme')) || 'system'; } catch (e) {}
  var dark = pref === 'dark' || (pref !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
