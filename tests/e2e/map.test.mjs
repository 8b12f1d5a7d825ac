// The map with a real pointer and keyboard, on the built app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();
const openMap = (viewport = { width: 1440, height: 900 }) =>
  site.open('/', { locale: 'en-GB', viewport }, '.map__markers g');

const markerCount = (page) => page.locator('.map__marker').count();
const transform = (page) => page.getAttribute('.map__land', 'transform');

test('clicking a marker with the mouse selects it and lists its links', async () => {
  const { page, problems, context } = await openMap();
  const marker = page.locator('.map__marker[data-id="cancer-australia"]');
  // Bring Australia into view: the world view shows every continent.
  await page.locator('.map__controls').getByRole('button', { name: 'World', exact: true }).click();
  await marker.click();
  await page.waitForSelector('.map__links');
  assert.match(await page.textContent('.map__links'), /signatory of G7 Cancer/);
  assert.ok((await page.locator('.map__arc').count()) >= 6);
  assert.equal(await marker.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Ctrl + wheel zooms the map; a plain wheel scrolls the page instead', async () => {
  const { page, context } = await openMap({ width: 1024, height: 600 });
  const box = await page.locator('.map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const t0 = await transform(page);
  await page.mouse.wheel(0, 200);
  assert.equal(await transform(page), t0, 'plain wheel leaves the map alone');
  // The page may have scrolled: point at the map again.
  const moved = await page.locator('.map').boundingBox();
  await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await page.waitForFunction((t) => document.querySelector('.map__land').getAttribute('transform') !== t, t0);
  await context.close();
});

test('dragging pans the map', async () => {
  const { page, context } = await openMap();
  const box = await page.locator('.map').boundingBox();
  const t0 = await transform(page);
  await page.mouse.move(box.x + 100, box.y + box.height - 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + box.height - 60, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await transform(page), t0);
  await context.close();
});

test('the keyboard zooms, pans and resets the map, and activates clusters', async () => {
  const { page, context } = await openMap();
  await page.focus('.map');
  const t0 = await transform(page);
  await page.keyboard.press('+');
  const t1 = await transform(page);
  assert.notEqual(t1, t0);
  await page.keyboard.press('ArrowLeft');
  assert.notEqual(await transform(page), t1);
  await page.keyboard.press('0');
  // Enter on a cluster zooms in until its organisations stand apart as markers.
  const size = Number((await page.getAttribute('.map__cluster', 'aria-label')).match(/^\d+/)[0]);
  const t2 = await transform(page);
  await page.focus('.map__cluster');
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.querySelector('.map__land').getAttribute('transform') !== t, t2);
  const scale = (t) => Number(t.match(/scale\(([\d.]+)\)/)[1]);
  assert.ok(scale(await transform(page)) > scale(t2), 'zoomed in');
  assert.ok(await markerCount(page) >= size, `the cluster's ${size} organisations are markers now`);
  await context.close();
});

test('every marker and cluster has a name a screen reader can read', async () => {
  const { page, context } = await openMap();
  const unnamed = await page.$$eval('.map__marker, .map__cluster', (els) =>
    els.filter((el) => !(el.getAttribute('aria-label') || '').trim()).length);
  assert.equal(unnamed, 0);
  const label = await page.getAttribute('.map__marker', 'aria-label');
  assert.match(label, /, \d+ relations?$/);
  await context.close();
});

test('double-click zooms in where it points', async () => {
  const { page, context } = await openMap();
  const box = await page.locator('.map').boundingBox();
  const t0 = await transform(page);
  await page.mouse.dblclick(box.x + 60, box.y + box.height - 30);
  await page.waitForFunction((t) => document.querySelector('.map__land').getAttribute('transform') !== t, t0);
  const scale = (t) => Number(t.match(/scale\(([\d.]+)\)/)[1]);
  assert.ok(scale(await transform(page)) > scale(t0));
  await context.close();
});

test('a two-finger pinch on a touch screen zooms the map', async () => {
  const { page, context } = await openMap({ width: 390, height: 844 });
  await page.locator('.map').scrollIntoViewIfNeeded();
  const box = await page.locator('.map').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const t0 = await transform(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, d) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: type === 'touchEnd' ? [] : [
        { x: cx - d, y: cy, id: 1 },
        { x: cx + d, y: cy, id: 2 },
      ],
    });
  await touch('touchStart', 20);
  for (const d of [30, 45, 60, 80]) await touch('touchMove', d);
  await touch('touchEnd', 0);
  const scale = (t) => Number(t.match(/scale\(([\d.]+)\)/)[1]);
  await page.waitForFunction((t) => document.querySelector('.map__land').getAttribute('transform') !== t, t0);
  assert.ok(scale(await transform(page)) > scale(t0) * 2, 'spreading two fingers zooms in');
  await context.close();
});
