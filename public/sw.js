// The atlas's service worker: after a first visit the atlas works offline.
//
// - Pages (navigations): network first, so a new deploy shows on the next visit; offline,
//   the cached page (every address of the atlas is the same page, its view in the query).
// - /assets/*: Trunk names them by content hash, so they never change: cache first.
// Each time a page arrives, the assets it names are cached and the ones it no longer names
// are dropped, so the cache holds exactly one version of the atlas.
// Registered by the app (src/lib.rs) in release builds only: `trunk serve` stays uncached.
const CACHE = 'atlas-v1';
// An asset is what a tag loads: the `src` or `href` of a <script> or <link> under /assets/.
// Comments and text are left out first, so a word like "/assets/," in them is never taken
// for a file (it was: the host answered "/assets/," with the page, and it was cached).
const TAG = /<(?:script|link)\b[^>]*?\s(?:src|href)="(\/assets\/[^"]+)"/g;

/** The assets a page's tags load, each once. */
function assetsOf(html) {
  const tags = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...new Set([...tags.matchAll(TAG)].map((m) => m[1]))];
}

function isPage(response) {
  return (response.headers.get('content-type') || '').startsWith('text/html');
}

async function keepPage(response) {
  const html = await response.clone().text();
  const assets = assetsOf(html);
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  await cache.addAll(assets.filter((a) => !cached.has(a)));
  await cache.put('/', response);
  for (const path of cached) {
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(path);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-cache' })
      .then((response) => (response.ok ? keepPage(response) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only the atlas's own page is kept to show offline: not the embed's, nor a file
          // opened in a tab (the data package under /data/).
          if (response.ok && !url.pathname.startsWith('/embed') && isPage(response)) event.waitUntil(keepPage(response.clone()));
          return response;
        })
        .catch(async () => (await caches.match('/')) || Response.error()),
    );
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })),
    );
  }
});
