// Before app.js: the Module object the app starts from, and the page's own few handlers.
// In a file of its own, not inline, so that the server's Content-Security-Policy can allow
// only the site's own scripts.
// The app's files carry a hash of their content in their names (app/make_site.cmake writes
// them in for the placeholders): app.js asks where app.wasm is through locateFile.
var Module = {
  canvas: document.getElementById('canvas'),
  locateFile: function (path, prefix) { return path === 'app.wasm' ? '@APP_WASM@' : prefix + path; },
  SL: { fontUrl: '@FONT@' },
};
// The plans' IndexedDB database (IDBFS at /plans, see pre.js) is opened now, while app.js
// and app.wasm still download: on a first visit the browser creates it, which takes tens of
// ms. The schema is IDBFS's own (store FILE_DATA, index timestamp); pre.js hands the open
// database to IDBFS only when it has that store, else IDBFS opens it itself as before. A
// database made just now holds no plans, so there is nothing to read from it (storageNew).
Module.SL.storageOpen = new Promise(function (resolve) {
  try {
    var request = indexedDB.open('/plans');
    request.onupgradeneeded = function (e) {
      Module.SL.storageNew = e.oldVersion === 0;
      var db = request.result;
      var store = db.objectStoreNames.contains('FILE_DATA') ? request.transaction.objectStore('FILE_DATA')
        : db.createObjectStore('FILE_DATA');
      if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function (e) { e.preventDefault(); resolve(null); };
  } catch (e) {
    resolve(null);  // no IndexedDB here: IDBFS reports it
  }
});
// The service worker (offline start) is registered once the app runs, so that its
// downloads do not compete with the first start.
Module.SL.onReady = function () {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('service-worker.js');
};
