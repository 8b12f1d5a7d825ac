// The embed (/embed): other sites may frame it, and no other page; in a host page on
// another origin it shows the view its address names, responds to clicks, tells the host
// its height, opens links in a new tab, passes axe, and a broken address gives the same
// short notice as the atlas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { useSite } from './harness.mjs';
import { injectAxe } from './browser.mjs';

const site = useSite();

// A page on a second origin (another port) that embeds what its query names, at the size
// it names, and records every message it receives.
let host;
before(async () => {
  host = createServer((req, res) => {
    const q = new URL(req.url, 'http://host').searchParams;
    if (q.has('code')) {
      // A plain page holding the code "Embed this view" gave, pasted as it is.
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Pasted</title><h1>Pasted</h1>${q.get('code')}`);
      return;
    }
    const src = `${site.url}${q.get('path') || '/embed'}`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>A partner's article</title>
<h1>A partner's article</h1>
<iframe id="atlas" src="${src}" width="${q.get('w') || 640}" height="${q.get('h') || 480}" style="border:0" title="Cancer Cooperation Atlas"></iframe>
<script>window.messages = []; addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));</script>`);
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  host.url = `http://127.0.0.1:${host.address().port}`;
});
after(() => new Promise((done) => host.close(done)));

/** Opens the host page framing `path` at w × h; resolves to { page, frame, context, errors }. */
async function embed(path, w = 640, h = 480, options = {}) {
  const context = await site.browser.newContext({ viewport: { width: w + 40, height: h + 160 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${host.url}/?path=${encodeURIComponent(path)}&w=${w}&h=${h}`);
  const frame = page.frameLocator('#atlas');
  return { page, frame, context, errors };
}

const policy = (response) => Object.fromEntries(
  (response.headers.get('content-security-policy') || '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
);

test('only the embed may be framed: its policy allows any site, every page of the atlas refuses', async () => {
  for (const path of ['/embed', '/embed/', '/embed?sel=crane&lang=fr']) {
    const response = await fetch(site.url + path);
    assert.equal(response.status, 200, path);
    assert.deepEqual(policy(response)['frame-ancestors'], ['*'], path);
    assert.equal(response.headers.get('x-frame-options'), null, path);
    assert.deepEqual(policy(response)['script-src'].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
    assert.match(await response.text(), /<meta name="robots" content="noindex">/);
  }
  for (const path of ['/', '/?lang=fr', '/index.html', '/fr/', '/fr/index.html']) {
    const response = await fetch(site.url + path);
    assert.equal(response.status, 200, path);
    assert.deepEqual(policy(response)['frame-ancestors'], ["'none'"], path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
  }
  // Any other address is "Page not found" (netlify.test.mjs), which runs nothing.
  const elsewhere = await fetch(site.url + '/no/such/page?sel=crane', { redirect: 'manual' });
  assert.equal(elsewhere.status, 404);
  assert.doesNotMatch(await elsewhere.text(), /<script/);
});

test('a partner page on another origin shows a view, which responds to a click and posts its height', async () => {
  const { page, frame, context, errors } = await embed('/embed?sel=crane&lang=fr&date=2025-06-01', 640, 480);
  await frame.locator('.map__markers .map__cluster, .map__markers .map__marker').first().waitFor({ timeout: 30_000 });
  await frame.locator('#details-name').waitFor();
  assert.match(await frame.locator('#details-name').textContent(), /CraNE/);
  // A view made for a frame: no site header, toolbar, footer or skip link; the bar instead.
  for (const absent of ['.site-header', '.toolbar', '.site-footer', '.skip-link']) {
    assert.equal(await frame.locator(absent).count(), 0, absent);
  }
  assert.equal(await frame.locator('html').getAttribute('lang'), 'fr');
  const open = frame.locator('.embed-bar__open');
  assert.match(await open.textContent(), /Ouvrir dans l’Atlas de la coopération contre le cancer/);
  assert.equal(await open.getAttribute('target'), '_blank');
  const href = new URL(await open.getAttribute('href'));
  assert.equal(href.origin + href.pathname, site.url + '/');
  assert.equal(href.searchParams.get('sel'), 'crane');
  assert.equal(href.searchParams.get('lang'), 'fr');
  assert.match(await frame.locator('.embed-bar__source').textContent(), /^Source\u202f: Atlas de la coopération contre le cancer · \d+ sources citées$/);
  // Everything fits the frame: nothing to scroll.
  const { scroll, client } = await frame.locator('html').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  assert.ok(scroll <= client + 1, `content ${scroll} px in a ${client} px frame`);

  // The height the view asks for at 640 px wide (src/ui/embed.rs, preferred_height).
  await page.waitForFunction(() => window.messages.some((m) => m.data?.type === 'cancer-atlas:height'));
  const heights = await page.evaluate(() => window.messages.filter((m) => m.data?.type === 'cancer-atlas:height'));
  assert.equal(heights.at(-1).origin, site.url);
  assert.equal(heights.at(-1).data.height, 544);

  // A click inside the frame: a timeline item selects its record, and the bar's link
  // follows the view.
  const item = frame.locator('.timeline__item:not([data-id="crane"])').first();
  const id = await item.getAttribute('data-id');
  // On the bar or dot itself: a thin item's centre may fall beside it.
  await item.locator(':is(.timeline__bar, .timeline__dot)').first().click();
  await frame.locator(`.embed-bar__open[href*="sel=${id}"]`).waitFor();
  assert.doesNotMatch(await frame.locator('#details-name').textContent(), /CraNE/);

  // A wider frame asks for more height.
  await page.evaluate(() => { document.getElementById('atlas').width = '1000'; });
  await page.waitForFunction(() => window.messages.some((m) => m.data?.height === 760));
  assert.deepEqual(errors, []);
  await context.close();
});

test('links that leave the view open in a new tab, never in the frame', async () => {
  const { frame, context } = await embed('/embed?sel=crane', 800, 600);
  await frame.locator('#details-name').waitFor({ timeout: 30_000 });
  const links = await frame.locator('a[href]').evaluateAll((all) => all.map((a) => ({
    href: a.getAttribute('href'), target: a.getAttribute('target'), sel: a.hasAttribute('data-sel'),
  })));
  assert.ok(links.length > 3);
  for (const link of links.filter((l) => !l.sel && !l.href.startsWith('#'))) {
    assert.equal(link.target, '_blank', link.href);
  }
  await context.close();
});

test('the atlas itself still refuses that partner page', async () => {
  const { frame, context } = await embed('/?sel=crane', 640, 480);
  await new Promise((done) => setTimeout(done, 1500));
  const shown = await frame.locator('.brand__title, .map').count().catch(() => 0);
  assert.equal(shown, 0, 'the atlas does not run in another site\'s frame');
  await context.close();
});

test('a broken embed address shows the default view with the short notice, never a blank frame', async () => {
  const { frame, context, errors } = await embed('/embed?zoom=9&sel=atlantis&date=2023-13-45&lang=de', 640, 480);
  await frame.locator('.notice').waitFor({ timeout: 30_000 });
  const notice = await frame.locator('.notice').textContent();
  for (const part of ['zoom', 'atlantis', 'date', 'lang']) assert.ok(notice.includes(part), `${part} in: ${notice}`);
  await frame.locator('.map__markers .map__cluster').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an embed whose data cannot load says so inside the frame, in its language, over the atlas\'s data', async () => {
  const { frame, context } = await embed('/embed?data=%2Fno-such-dataset.json&lang=fr', 640, 480);
  await frame.locator('.source-note, [role="alert"]').first().waitFor({ timeout: 30_000 });
  const note = await frame.locator('.source-note, [role="alert"]').first().textContent();
  assert.match(note, /no-such-dataset\.json/);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'fr');
  await frame.locator('.map__markers .map__cluster').first().waitFor();
  await context.close();
});

test('the embed works by keyboard and axe finds no violation in it (en, fr; light, dark)', async () => {
  for (const [lang, colorScheme] of [['en', 'light'], ['fr', 'dark']]) {
    const context = await site.browser.newContext({ viewport: { width: 640, height: 480 }, colorScheme });
    const page = await context.newPage();
    await page.goto(`${site.url}/embed?sel=crane&lang=${lang}`);
    await page.waitForSelector('.timeline__item');
    await injectAxe(page);
    const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(violations.map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`), [], `${lang} ${colorScheme}`);
    // Tab reaches the map, the timeline, then (from the card) the bar's link and the
    // language; Enter on a timeline item selects its record.
    const where = () => page.evaluate(() => {
      const el = document.activeElement;
      if (el?.closest('.region--geo')) return 'map';
      if (el?.classList.contains('timeline__item')) return el.dataset.id === 'crane' ? 'timeline' : 'item';
      if (el?.closest('.region--timeline')) return 'timeline';
      return el?.closest('.embed-bar') ? 'bar' : '';
    });
    const reached = new Set();
    for (let i = 0; i < 60 && !reached.has('item') && !(await page.evaluate(() => document.activeElement?.classList.contains('timeline__item'))); i++) {
      await page.keyboard.press('Tab');
      reached.add(await where());
    }
    // The items are one Tab stop, held by the chosen one (CraNE); an arrow goes to another.
    if ((await where()) !== 'item') {
      await page.keyboard.press('ArrowRight');
      if ((await where()) !== 'item') await page.keyboard.press('ArrowLeft');
      reached.add(await where());
    }
    assert.ok(reached.has('item'), [...reached].join(', '));
    const id = await page.evaluate(() => document.activeElement.dataset.id);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('sel') === id, id);
    // Focus has moved into the card (after the timeline); the bar follows it.
    for (let i = 0; i < 120 && !reached.has('bar'); i++) {
      await page.keyboard.press('Tab');
      reached.add(await where());
    }
    reached.delete('');
    reached.delete('item');
    assert.deepEqual([...reached].sort(), ['bar', 'map', 'timeline']);
    await context.close();
  }
});

test('"Embed this view" gives the code of the view at a chosen size, previews it, copies it, and the code works pasted on another site', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${site.url}/?sel=crane&date=2025-06-01&lang=fr`);
  await page.waitForSelector('#details-name');
  await page.click('.menu__summary');
  await page.click('.menu__panel .button:has-text("Intégrer cette vue")');
  await page.waitForSelector('.embed-dialog[open]');
  await injectAxe(page);
  const { violations } = await page.evaluate(() => axe.run(document.querySelector('.embed-dialog'), { resultTypes: ['violations'] }));
  assert.deepEqual(violations.map((v) => `${v.id} ×${v.nodes.length}`), [], 'axe in the dialog');
  await page.check('.embed-dialog input[value="800x600"]');
  const code = await page.inputValue('.embed-dialog textarea');
  assert.match(code, /^<iframe src="[^"]+" title="Atlas de la coopération contre le cancer : CraNE|^<iframe src="[^"]+" title="[^"]*CraNE[^"]*" width="800" height="600"/);
  assert.match(code, / width="800" height="600" /);
  const src = new URL(code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  assert.equal(src.origin + src.pathname, `${site.url}/embed`);
  assert.equal(src.searchParams.get('sel'), 'crane');
  assert.equal(src.searchParams.get('lang'), 'fr');
  assert.equal(src.searchParams.get('date'), '2025-06-01');
  // The live preview at that size.
  const preview = page.locator('.embed-dialog__preview');
  assert.equal(await preview.getAttribute('width'), '800');
  assert.equal(await preview.getAttribute('height'), '600');
  await page.frameLocator('.embed-dialog__preview').locator('#details-name').waitFor({ timeout: 30_000 });
  // Copy says it copied, and the clipboard holds the code.
  await page.click('.embed-dialog .button:has-text("Copier le code")');
  await page.waitForSelector('.embed-dialog__status:has-text("Code copié.")');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  // Escape closes it, and the preview goes with it.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.embed-dialog:not([open])', { state: 'attached' });
  // The dialog's `close` event (which empties it) comes in a task after `open` is dropped.
  await page.waitForFunction(() => !document.querySelector('.embed-dialog__preview'), null, { timeout: 5_000 }).catch(() => {});
  assert.equal(await page.locator('.embed-dialog__preview').count(), 0);

  // Pasted into a plain page on another origin: the same view.
  const pasted = await context.newPage();
  await pasted.goto(`${host.url}/?code=${encodeURIComponent(code)}`);
  const frame = pasted.frameLocator('iframe');
  await frame.locator('#details-name').waitFor({ timeout: 30_000 });
  assert.match(await frame.locator('#details-name').textContent(), /CraNE/);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'fr');
  assert.match(await frame.locator('.timeline__asof-control output').textContent(), /juin 2025/);

  // The responsive code: the frame follows the height the embed asks for at its width.
  if (!(await page.isVisible('.menu__panel'))) await page.click('.menu__summary');
  await page.click('.menu__panel .button:has-text("Intégrer cette vue")');
  await page.check('.embed-dialog input[value="responsive"]');
  const responsive = await page.inputValue('.embed-dialog textarea');
  assert.match(responsive, / width="100%" /);
  await pasted.setViewportSize({ width: 700, height: 900 });
  await pasted.goto(`${host.url}/?code=${encodeURIComponent(responsive)}`);
  await pasted.frameLocator('iframe').locator('#details-name').waitFor({ timeout: 30_000 });
  const width = await pasted.evaluate(() => document.querySelector('iframe').clientWidth);
  const expected = Math.round(Math.min(800, Math.max(400, width * 0.6 + 160)));
  await pasted.waitForFunction((h) => document.querySelector('iframe').style.height === `${h}px`, expected);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('the map downloads as PNG at 1× and 2×, of the size its name states, under the strict policy', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.goto(`${site.url}/?sel=crane&date=2025-06-01`);
  await page.waitForSelector('.map__markers .map__cluster');
  const sizes = [];
  for (const label of ['The map (PNG)', 'The map (PNG, 2× for print)']) {
    if (!(await page.isVisible('.menu__panel'))) await page.click('.menu__summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`.menu__panel .button:has-text("${label}")`)]);
    const name = download.suggestedFilename();
    const [, w, h] = name.match(/^cancer-atlas-map-2025-06-01-(\d+)x(\d+)\.png$/) ?? [];
    assert.ok(w, name);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(await download.path());
    assert.deepEqual(pngSize(bytes), [Number(w), Number(h)], name);
    sizes.push([Number(w), Number(h)]);
  }
  assert.deepEqual(sizes[1], [sizes[0][0] * 2, sizes[0][1] * 2], '2× is twice as large');
  // Wider than the map (margins) and taller (title, date, legend and source line).
  const map = await page.locator('.map__svg').boundingBox();
  assert.ok(sizes[0][0] >= Math.round(map.width) && sizes[0][1] > Math.round(map.height) + 100, JSON.stringify({ sizes, map }));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await context.close();
});

test('inside the frame the map zooms and pans, and the date slider moves the view; the bar\'s link follows', async () => {
  const { page, frame, context, errors } = await embed('/embed?date=2025-06-01', 800, 600);
  await frame.locator('.map__markers .map__cluster').first().waitFor({ timeout: 30_000 });
  const open = frame.locator('.embed-bar__open');
  const link = async () => new URL(await open.getAttribute('href')).searchParams;
  assert.equal((await link()).get('map'), null, 'the default framing');
  // Zoom in with the map's own button: the link names the new framing.
  await frame.locator('.map__icon').first().click();
  await frame.locator('.embed-bar__open[href*="map="]').waitFor();
  const zoomed = (await link()).get('map');
  // Drag the map: the framing moves.
  const box = await frame.locator('.map__svg').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  await frame.locator(`.embed-bar__open:not([href*="map=${zoomed}"])`).waitFor();
  assert.notEqual((await link()).get('map'), zoomed, 'panned');
  // The date slider, by keyboard: a step back moves the date.
  await frame.locator('.timeline__slider').focus();
  await frame.locator('.timeline__slider').press('PageDown');
  await frame.locator('.embed-bar__open:not([href*="date=2025-06-01"])').waitFor();
  assert.notEqual((await link()).get('date'), '2025-06-01');
  assert.deepEqual(errors, []);
  await context.close();
});
