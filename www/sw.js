// Service worker of the hosted calculator: after the first visit the site works with no network.
// - install:  caches every file of this version (the list and the version come from sw-precache.js, written by
//             scripts/sw-precache.mjs at build time; the version is a hash of the files, so any change to them
//             changes this worker's imported script and the browser installs the new worker)
// - activate: deletes the caches of older versions and takes over the open pages
// - fetch:    cache first (query strings ignored: index.html?embed=1 is index.html), then the network
importScripts('sw-precache.js');

const PREFIX = 'minzheng-calc-';
const { version, files } = self.MINZHENG_PRECACHE;
const CACHE = PREFIX + version;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Bypass the HTTP cache so the new version's files are really the new ones.
    await cache.addAll(files.map((file) => new Request(file, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    // caches.match (not caches.open) so a worker that is being replaced never re-creates its deleted cache.
    const hit = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      // Offline and not cached: a page navigation still gets the calculator.
      if (request.mode === 'navigate') {
        const page = await caches.match('index.html', { cacheName: CACHE });
        if (page) return page;
      }
      throw error;
    }
  })());
});
