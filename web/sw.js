// goscope's service worker: a visited site keeps working offline.
//
// - Hashed assets (trunk puts a content hash in the wasm, JS glue and CSS names, and
//   `cargo xtask build` in the bootstrap's): cache first. A new build has new names, so a
//   cached file is never stale.
// - Everything else (index.html, the loader script, the demo page): network first, falling
//   back to the cache when offline, so an update is seen as soon as the network answers.
// `cargo xtask build` (xtask/src/release.rs) replaces PRECACHE with every file of dist/ and
// BUILD with a hash of them: installing caches the whole site at once, and a new build is a
// new cache whose activation deletes the old ones. The app registers this worker in release
// builds only (`trunk serve` would otherwise cache development builds).
'use strict';

const BUILD = 'dev';
const PRECACHE = [];
const CACHE = 'goscope-' + BUILD;
// Trunk prints its 64-bit content hash without leading zeros: 12 to 16 hex digits.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(['./'].concat(PRECACHE)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('goscope-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

function remember(request, response) {
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((r) => remember(request, r))),
    );
    return;
  }
  event.respondWith(
    fetch(request)
      .then((r) => remember(request, r))
      .catch(() => caches.match(request, { ignoreSearch: true })
        .then((hit) => hit || (request.mode === 'navigate' ? caches.match('./') : undefined))
        .then((hit) => hit || Response.error())),
  );
});
