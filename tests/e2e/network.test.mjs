// The network view (src/ui/network.rs): who works with whom as a whole, on the built app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { useSite } from './harness.mjs';
import { injectAxe } from './browser.mjs';

const site = useSite();
const data = (name) => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data', `${name}.json`), 'utf8'));
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };

const openNetwork = (path = '/?view=network', viewport = DESKTOP, locale = 'en-GB') =>
  site.open(path, { locale, viewport, hasTouch: viewport === PHONE, isMobile: viewport === PHONE }, '.net__node');
const shownCount = async (page) => Number(await page.getAttribute('.net__svg', 'data-nodes'));

test('the view switch opens the network, whose nodes are the dataset\'s, and the address keeps it', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'en-GB', viewport: DESKTOP }, '.map__markers g');
  await page.locator('.toolbar__view').getByRole('button', { name: 'Network', exact: true }).click();
  await page.waitForSelector('.net__node');
  assert.match(page.url(), /[?&]view=network(&|$)/);
  // Every organisation, programme and project is a node; today's are drawn, all in view.
  const total = ['organisations', 'programmes', 'projects'].map((f) => data(f).length).reduce((a, b) => a + b);
  const shown = await shownCount(page);
  assert.equal(await page.locator('.net__node').count(), shown);
  assert.ok(shown > total / 2 && shown <= total, `${shown} of ${total}`);
  const ids = new Set(await page.$$eval('.net__node', (els) => els.map((e) => e.dataset.id)));
  for (const p of data('programmes')) assert.ok(ids.has(p.id), `programme ${p.id} drawn`);
  // The programmes are named without pointing at anything.
  const names = await page.$$eval('.net__name', (els) => els.map((e) => e.textContent));
  assert.ok(names.includes('G7 Cancer'), names.join(', '));
  // Back returns to the map, forward to the network.
  await page.goBack();
  await page.waitForSelector('.map__markers g');
  await page.goForward();
  await page.waitForSelector('.net__node');
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing INCa lights its links and neighbours, opens its details and writes it in the address', async () => {
  const { page, problems, context } = await openNetwork();
  await page.locator('.net__node[data-id="inca"]').click();
  await page.waitForSelector('.net__node--chosen[data-id="inca"]');
  assert.match(page.url(), /[?&]sel=inca(&|$)/);
  assert.match(await page.textContent('.region--details'), /Institut national du cancer/);
  const lit = await page.locator('.net__node--lit').count();
  assert.ok(lit >= 5, `${lit} neighbours stand out`);
  assert.ok((await page.locator('.net__link--lit').count()) >= 1);
  // The rest fades.
  const faded = await page.$eval('.net__node:not(.net__node--lit):not(.net__node--chosen)', (el) => getComputedStyle(el).opacity);
  assert.ok(Number(faded) < 0.5, faded);
  // Chosen elsewhere (the map), the network shows it when it comes back.
  await page.goto(`${site.url}/?view=network&sel=crane`);
  await page.waitForSelector('.net__node--chosen[data-id="crane"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('going back to 2010 shows fewer nodes, without moving those that stay', async () => {
  const { page, context } = await openNetwork('/?view=network');
  const today = await shownCount(page);
  const where = () => page.$$eval('.net__node', (els) => Object.fromEntries(els.map((e) => [e.dataset.id, e.getAttribute('transform')])));
  const before = await where();
  await page.goto(`${site.url}/?view=network&date=2010-06-01`);
  await page.waitForSelector('.net__node');
  const then = await shownCount(page);
  assert.ok(then > 0 && then < today, `${then} nodes in 2010, ${today} today`);
  const after = await where();
  for (const [id, t] of Object.entries(after)) assert.equal(t, before[id], `${id} did not move`);
  await context.close();
});

test('the network is one Tab stop; the arrows walk it, Home and End jump, Enter chooses', async () => {
  const { page, context } = await openNetwork();
  await page.focus('.net__arrange button');
  // From the control before it, backwards: one stop lands on the cursor.
  const cursor = page.locator('.net__cursor');
  await cursor.focus();
  assert.equal(await page.locator('.net [tabindex="0"]').count(), 1, 'one node in the Tab order');
  const name = () => page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  const first = await name();
  assert.match(first, /, \d+ relations?$/);
  await page.keyboard.press('End');
  const last = await name();
  assert.notEqual(last, first);
  await page.keyboard.press('Home');
  assert.equal(await name(), first, 'Home is the largest hub');
  // Arrows visit many nodes, each with a kind, a name and its number of links.
  const seen = new Set([first]);
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) {
    await page.keyboard.press(key);
    seen.add(await name());
  }
  assert.ok(seen.size >= 4, [...seen].join(' | '));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /[?&]sel=/.test(location.search));
  // As on the map, the chosen node's details open; the cursor stays on it.
  await page.waitForSelector('.net__cursor[aria-pressed="true"]');
  await context.close();
});

test('arranged by country, nodes group in labelled countries and a country gives its links across borders', async () => {
  const { page, problems, context } = await openNetwork();
  await page.getByRole('button', { name: 'By country', exact: true }).click();
  await page.waitForSelector('.net__region');
  assert.match(page.url(), /[?&]arrange=country(&|$)/);
  assert.ok((await page.locator('.net__region').count()) >= 20);
  const labels = await page.$$eval('.net__region-name', (els) => els.map((e) => e.textContent));
  assert.ok(labels.includes('France'), labels.join(', '));
  // Hover France's disc away from its nodes: the count of links to other countries.
  const france = await page.$$eval('.net__region-name', (els) => {
    const el = els.find((e) => e.textContent === 'France');
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(france.x, france.y);
  await page.waitForSelector('.net__tip');
  // Over the disc, or over one of its nodes (whose name then comes first), the tip gives
  // France's links to other countries.
  assert.match(await page.textContent('.net__tip'), /(^|\. )France — links across borders: \S/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('zoom by buttons and Ctrl + wheel, and frame the selection', async () => {
  const { page, context } = await openNetwork('/?view=network&sel=crane');
  const scale = () => page.$eval('.net__node[data-id="crane"]', (e) => Number(e.getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]));
  const s0 = await scale();
  await page.locator('.net').getByRole('button', { name: 'Zoom in', exact: true }).click();
  const s1 = await scale();
  assert.ok(s1 > s0, `${s1} > ${s0}`);
  await page.locator('.net').getByRole('button', { name: 'Whole network', exact: true }).click();
  const box = await page.locator('.net').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction((s) => Number(document.querySelector('.net__node[data-id="crane"]').getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]) > s, s0);
  await page.locator('.net').getByRole('button', { name: 'Frame the selection', exact: true }).click();
  const crane = await page.locator('.net__node[data-id="crane"]').boundingBox();
  assert.ok(crane.x > box.x && crane.x < box.x + box.width && crane.y > box.y && crane.y < box.y + box.height, 'CraNE in view');
  await context.close();
});

test('on a phone the network fills its box and a tap chooses a node, whose details open in the sheet', async () => {
  const { page, problems, context } = await openNetwork('/?view=network', PHONE);
  const net = await page.locator('.net').boundingBox();
  assert.ok(net.width >= 340, `${net.width} px wide`);
  assert.ok(net.height >= 180, `${net.height} px high`);
  const node = page.locator('.net__node[data-id="inca"]');
  const b = await node.boundingBox();
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForSelector('.workspace--selected');
  assert.match(page.url(), /[?&]sel=inca(&|$)/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [locale, lang] of [['en-GB', 'en'], ['fr-FR', 'fr']]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violation in the network (${lang}, ${colorScheme})`, async () => {
      for (const path of ['/?view=network', '/?view=network&sel=inca&arrange=country']) {
        const { page, context } = await site.open(path, { locale, colorScheme, viewport: DESKTOP }, '.net__node');
        await injectAxe(page);
        await page.focus('.net__cursor');
        const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
        await context.close();
      }
    });
  }
}

test('the network downloads as a picture and is offered to embed', async () => {
  const context = await site.browser.newContext({ viewport: DESKTOP, acceptDownloads: true, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${site.url}/?view=network&date=2025-06-01`);
  await page.waitForSelector('.net__node');
  await page.click('.menu__summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.menu__panel .button:has-text("The network (SVG)")')]);
  assert.match(download.suggestedFilename(), /^cancer-atlas-network-2025-06-01\.svg$/);
  const { readFile } = await import('node:fs/promises');
  const svg = await readFile(await download.path(), 'utf8');
  assert.ok((svg.match(/<path/g) || []).length > 100, 'nodes and links in the picture');
  await context.close();
  // The embed shows the network too.
  const embedded = await site.open('/embed?view=network', { locale: 'en-GB', viewport: { width: 800, height: 600 } }, '.net__node');
  assert.ok((await embedded.page.locator('.net__node').count()) > 50);
  await embedded.context.close();
});
