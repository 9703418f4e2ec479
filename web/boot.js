// Before app.js: the Module object the app starts from, and the page's own few handlers.
// In a file of its own, not inline, so that the server's Content-Security-Policy can allow
// only the site's own scripts.
var Module = { canvas: document.getElementById('canvas'), SL: { fontUrl: 'DejaVuSans.ttf' } };
// The service worker (offline start) is registered once the app runs, so that its
// downloads do not compete with the first start.
Module.SL.onReady = function () {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('service-worker.js');
};
