// The main journeys of the atlas in Debian's Firefox ESR (WebDriver BiDi, puppeteer-core),
// asserting what the Chromium files assert for the same journeys (prerender, app,
// explore, timeline). Every journey also fails on any problem `openPage` records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, text, attr, isVisible, count, closedShadowBoxes } from './browser.mjs';

const site = useSite();
const desktop = { viewport: { width: 1440, height: 900 } };
const phone = { phone: true, viewport: { width: 375, height: 812 } };

/** Holds back the wasm until `release()`: the prerendered page is all there is meanwhile. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((done) => { release = done; });
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (/\.wasm$/.test(new URL(request.url()).pathname)) await gate;
    await request.continue();
  });
  return release;
}

const REGIONS = ['.site-header', '.toolbar', '.map', '.map__legend', '.map__controls', '.region--timeline', '.timeline'];

const appBoxes = (page, selectors) => page.evaluate((list) => Object.fromEntries(list.map((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return [s, [r.x, r.y, r.width, r.height].map(Math.round)];
})), selectors);

/** Clicks the first element matching `selector` whose text is `label`. */
async function clickByText(page, selector, label) {
  const handles = await page.$$(selector);
  for (const handle of handles) {
    if ((await handle.evaluate((el) => el.textContent.trim())) === label) return handle.click();
  }
  throw new Error(`no ${selector} says "${label}"`);
}

for (const [name, options] of [['desktop', desktop], ['phone', phone]]) {
  test(`Firefox ESR (${name}): the first screen is painted before the wasm, then the app takes over in the same boxes`, async () => {
    const { phone: overlay, ...pageOptions } = options;
    const { page, problems, context } = await openPage(await site.firefox('en-GB', { phone: overlay }), site.url, pageOptions);
    try {
      const release = await holdWasm(page);
      await page.goto(site.url + '/', { waitUntil: 'load' });
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.ok(await page.evaluate(() => !document.querySelector('.brand__title')), 'no app yet');
      const { mode, boxes: before } = await closedShadowBoxes(page, '#boot', REGIONS);
      assert.equal(mode, 'closed', 'the first screen sits in a closed shadow root');
      for (const s of REGIONS) assert.ok(before[s]?.[2] > 0 && before[s][3] > 0, `prerendered ${s}: ${before[s]}`);
      release();
      await page.waitForSelector('.brand__title', { timeout: 30_000 });
      await page.waitForSelector('.map__markers .map__cluster');
      await new Promise((done) => setTimeout(done, 300));
      assert.ok(await page.evaluate(() => !document.getElementById('boot')), 'the first screen is gone');
      const after = await appBoxes(page, REGIONS);
      for (const s of REGIONS) {
        const moved = before[s].map((v, i) => Math.abs(v - after[s][i]));
        assert.ok(Math.max(...moved) <= 2, `${s} moved: prerendered ${before[s]}, app ${after[s]}`);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('Firefox ESR: a click on the first screen before the app is ready says so, then is replayed', async () => {
  const { page, problems, context } = await openPage(await site.firefox(), site.url, desktop);
  const release = await holdWasm(page);
  await page.goto(site.url + '/', { waitUntil: 'load' });
  const link = '.toolbar a[data-sel="prog-g7"]';
  const [x, y, w, h] = (await closedShadowBoxes(page, '#boot', [link])).boxes[link];
  await page.mouse.click(x + w / 2, y + h / 2);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('is-starting')), 'inert until ready');
  assert.ok(await isVisible(page, '.boot__wait'), 'the "starting" note shows');
  assert.match(await page.$eval('.boot__wait', (el) => el.innerText), /Starting… your click will follow/);
  assert.equal(await attr(page, '.boot__wait', 'role'), 'status');
  release();
  await page.waitForSelector('#details-name', { timeout: 30_000 });
  assert.equal(await text(page, '#details-name'), 'G7 Cancer');
  assert.ok(await page.evaluate(() => !document.documentElement.classList.contains('is-starting')));
  assert.match(page.url(), /sel=prog-g7/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: a French browser gets the French first screen, and the app stays French', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'fr-FR', ...phone }, '.brand__title');
  assert.equal(await page.evaluate(() => innerWidth - document.documentElement.clientWidth), 0, 'scrollbars over the page, as on a phone');
  assert.equal(await page.evaluate(() => navigator.language), 'fr-FR');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await page.title(), 'Atlas de la coopération contre le cancer');
  assert.equal(await text(page, '.brand__title'), 'Atlas de la coopération contre le cancer');
  assert.equal(await text(page, '#map-heading'), 'Carte');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: the app mounts with no console error, and a choice on the timeline opens the details', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.timeline__item');
  assert.equal(await text(page, '.brand__title'), 'Cancer Cooperation Atlas');
  assert.equal(await count(page, '#boot'), 0, 'the loading note is removed on mount');
  for (const region of ['map', 'timeline']) assert.ok(await isVisible(page, `.region--${region}`), `${region} region`);
  assert.equal(await isVisible(page, '.region--details'), false, 'details only once something is chosen');
  const counts = await page.$$eval('.site-footer__counts li', (all) => all.map((li) => li.textContent).join('\n'));
  assert.match(counts, /^\d{2,} organisations$/m);
  await page.click('.timeline__item[data-id="crane"] :is(.timeline__bar, .timeline__dot)');
  await page.waitForSelector('#details-name');
  assert.match(await text(page, '#details-name'), /^CraNE/);
  assert.ok(await isVisible(page, '.region--details'), 'details region is visible after a choice');
  assert.match(page.url(), /[?&]sel=crane/);
  assert.ok(await page.$('.timeline__item.is-selected[data-id="crane"]'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: clicking a marker on the map selects its organisation and lists its links', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.map__markers g');
  await page.click('.map__controls button[aria-label="World"]');
  const marker = '.map__marker[data-id="cancer-australia"]';
  await page.waitForSelector(marker);
  await page.click(marker);
  await page.waitForSelector('.map__links');
  assert.match(await text(page, '.map__links'), /signatory of G7 Cancer/);
  assert.ok((await count(page, '.map__arc')) >= 6);
  assert.equal(await attr(page, marker, 'aria-pressed'), 'true');
  await page.waitForSelector('#details-name');
  assert.match(await text(page, '#details-name'), /Cancer Australia/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: search forgives accents and case, works by keyboard and selects', async () => {
  const { page, problems, context } = await site.open('/', desktop, '#search-input');
  await page.focus('#search-input');
  await page.keyboard.type('LEON berard');
  await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
  assert.equal(await attr(page, '#search-input', 'aria-expanded'), 'true');
  assert.match(await text(page, '#search-option-0'), /Centre Léon Bérard/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await attr(page, '#search-input', 'aria-activedescendant'), 'search-option-0');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-name');
  assert.match(await text(page, '#details-name'), /Centre Léon Bérard/);
  await page.waitForFunction(() => document.activeElement?.id === 'details-name');
  assert.match(page.url(), /sel=centre-leon-berard/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'focus returns on close');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: the date slider moves by keyboard and by mouse, speaks the date and drives the map', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'fr-FR', ...desktop }, '.timeline__item');
  const slider = '.timeline__slider';
  const spoken = () => attr(page, slider, 'aria-valuetext');
  assert.match(await spoken(), /^\d{1,2}(er)? \S+ \d{4}$/);
  const shaded = () => count(page, '.map__land--shaded path');
  assert.ok((await shaded()) >= 7);
  const width = () => page.$eval(slider, (el) => el.getBoundingClientRect().width);
  const wide = await width();
  await page.focus(slider);
  await page.keyboard.press('Home');
  await page.waitForFunction((s) => document.querySelector(s).getAttribute('aria-valuetext') === '1er janvier 1964', {}, slider);
  assert.equal(await shaded(), 0, 'no G7 Cancer in 1964');
  assert.match(await text(page, '.map__asof'), /Au 1er janvier 1964/);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelectorAll('.map__land--shaded path').length >= 7);
  assert.equal(await width(), wide, 'the slider keeps its width whatever the date says');
  // The mouse: the thumb dragged from the end to the middle of the track.
  const end = await page.$eval(slider, (el) => Number(el.value));
  const box = await (await page.$(slider)).boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 4, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, y, { steps: 8 });
  await page.mouse.up();
  const middle = await page.$eval(slider, (el) => Number(el.value));
  const { min, max } = await page.$eval(slider, (el) => ({ min: Number(el.min), max: Number(el.max) }));
  assert.ok(middle < end, `the drag moved the date back: ${middle} < ${end}`);
  assert.ok(Math.abs((middle - min) / (max - min) - 0.5) < 0.05, `the middle of the track is the middle of the span: ${(middle - min) / (max - min)}`);
  assert.match(await text(page, '.region--timeline output'), new RegExp(`^${(await spoken()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  assert.match(await text(page, '.map__asof'), /^Au /);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: the language switch goes to French and back to English', async () => {
  const { page, problems, context } = await site.open('/?sel=crane', desktop, '#details-name');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.click('.switch__option[lang="fr"]');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(await page.title(), 'Atlas de la coopération contre le cancer');
  assert.equal(await text(page, '#map-heading'), 'Carte');
  assert.equal(await attr(page, '.switch__option[lang="fr"]', 'aria-pressed'), 'true');
  assert.match(page.url(), /[?&]lang=fr/);
  assert.match(await text(page, '#details-name'), /^CraNE/, 'the choice stays');
  await page.click('.switch__option[lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text(page, '.brand__title'), 'Cancer Cooperation Atlas');
  assert.equal(await text(page, '#map-heading'), 'Map');
  assert.equal(await attr(page, '.switch__option[lang="en"]', 'aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Firefox ESR: the table view shows, sorts by a column, and its links select', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.toolbar__view .button');
  await clickByText(page, '.toolbar__view .button', 'Table');
  await page.waitForSelector('table.table');
  assert.match(page.url(), /[?&]view=table/);
  assert.equal(await count(page, '.map'), 0, 'the table replaces the map');
  const rows = await count(page, 'table.table tbody tr');
  assert.ok(rows >= 20, `${rows} organisations in the table`);
  await page.goto(site.url + '/?view=table&tab=projects');
  await page.waitForSelector('table.table');
  // The table is redrawn on each sort: the button is found again each time.
  const sortByStart = () => page.evaluate(() =>
    [...document.querySelectorAll('th')].find((th) => th.textContent.includes('Start')).querySelector('.table__sort').click());
  await sortByStart();
  await page.waitForFunction(() => [...document.querySelectorAll('th[aria-sort="ascending"]')].some((th) => th.textContent.includes('Start')));
  assert.match(await text(page, 'table.table tbody tr:first-child td:first-child'), /EPAAC/);
  await sortByStart();
  await page.waitForFunction(() => [...document.querySelectorAll('th[aria-sort="descending"]')].some((th) => th.textContent.includes('Start')));
  assert.match(page.url(), /sort=-start/);
  await page.click('table.table tbody a[data-sel="crane"]');
  await page.waitForSelector('#details-name');
  assert.match(await text(page, '#details-name'), /^CraNE/);
  assert.deepEqual(problems, []);
  await context.close();
});

const WIDTHS = [320, 375, 768, 1024, 1440, 1920];

test(`Firefox ESR: the layout holds from ${WIDTHS[0]} to ${WIDTHS.at(-1)} px wide, in English and French`, async () => {
  const { page, problems, context } = await site.open('/?sel=unicancer', desktop, '#details-name');
  for (const lang of ['en', 'fr']) {
    if (lang === 'fr') {
      await page.click('.switch__option[lang="fr"]');
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
    }
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: 900 });
      await page.waitForFunction((w) => window.innerWidth === w, {}, width);
      const layout = await page.evaluate(() => {
        const box = (sel) => document.querySelector(sel).getBoundingClientRect().toJSON();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
          map: box('.region--map'),
          details: box('.region--details'),
          timeline: box('.region--timeline'),
          detailsPosition: getComputedStyle(document.querySelector('.region--details')).position,
        };
      });
      assert.ok(layout.scrollWidth <= layout.innerWidth, `${lang} ${width} px: page scrolls sideways (${layout.scrollWidth} > ${layout.innerWidth})`);
      assert.ok(layout.timeline.top >= layout.map.bottom, `${lang} ${width} px: timeline under the map`);
      if (width >= 1024) {
        assert.ok(layout.details.left >= layout.map.right, `${lang} ${width} px: details sit beside the map`);
      } else {
        assert.equal(layout.detailsPosition, 'fixed', `${lang} ${width} px: details are a sheet`);
        assert.ok(Math.abs(layout.details.bottom - layout.innerHeight) <= 1, `${lang} ${width} px: the sheet sits on the window's bottom edge`);
        assert.ok(layout.details.height <= layout.innerHeight / 2, `${lang} ${width} px: the sheet leaves the top half (${layout.details.height} px)`);
        assert.ok(layout.details.width <= layout.innerWidth, `${lang} ${width} px: the sheet fits the width`);
      }
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
