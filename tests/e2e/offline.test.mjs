// Offline use: after a first visit the service worker (public/sw.js) serves the atlas with
// the server gone, at any address; a new deploy is picked up on the next visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

/**
 * Runs `body({ dir, server, page, errors })` on a copy of dist/ (which a test may "deploy"
 * again) served on its own, in a fresh browser asking for `locale`; cleans up whatever
 * happens, and fails on an uncaught error in the page.
 */
async function onACopy(locale, body) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-offline-'));
  cpSync(resolve(process.env.DIST_DIR || 'dist'), dir, { recursive: true });
  const server = await startServer(dir);
  const browser = await launch();
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await body({ dir, server, page });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

test('after a first visit the atlas works offline; a new deploy shows on the next visit', () =>
  onACopy('en-GB', async ({ dir, server, page }) => {
    await page.goto(server.url + '/?sel=crane');
    await page.waitForSelector('#details-name');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(async () => {
      const keys = await (await caches.open('atlas-v1')).keys();
      return keys.some((k) => k.url.endsWith('.wasm')) && keys.some((k) => new URL(k.url).pathname === '/');
    });
    // The worker kept the page its first navigation brought (from the HTTP cache): the
    // page was downloaded once.
    assert.deepEqual(server.requests.filter((p) => p === '/'), ['/'], 'the page, once');
    // Exactly the page and what its tags load (scripts, styles, the preloaded wasm), plus
    // the tab icon once fetched: nothing taken from the page's text or comments.
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const tags = [...html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="(\/assets\/[^"]+)"|module_or_path: '(\/assets\/[^']+)'/g)].map((m) => m[1] || m[2]);
    assert.ok(html.includes('/assets/,'), 'the page\'s comment that once fooled the worker is still there');
    const cached = await page.evaluate(async () =>
      (await (await caches.open('atlas-v1')).keys()).map((k) => new URL(k.url).pathname).sort());
    const expected = ['/', ...new Set(tags)].sort();
    assert.deepEqual(cached.filter((p) => p !== '/favicon.svg'), expected);
    assert.ok(!cached.includes('/assets/,'), 'no "/assets/," from the comment');
    // The page, its one style sheet (xtask/src/styles.rs), the theme script, the loader
    // and the wasm.
    assert.equal(expected.length, 5, expected.join(' '));
    assert.equal(expected.filter((p) => p.endsWith('.css')).length, 1);
    assert.equal(expected.filter((p) => p.endsWith('.js')).length, 2);
    assert.equal(expected.filter((p) => p.endsWith('.wasm')).length, 1);

    // A new deploy: the next visit shows it (the page is fetched network-first).
    const index = join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head><meta name="deploy" content="2">'));
    await page.reload();
    await page.waitForSelector('#details-name');
    assert.equal(await page.getAttribute('meta[name="deploy"]', 'content'), '2');
    await page.waitForFunction(async () => {
      const cached = await caches.match('/');
      return cached && (await cached.text()).includes('name="deploy"');
    });

    // The server is gone: reloads and other addresses still open the atlas.
    await server.close();
    await page.reload();
    await page.waitForSelector('#details-name');
    assert.match(await page.textContent('#details-name'), /CraNE/);
    assert.equal(await page.getAttribute('meta[name="deploy"]', 'content'), '2', 'the newest deploy is the cached one');
    await page.goto(server.url + '/?sel=unicancer&lang=fr&view=table');
    await page.waitForSelector('.table');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  }));

test('offline, an address in French opens the French page a visit of /fr/ kept, from its first screen', () =>
  onACopy('en-GB', async ({ server, page }) => {
    await page.goto(server.url + '/fr/?sel=crane');
    await page.waitForSelector('#details-name');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(async () => Boolean(await (await caches.open('atlas-v1')).match('/fr/')));
    assert.deepEqual(server.requests.filter((p) => p.startsWith('/fr')), ['/fr/'], 'the French page, once');
    await server.close();
    // `/` in an English browser, but the address asks for French: the French page.
    const response = await page.goto(server.url + '/?lang=fr&sel=unicancer');
    assert.match(await response.text(), /<html lang="fr"/);
    await page.waitForSelector('#details-name');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  }));
