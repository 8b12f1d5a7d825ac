// The first screen before the wasm (issue 20): the built page already holds the default
// view, drawn at build time by the app's own components (xtask/src/prerender.rs), in the
// visitor's language; the app takes over without anything moving, a click made before it
// is ready is replayed, and a deep link shows the default first screen, then its view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';
import { openPage } from './browser.mjs';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHOTS = process.env.SCREENSHOT_DIR || fileURLToPath(new URL('../../target/screenshots', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const site = useSite();

/** Holds back the wasm until `release()`: the prerendered page is all there is meanwhile. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** Border boxes of `selectors` inside #boot's closed shadow root (DevTools protocol: page
 *  scripts cannot reach into it, which is the point), as [x, y, width, height]. */
async function prerenderedBoxes(page, selectors) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const find = (node) => {
    if (node.attributes?.includes('boot')) return node;
    for (const child of node.children ?? []) {
      const hit = find(child);
      if (hit) return hit;
    }
    return null;
  };
  const boot = find(root);
  assert.ok(boot?.shadowRoots?.length, '#boot has a shadow root');
  assert.equal(boot.shadowRoots[0].shadowRootType, 'closed');
  const boxes = {};
  for (const selector of selectors) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: boot.shadowRoots[0].nodeId, selector });
    assert.ok(nodeId, `prerendered ${selector}`);
    const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
    const [x0, y0, x1, , , y2] = model.border;
    boxes[selector] = [x0, y0, x1 - x0, y2 - y0].map(Math.round);
  }
  await cdp.detach();
  return boxes;
}

/**
 * Opens `path` with the wasm held back, runs `body({ page, release })`, then checks that
 * the page reported no problem; the context is closed whatever happens.
 */
async function withHeldWasm(path, options, body) {
  const { context, page, problems } = await openPage(site.browser, site.url, { locale: 'en-GB', ...options });
  try {
    const release = await holdWasm(page);
    await page.goto(site.url + path);
    await body({ page, release });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

async function appBoxes(page, selectors) {
  return page.evaluate((list) => Object.fromEntries(list.map((s) => {
    const r = document.querySelector(s).getBoundingClientRect();
    return [s, [r.x, r.y, r.width, r.height].map(Math.round)];
  })), selectors);
}

const REGIONS = ['.site-header', '.toolbar', '.map', '.map__legend', '.map__controls', '.region--timeline', '.timeline'];

test('the page holds the first screen in the visitor\'s language, by the host\'s language rules', async () => {
  const get = async (path, language) => {
    const res = await fetch(site.url + path, { headers: { 'Accept-Language': language } });
    return { html: await res.text(), vary: res.headers.get('vary') };
  };
  const en = await get('/', 'en-GB,en;q=0.9');
  assert.match(en.html, /<html lang="en">/);
  assert.match(en.html, /<div id="boot" class="boot boot--prerendered"[^>]*><template shadowrootmode="closed">/);
  // The first screen itself: header, programme links, map with shapes and markers, timeline.
  for (const part of ['class="site-header"', 'G7 Cancer', 'Unicancer international', 'class="map__country"',
    'class="map__prerendered--narrow"', 'class="map__cluster"', 'timeline__prerendered--wide', 'class="timeline__item']) {
    assert.ok(en.html.includes(part), part);
  }
  assert.match(en.vary, /Accept-Language/, 'caches keep one copy per language');
  const fr = await get('/', 'fr-FR,fr;q=0.9,en;q=0.5');
  assert.match(fr.html, /<html lang="fr">/);
  assert.match(fr.html, /<title>Atlas de la coopération contre le cancer<\/title>/);
  assert.ok(fr.html.includes('Actions conjointes') || fr.html.includes('actions conjointes'), 'French first screen');
  assert.ok(!fr.html.includes('>Timeline<'), 'no English heading on the French page');
  // The address's language wins over the browser's (the language switch writes it).
  assert.match((await get('/?lang=en', 'fr-FR')).html, /<html lang="en">/);
  assert.match((await get('/?lang=fr&sel=crane', 'en-GB')).html, /<html lang="fr">/);
  // /fr/ is French whatever the browser asks for; any other path is "Page not found".
  assert.match((await get('/fr/', 'en-GB')).html, /<html lang="fr">/);
  assert.match((await get('/some/where', 'en')).html, /<h1 id="missing-en">Page not found<\/h1>/);
});

for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
  test(`${name}: painted before the wasm, then replaced in the same boxes (CLS measured)`, () =>
    withHeldWasm('/', { viewport }, async ({ page, release }) => {
      // The browser records the prerendered page's largest paint while the wasm is held.
      const lcp = await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((list) => resolve(list.getEntries().at(-1).startTime))
          .observe({ type: 'largest-contentful-paint', buffered: true });
      }));
      assert.ok(await page.evaluate(() => !document.querySelector('.brand__title')), 'no app yet');
      const before = await prerenderedBoxes(page, REGIONS);
      await page.screenshot({ path: `${SHOTS}/prerender-${name}.png` });
      release();
      await page.waitForSelector('.brand__title', { timeout: 30_000 });
      await page.waitForSelector('.map__markers .map__cluster');
      await page.waitForTimeout(300);
      const after = await appBoxes(page, REGIONS);
      await page.screenshot({ path: `${SHOTS}/prerender-${name}-app.png` });
      for (const s of REGIONS) {
        const moved = before[s].map((v, i) => Math.abs(v - after[s][i]));
        assert.ok(Math.max(...moved) <= 2, `${s} moved: prerendered ${before[s]}, app ${after[s]}`);
      }
      const cls = await page.evaluate(() => new Promise((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 200);
      }));
      console.log(`${name}: LCP ${Math.round(lcp)} ms with the wasm held back, CLS ${cls.toFixed(4)}`);
      assert.ok(cls <= 0.01, `CLS ${cls}`);
      assert.ok(await page.evaluate(() => !document.getElementById('boot')), 'the first screen is gone');
    }));
}

test('a click on the first screen before the app is ready says so, then is replayed', () =>
  withHeldWasm('/', { viewport: { width: 1440, height: 900 } }, async ({ page, release }) => {
    const link = '.toolbar a[data-sel="prog-g7"]';
    const [x, y, w, h] = (await prerenderedBoxes(page, [link]))[link];
    await page.mouse.click(x + w / 2, y + h / 2);
    // Inert until ready: nothing selected, and the page says the click will follow.
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('is-starting')));
    const wait = page.locator('.boot__wait');
    assert.ok(await wait.isVisible(), 'the "starting" note shows');
    assert.match(await wait.innerText(), /Starting… your click will follow/);
    assert.equal(await wait.getAttribute('role'), 'status');
    release();
    await page.waitForSelector('#details-name', { timeout: 30_000 });
    assert.equal(await page.textContent('#details-name'), 'G7 Cancer');
    assert.ok(await page.evaluate(() => !document.documentElement.classList.contains('is-starting')));
    assert.match(page.url(), /sel=prog-g7/);
  }));

test('a deep link shows the default first screen, then the linked view, with no error', () =>
  withHeldWasm('/?sel=crane&date=2023-06-01', { viewport: { width: 1440, height: 900 } }, async ({ page, release }) => {
    // The prerendered screen is the default one: no selection passed off as the link's.
    const boxes = await prerenderedBoxes(page, ['.map', '.timeline']);
    assert.ok(boxes['.map'][2] > 1000);
    assert.ok(await page.evaluate(() => !document.querySelector('#details-name')));
    release();
    await page.waitForSelector('#details-name', { timeout: 30_000 });
    assert.match(await page.textContent('#details-name'), /CraNE/);
    assert.match(await page.textContent('.region--timeline output'), /2023/);
    assert.equal(await page.locator('.notice').count(), 0, 'no notice of a bad link');
  }));

test('a French browser gets the French first screen, and the app stays French', () =>
  withHeldWasm('/', { viewport: { width: 375, height: 812 }, locale: 'fr-FR' }, async ({ page, release }) => {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.title(), 'Atlas de la coopération contre le cancer');
    release();
    await page.waitForSelector('.brand__title', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(await page.textContent('.brand__title'), 'Atlas de la coopération contre le cancer');
  }));
