// The built app, served from dist/ like Netlify serves it, in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './browser.mjs';
import { useSite } from './harness.mjs';

const site = useSite();
const openApp = (path = '/', options = {}) => site.open(path, options);

test('the app mounts with no console error, failed request or third-party request', async () => {
  const { page, problems, context } = await openApp('/', { locale: 'en-GB' });
  assert.equal(await page.textContent('.brand__title'), 'Cancer Cooperation Atlas');
  assert.equal(await page.locator('#boot').count(), 0, 'the loading note is removed on mount');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  for (const region of ['map', 'timeline']) {
    assert.ok(await page.isVisible(`.region--${region}`), `${region} region is visible`);
  }
  // With nothing chosen, no column is spent on the details: they open with a choice.
  const wide = (await page.viewportSize()).width >= 1024;
  assert.equal(await page.isVisible('.region--details'), !wide, 'details only once something is chosen');
  await page.click('.timeline__item :is(.timeline__bar, .timeline__dot) >> nth=0');
  await page.waitForSelector('#details-name');
  assert.ok(await page.isVisible('.region--details'), 'details region is visible after a choice');
  assert.ok(await page.isVisible('footer.site-footer'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embedded dataset loads: the footer counts it, and its parse time is logged', async () => {
  const opened = await openPage(site.browser, site.url, { locale: 'en-GB' });
  const timings = [];
  opened.page.on('console', (msg) => {
    const found = msg.text().match(/dataset read in ([\d.]+) ms/);
    if (found) timings.push(Number(found[1]));
  });
  await opened.page.goto(site.url);
  await opened.page.waitForSelector('.site-footer__counts');
  const counts = (await opened.page.locator('.site-footer__counts li').allTextContents()).join('\n');
  assert.match(counts, /^\d{2,} organisations$/m);
  assert.match(counts, /^\d{2,} sources$/m);
  assert.equal(timings.length, 1, 'one read at start-up');
  console.log(`dataset read at start-up (release build; validated at build time): ${timings[0]} ms`);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test('a French browser gets the French interface, and the switch goes back to English', async () => {
  const { page, problems, context } = await openApp('/', { locale: 'fr-FR' });
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.title(), 'Atlas de la coopération contre le cancer');
  await page.click('.switch__option[lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('.brand__title'), 'Cancer Cooperation Atlas');
  assert.equal(await page.getAttribute('.switch__option[lang="en"]', 'aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language switch works by keyboard alone', async () => {
  const { page, context } = await openApp('/', { locale: 'en-US' });
  await page.focus('.switch__option[lang="fr"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(await page.textContent('#map-heading'), 'Carte');
  await context.close();
});

test('the skip link is the first stop and leads to the main area', async () => {
  const { page, context } = await openApp('/', { locale: 'en-US' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#main');
  await context.close();
});

test('link previews and search: Open Graph and Twitter tags, and a schema.org Dataset that never runs', async () => {
  const { page, problems, context } = await openApp('/', { locale: 'en-GB' });
  const meta = (sel) => page.getAttribute(sel, 'content');
  assert.equal(await meta('meta[property="og:title"]'), 'Cancer Cooperation Atlas');
  assert.match(await meta('meta[property="og:description"]'), /G7 Cancer.*Unicancer.*joint actions/);
  assert.equal(await meta('meta[property="og:locale:alternate"]'), 'fr_FR');
  // The preview picture (issue 20): the first screen's map, a 1200×630 PNG drawn at build
  // time, described in words.
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
  assert.equal(await meta('meta[property="og:image"]'), '/preview.png');
  assert.match(await meta('meta[property="og:image:alt"]'), /^Map of Europe/);
  const png = Buffer.from(await (await fetch(site.url + '/preview.png')).arrayBuffer());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 630], 'IHDR width and height');
  const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
  assert.equal(ld['@type'], 'Dataset');
  assert.deepEqual(ld.inLanguage, ['en', 'fr']);
  assert.ok(ld.description.length >= 50 && ld.description.length <= 5000);
  // A data block: no hash in the CSP, and no violation (the security test watches a whole
  // visit; this page's problems would list a refused script).
  const csp = (await (await fetch(site.url + '/')).headers.get('content-security-policy')) || '';
  assert.equal((csp.match(/'sha256-/g) || []).length, 1, 'one hash: the loader\'s');
  // Built without the site's address, nothing pretends to know it.
  assert.equal(await page.locator('link[rel="canonical"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an address that is no page says so in both languages and leads back to the atlas', async () => {
  const { page, problems, context } = await site.open('/some/shared/view?lang=fr', {}, 'h1');
  assert.equal(await page.textContent('h1'), 'Page not found');
  assert.equal(await page.textContent('[lang="fr"] h2'), 'Page introuvable');
  await page.click('text=Ouvrir l’atlas');
  await page.waitForSelector('.region--map', { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  // The 404 itself (an HTTP error and the console's note of it) is the one expected problem.
  assert.deepEqual(problems.filter((p) => !p.includes('/some/shared/view') && !p.includes('status of 404')), []);
  assert.equal(problems.length, 2, problems.join('\n'));
  await context.close();
});

test('the headers in public/_headers are served, and hashed assets are cached for a year', async () => {
  const response = await fetch(site.url + '/');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('cache-control'), 'public, max-age=0, must-revalidate', 'the page is revalidated on every visit');
  assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  const html = await response.text();
  const wasm = html.match(/\/assets\/[\w.-]+\.wasm/);
  assert.ok(wasm, 'index.html references a hashed wasm file under /assets/');
  const asset = await fetch(site.url + wasm[0]);
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('content-type'), 'application/wasm');
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
});

const WIDTHS = [320, 375, 768, 1024, 1440, 1920];

test(`the layout holds from ${WIDTHS[0]} to ${WIDTHS.at(-1)} px wide`, async () => {
  const { page, context } = await openApp('/?sel=unicancer', { locale: 'en-US' });
  for (const lang of ['en', 'fr']) {
  if (lang === 'fr') {
    await page.click('.switch__option[lang="fr"]');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
  }
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const layout = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        map: box('.region--map').toJSON(),
        details: box('.region--details').toJSON(),
        timeline: box('.region--timeline').toJSON(),
        detailsPosition: getComputedStyle(document.querySelector('.region--details')).position,
        innerHeight: window.innerHeight,
      };
    });
    assert.ok(
      layout.scrollWidth <= layout.innerWidth,
      `${width} px: page scrolls sideways (${layout.scrollWidth} > ${layout.innerWidth})`,
    );
    if (width >= 1024) {
      assert.ok(layout.details.left >= layout.map.right, `${width} px: details sit beside the map`);
      assert.ok(layout.timeline.top >= layout.map.bottom, `${width} px: timeline under the map`);
    } else {
      assert.ok(layout.timeline.top >= layout.map.bottom, `${width} px: timeline under the map`);
      // A sheet over the bottom of the window: it never pushes the map or the timeline.
      assert.equal(layout.detailsPosition, 'fixed', `${width} px: details are a sheet`);
      assert.ok(Math.abs(layout.details.bottom - layout.innerHeight) <= 1, `${width} px: the sheet sits on the window's bottom edge`);
      assert.ok(layout.details.height <= layout.innerHeight / 2, `${width} px: the sheet leaves the top half (${layout.details.height} px)`);
      assert.ok(layout.details.width <= layout.innerWidth, `${width} px: the sheet fits the width`);
    }
  }
  }
  // With nothing chosen, wide screens give the map and the timeline the whole width.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('.map__links .button');
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  const [map, workspace] = await page.evaluate(() => ['.region--map', '.workspace'].map((s) => document.querySelector(s).getBoundingClientRect().width));
  assert.ok(map >= workspace - 40, `the map spans the workspace: ${map} of ${workspace} px`);
  await context.close();
});
