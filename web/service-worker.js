// Caches the app (page, script, WebAssembly, font) so that after the first visit it starts
// without network. The cache name carries a hash of the build (make_site.cmake), so a new
// build is fetched on install and the old cache removed on activate.
const CACHE = 'plan-samenleven-@BUILD_VERSION@';
// The app's files by the names the build gave them (their content's hash, make_site.cmake).
const FILES = ['./', 'index.html', '@BOOT_JS@', '@APP_JS@', '@APP_WASM@', '@FONT@', 'manifest.webmanifest', '@ICON@'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('plan-samenleven-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()));
});

// Cache first: the app's files only change with a new service worker.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // The sync API always goes to the network (app/sync_client.cpp).
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.includes('/api/')) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then((hit) => {
        if (hit) return hit;
        if (request.mode === 'navigate') return cache.match('index.html').then((page) => page || fetch(request));
        return fetch(request);
      })));
});
