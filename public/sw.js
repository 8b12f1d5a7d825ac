// The atlas's service worker: after a first visit the atlas works offline.
//
// - Pages (navigations): network first, so a new deploy shows on the next visit; offline,
//   the cached page in the language the address asks for (every address of the atlas is
//   one of two pages, `/` in English and `/fr/` in French, its view in the query).
// - /assets/*: Trunk names them by content hash, so they never change: cache first.
// Each time a page arrives, the assets it names are cached and the ones it no longer names
// are dropped, with any page of another version, so the cache holds one version of the atlas.
// At install the worker keeps the page the visitor already has open, as the browser's HTTP
// cache holds it from that navigation: it never downloads the page a second time.
// Registered by the app (src/lib.rs) in release builds only: `trunk serve` stays uncached.
const CACHE = 'atlas-v1';
// The cache's key for the page in each language.
const PAGE_KEY = { en: '/', fr: '/fr/' };
// An asset is what a tag loads: the `src` or `href` of a <script> or <link> under /assets/.
// Comments and text are left out first, so a word like "/assets/," in them is never taken
// for a file (it was: the host answered "/assets/," with the page, and it was cached).
const TAG = /<(?:script|link)\b[^>]*?\s(?:src|href)="(\/assets\/[^"]+)"/g;
// The wasm is named by Trunk's loader, which fetches it once the page is painted
// (xtask/src/loader.rs), not by a tag.
const LOADER = /module_or_path: '(\/assets\/[^']+\.wasm)'/g;

/** The assets a page's tags and its loader load, each once. */
function assetsOf(html) {
  const tags = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...new Set([...tags.matchAll(TAG), ...tags.matchAll(LOADER)].map((m) => m[1]))];
}

/** The language of a page, from its `<html lang>`. */
function langOf(html) {
  return /<html[^>]*\slang="fr"/.test(html) ? 'fr' : 'en';
}

function isPage(response) {
  return (response.headers.get('content-type') || '').startsWith('text/html');
}

/** Whether a navigation to `url` is to a page of the atlas the worker keeps for offline use:
 *  not the embed's (it lives in other sites' frames), nor a file opened in a tab (the data
 *  package under /data/), nor "About the data" or "Page not found". */
function isAtlasAddress(url) {
  return ['/', '/index.html', '/fr', '/fr/', '/fr/index.html'].includes(url.pathname);
}

async function keepPage(response) {
  const html = await response.clone().text();
  const assets = assetsOf(html);
  const key = PAGE_KEY[langOf(html)];
  const cache = await caches.open(CACHE);
  const cached = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  await cache.addAll(assets.filter((a) => !cached.has(a)));
  await cache.put(key, response);
  // The other language's page stays only while it loads the same assets (the same build).
  for (const other of Object.values(PAGE_KEY).filter((k) => k !== key && cached.has(k))) {
    const page = await cache.match(other);
    const same = page && assetsOf(await page.text()).join() === assets.join();
    if (!same) await cache.delete(other);
  }
  for (const path of cached) {
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(path);
  }
}

/** The pages of the atlas open in a tab when the worker installs, taken from the HTTP cache
 *  ('force-cache': the copy their navigation stored, stale or not; the network only if the
 *  browser kept none). */
async function keepOpenPages() {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    const url = new URL(client.url);
    if (url.origin !== self.location.origin || !isAtlasAddress(url)) continue;
    const response = await fetch(client.url, { cache: 'force-cache' }).catch(() => undefined);
    if (response?.ok && isPage(response)) await keepPage(response);
  }
}

/** The language an address asks for: its `lang=`, else its path, else the browser's first. */
function wantedLang(url) {
  const lang = url.searchParams.get('lang');
  if (lang === 'fr' || lang === 'en') return lang;
  if (url.pathname === '/fr' || url.pathname.startsWith('/fr/')) return 'fr';
  return (self.navigator.languages?.[0] || self.navigator.language || '').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepOpenPages().then(() => self.skipWaiting()));
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
    // Other pages (About the data, the data package, the embed) are left to the network.
    if (!isAtlasAddress(url)) return;
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && isPage(response)) event.waitUntil(keepPage(response.clone()));
          return response;
        })
        .catch(async () => {
          const cache = await caches.open(CACHE);
          const wanted = PAGE_KEY[wantedLang(url)];
          return (await cache.match(wanted))
            || (await cache.match(wanted === '/' ? '/fr/' : '/'))
            || Response.error();
        }),
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
