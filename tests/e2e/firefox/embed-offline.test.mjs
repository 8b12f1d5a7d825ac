// The embed inside another site's frame, and offline use after a visit, in Debian's
// Firefox ESR: the outcomes ../embed.test.mjs and ../offline.test.mjs assert in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../server.mjs';
import { useSite, openPage, text, attr, count } from './browser.mjs';

const site = useSite();

// A partner's page on a second loopback origin (another port) that frames what its query
// names, and records every message it receives.
let host;
before(async () => {
  host = createServer((req, res) => {
    const q = new URL(req.url, 'http://host').searchParams;
    if (req.url === '/missing') {
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*' });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>A partner's article</title>
<h1>A partner's article</h1>
<iframe id="atlas" src="${site.url}${q.get('path')}" width="${q.get('w')}" height="${q.get('h')}" style="border:0" title="Cancer Cooperation Atlas"></iframe>
<script>window.messages = []; addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));</script>`);
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  host.url = `http://127.0.0.1:${host.address().port}`;
});
after(() => new Promise((done) => host.close(done)));

/** The host page framing `path` at w × h; the frame once it has navigated to the atlas. */
async function embed(path, w, h) {
  // The partner's page is the page's own origin here; the atlas in its frame is the
  // other one, and requests to it are the frame's, so both origins are allowed.
  const opened = await openPage(await site.firefox(), host.url, { viewport: { width: w + 40, height: h + 160 } });
  const atlasOrigin = new URL(site.url).origin;
  opened.problems.splice(0);
  const thirdParty = (p) => p.startsWith('third-party request: ') && new URL(p.slice(21)).origin === atlasOrigin;
  await opened.page.goto(`${host.url}/?path=${encodeURIComponent(path)}&w=${w}&h=${h}`);
  const frameElement = await opened.page.waitForSelector('#atlas');
  const frame = await frameElement.contentFrame();
  return { ...opened, frame, problems: () => opened.problems.filter((p) => !thirdParty(p)) };
}

test('Firefox ESR: the embed in a partner page on another origin shows its view, responds to a click and posts its height', async () => {
  const { page, frame, context, problems } = await embed('/embed?sel=crane&lang=fr&date=2025-06-01', 640, 480);
  await frame.waitForSelector('.map__markers .map__cluster, .map__markers .map__marker', { timeout: 30_000 });
  await frame.waitForSelector('#details-name');
  assert.match(await text(frame, '#details-name'), /CraNE/);
  for (const absent of ['.site-header', '.toolbar', '.site-footer', '.skip-link']) {
    assert.equal(await count(frame, absent), 0, absent);
  }
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'fr');
  assert.match(await text(frame, '.embed-bar__open'), /Ouvrir dans l’Atlas de la coopération contre le cancer/);
  assert.equal(await attr(frame, '.embed-bar__open', 'target'), '_blank');
  const href = new URL(await attr(frame, '.embed-bar__open', 'href'));
  assert.equal(href.origin + href.pathname, site.url + '/');
  assert.equal(href.searchParams.get('sel'), 'crane');
  assert.match(await text(frame, '.embed-bar__source'), /^Source\u202f: Atlas de la coopération contre le cancer · \d+ sources citées$/);
  const { scroll, client } = await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
  assert.ok(scroll <= client + 1, `content ${scroll} px in a ${client} px frame`);
  // The height the view asks for at 640 px wide (src/ui/embed.rs, preferred_height).
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'cancer-atlas:height'));
  const heights = await page.evaluate(() => window.messages.filter((m) => m.data?.type === 'cancer-atlas:height'));
  assert.equal(heights.at(-1).origin, site.url);
  assert.equal(heights.at(-1).data.height, 544);
  // A click inside the frame: a timeline item selects its record; the bar's link follows.
  const id = await frame.$eval('.timeline__item:not([data-id="crane"])', (g) => g.dataset.id);
  await frame.click(`.timeline__item[data-id="${id}"] :is(.timeline__bar, .timeline__dot)`);
  await frame.waitForSelector(`.embed-bar__open[href*="sel=${id}"]`);
  assert.doesNotMatch(await text(frame, '#details-name'), /CraNE/);
  // A wider frame asks for more height.
  await page.evaluate(() => { document.getElementById('atlas').width = '1000'; });
  await page.waitForFunction(() => window.messages.some((m) => m.data?.height === 760));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('Firefox ESR: the atlas itself refuses to run in that partner page\'s frame', async () => {
  const { frame, context } = await embed('/?sel=crane', 640, 480);
  await new Promise((done) => setTimeout(done, 1500));
  const shown = await frame.evaluate(() => document.querySelectorAll('.brand__title, .map').length).catch(() => 0);
  assert.equal(shown, 0, 'the atlas does not run in another site\'s frame');
  await context.close();
});

test('Firefox ESR: after a first visit the atlas works offline; a new deploy shows on the next visit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-offline-firefox-'));
  cpSync(resolve(process.env.DIST_DIR || 'dist'), dir, { recursive: true });
  const server = await startServer(dir);
  const { page, problems, context } = await openPage(await site.firefox(), server.url);
  try {
    await page.goto(server.url + '/?sel=crane');
    await page.waitForSelector('#details-name', { timeout: 30_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(async () => {
      const keys = await (await caches.open('atlas-v1')).keys();
      return keys.some((k) => k.url.endsWith('.wasm')) && keys.some((k) => new URL(k.url).pathname === '/');
    }, { timeout: 30_000 });
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // What the page's tags load, and the wasm its loader fetches after the first paint.
    const tags = [...html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="(\/assets\/[^"]+)"|module_or_path: '(\/assets\/[^']+)'/g)].map((m) => m[1] || m[2]);
    const cached = await page.evaluate(async () =>
      (await (await caches.open('atlas-v1')).keys()).map((k) => new URL(k.url).pathname).sort());
    assert.deepEqual(cached.filter((p) => p !== '/favicon.svg'), ['/', ...new Set(tags)].sort());

    // A new deploy: the next visit shows it (the page is fetched network-first).
    const index = join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', '<head><meta name="deploy" content="2">'));
    await page.reload();
    await page.waitForSelector('#details-name', { timeout: 30_000 });
    assert.equal(await attr(page, 'meta[name="deploy"]', 'content'), '2');
    await page.waitForFunction(async () => {
      const hit = await caches.match('/');
      return hit && (await hit.text()).includes('name="deploy"');
    });

    // The server is gone (closed, not emulated: the page must live on the worker alone):
    // reloads and other addresses still open the atlas.
    await server.close();
    const offline = problems.length;
    await page.reload();
    await page.waitForSelector('#details-name', { timeout: 30_000 });
    assert.match(await text(page, '#details-name'), /CraNE/);
    assert.equal(await attr(page, 'meta[name="deploy"]', 'content'), '2', 'the newest deploy is the cached one');
    await page.goto(server.url + '/?sel=unicancer&lang=fr&view=table');
    await page.waitForSelector('.table', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.deepEqual(problems.slice(0, offline), [], 'online');
    assert.deepEqual(problems.slice(offline), [], 'offline');
  } finally {
    await context.close();
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Firefox ESR: the watch on every journey sees a console error, an uncaught exception, an HTTP error, a failed request, a third-party request and a CSP violation', async () => {
  // The atlas's own page, which then visits a page of another origin.
  const { page, problems, context } = await site.open('/', {}, '.brand__title');
  await page.evaluate(async () => {
    console.error('a deliberate console error');
    setTimeout(() => { throw new Error('a deliberate uncaught error'); });
    const abort = new AbortController();
    const pending = fetch('/assets/', { signal: abort.signal }).catch(() => {});
    abort.abort();
    await pending;
    // Refused by the site's img-src 'self': never leaves the browser.
    const img = new Image();
    img.src = 'http://127.0.0.2:9/pixel.png';
    document.body.append(img);
  });
  await page.goto(`${host.url}/?path=/embed&w=320&h=240`);
  await page.evaluate(() => fetch('/missing'));
  const kinds = ['console error: a deliberate console error', 'uncaught: Error: a deliberate uncaught error',
    'HTTP 404: ', 'request failed: ', 'third-party request: ', 'uncaught: Content-Security-Policy: '];
  for (let i = 0; i < 50 && !kinds.every((k) => problems.some((p) => p.startsWith(k))); i++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  for (const kind of kinds) assert.ok(problems.some((p) => p.startsWith(kind)), `${kind} in ${JSON.stringify(problems, null, 1)}`);
  await context.close();
});
