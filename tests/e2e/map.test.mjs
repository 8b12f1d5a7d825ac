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
  // The page may have scrolled: once it has settled (two frames), point at the map again.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
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

/** The focused marker or cluster: its key (data-id, or #first member) and its name. */
const focusedMarker = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el?.closest('.map__markers')) return null;
  return {
    key: el.getAttribute('data-id') ?? `#${el.getAttribute('data-cluster')}`,
    name: el.getAttribute('aria-label'),
  };
});

/** Markers and clusters drawn inside the map's box, in document (reading) order. */
const onScreenMarkers = (page) => page.evaluate(() => {
  const box = document.querySelector('.map').getBoundingClientRect();
  return [...document.querySelectorAll('.map__markers [data-id], .map__markers [data-cluster]')]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      const [x, y] = [r.x + r.width / 2, r.y + r.height / 2];
      return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
    })
    .map((el) => el.getAttribute('data-id') ?? `#${el.getAttribute('data-cluster')}`);
});

const focusKey = (page, key) => page.evaluate((key) => {
  const selector = key.startsWith('#') ? `[data-cluster="${key.slice(1)}"]` : `[data-id="${key}"]`;
  document.querySelector(`.map__markers ${selector}`).focus();
}, key);

test('the markers are one Tab stop, and the arrows reach every marker on screen', async () => {
  const { page, problems, context } = await openMap();
  const stops = await page.$$eval('.map__markers [data-id], .map__markers [data-cluster]',
    (els) => els.map((el) => el.getAttribute('tabindex')));
  assert.ok(stops.length > 10, `${stops.length} markers and clusters`);
  assert.equal(stops.filter((t) => t === '0').length, 1, 'one Tab stop among the markers');
  assert.equal(stops.filter((t) => t === '-1').length, stops.length - 1);
  // Tab from the map enters the markers at their stop; Tab again leaves them.
  await page.focus('.map');
  await page.keyboard.press('Tab');
  const entered = await focusedMarker(page);
  assert.ok(entered, 'Tab from the map goes to the markers');
  await page.keyboard.press('Tab');
  assert.equal(await focusedMarker(page), null, 'the next Tab leaves the markers');
  // An arrow moves focus to another marker, whose name a screen reader then reads.
  await focusKey(page, entered.key);
  const t0 = await transform(page);
  let moved = null;
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    await page.keyboard.press(key);
    moved = await focusedMarker(page);
    if (moved.key !== entered.key) break;
  }
  assert.notEqual(moved.name, entered.name, 'the focused name changes');
  assert.equal(await transform(page), t0, 'arrows on a marker do not pan the map');
  assert.equal(
    await page.$$eval('.map__markers [tabindex="0"]', (els) => els.map((el) => el.getAttribute('data-id') ?? `#${el.getAttribute('data-cluster')}`).join()),
    moved.key,
    'the Tab stop moves with focus',
  );
  // Home and End: the first and the last in reading order.
  const shown = await onScreenMarkers(page);
  await page.keyboard.press('Home');
  assert.equal((await focusedMarker(page)).key, shown[0]);
  await page.keyboard.press('End');
  assert.equal((await focusedMarker(page)).key, shown[shown.length - 1]);
  // Every marker on screen can be reached with the arrows alone, from the Tab stop.
  const seen = new Map([[entered.key, entered.name]]);
  const todo = [entered.key];
  while (todo.length) {
    const from = todo.pop();
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await focusKey(page, from);
      await page.keyboard.press(key);
      const now = await focusedMarker(page);
      assert.ok(now, `${key} keeps focus among the markers`);
      if (!seen.has(now.key)) {
        seen.set(now.key, now.name);
        todo.push(now.key);
      }
    }
  }
  const missed = shown.filter((k) => !seen.has(k));
  assert.deepEqual(missed, [], `reached ${seen.size} of ${shown.length} by arrows`);
  assert.ok([...seen.values()].every((n) => n && n.trim()), 'each has a name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Enter chooses the focused marker, which keeps focus across redraws; arrows on the map still pan', async () => {
  const { page, problems, context } = await openMap();
  // The marker nearest the middle of the map, so that a zoom keeps it on screen.
  const key = await page.evaluate(() => {
    const box = document.querySelector('.map').getBoundingClientRect();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const dist = (el) => {
      const r = el.getBoundingClientRect();
      return Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
    };
    return [...document.querySelectorAll('.map__markers [data-id]')].sort((a, b) => dist(a) - dist(b))[0].getAttribute('data-id');
  });
  await focusKey(page, key);
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('sel') === id, key);
  assert.equal(await page.getAttribute(`.map__marker[data-id="${key}"]`, 'aria-pressed'), 'true');
  // As before, focus follows the choice into the details; the chosen marker is the stop.
  await page.waitForFunction(() => document.activeElement?.id === 'details-name');
  assert.equal(await page.getAttribute(`.map__marker[data-id="${key}"]`, 'tabindex'), '0');
  // + zooms (the key reaches the map); focus is kept on the same marker.
  await focusKey(page, key);
  const t0 = await transform(page);
  await page.keyboard.press('+');
  await page.waitForFunction((t) => document.querySelector('.map__land').getAttribute('transform') !== t, t0);
  assert.equal((await focusedMarker(page))?.key, key, 'focus stays on the marker after a zoom');
  // Focus on the map itself: the arrows pan, as before.
  await page.focus('.map');
  const t1 = await transform(page);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await transform(page), t1, 'an arrow on the map pans it');
  // Tab from the map goes back to the chosen marker, the selection's.
  await page.keyboard.press('Tab');
  assert.equal((await focusedMarker(page))?.key, key, 'the Tab stop is the selected marker');
  assert.deepEqual(problems, []);
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
