// The timeline and its "as of" slider, by keyboard, on the built app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

test('the date slider works by keyboard, speaks the date and drives the map', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'fr-FR', viewport: { width: 1440, height: 900 } }, '.timeline__item');
  const slider = page.locator('.timeline__slider');
  assert.match(await slider.getAttribute('aria-valuetext'), /^\d{1,2}(er)? \S+ \d{4}$/);
  const shaded = () => page.locator('.map__land--shaded path').count();
  assert.ok((await shaded()) >= 7);
  await slider.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('.timeline__slider').getAttribute('aria-valuetext') === '1er janvier 1964');
  assert.equal(await shaded(), 0, 'no G7 Cancer in 1964');
  assert.match(await page.textContent('.map__asof'), /Au 1er janvier 1964/);
  await page.keyboard.press('End');
  assert.ok((await shaded()) >= 7);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a timeline item is chosen with Enter and keeps its spoken name', async () => {
  const { page, context } = await site.open('/', { locale: 'en-GB' }, '.timeline__item');
  await page.focus('.timeline__item[data-id="crane"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.timeline__item.is-selected[data-id="crane"]');
  const label = await page.getAttribute('.timeline__item[data-id="crane"]', 'aria-label');
  assert.equal(label, 'CraNE (1 October 2022 – 30 September 2024)');
  await context.close();
});

test('play steps through the years and can be paused', async () => {
  const { page, context } = await site.open('/', { locale: 'en-GB', reducedMotion: 'reduce' }, '.timeline__item');
  const value = () => page.locator('.timeline__slider').inputValue();
  await page.locator('.timeline__slider').focus();
  await page.keyboard.press('Home');
  const before = Number(await value());
  await page.click('.timeline__controls button[aria-pressed]');
  await page.waitForFunction((v) => Number(document.querySelector('.timeline__slider').value) > v, before, { timeout: 5000 });
  await page.click('.timeline__controls button[aria-pressed="true"]');
  const paused = await value();
  await page.waitForTimeout(1200);
  assert.equal(await value(), paused, 'paused');
  await context.close();
});

/**
 * Every item's drawn box and name on screen: the bars and dots, the name's text box
 * (getBoundingClientRect of the SVG text: the font's ascent and descent, as drawn), the
 * visible plot (the lanes' box less the lane titles' gutter), and the projects in view.
 */
const namesOnScreen = () => {
  const lanes = document.querySelector('.timeline').getBoundingClientRect();
  const gutter = document.querySelector('.timeline__gutter')?.getBoundingClientRect().width ?? 0;
  const plot = { left: lanes.left + gutter, right: lanes.right, top: lanes.top, bottom: lanes.bottom };
  const items = [...document.querySelectorAll('.timeline__item')].map((g) => {
    const shapes = [...g.querySelectorAll('.timeline__bar, .timeline__dot')].map((s) => s.getBoundingClientRect().toJSON());
    const text = g.querySelector('.timeline__label');
    const box = shapes[0];
    return {
      id: g.dataset.id,
      name: g.getAttribute('aria-label'),
      project: g.classList.contains('timeline__item--project'),
      inView: !!box && box.right > plot.left && box.left < plot.right && box.bottom > plot.top && box.top < plot.bottom,
      shapes,
      label: text && { text: text.textContent, box: text.getBoundingClientRect().toJSON(), inside: text.classList.contains('timeline__label--inside') },
    };
  });
  return { plot, items };
};

/** Asserts the rules names keep: no two overlap, none over another item's bar, inside ones
 * fit their bar, all in the visible plot, each a prefix of the item's spoken name. */
const checkNames = ({ plot, items }, where) => {
  const slack = 0.5;
  const overlap = (a, b) => a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
  const named = items.filter((i) => i.label);
  for (const [k, a] of named.entries()) {
    const b = a.label.box;
    assert.ok(b.left >= plot.left - slack && b.right <= plot.right + slack, `${where}: ${a.id}'s name is in view`);
    assert.ok(a.name.startsWith(a.label.text.replace(/…$/, '')), `${where}: "${a.label.text}" is part of "${a.name}"`);
    for (const c of named.slice(k + 1)) {
      assert.ok(!overlap(b, c.label.box), `${where}: the names of ${a.id} and ${c.id} overlap`);
    }
    for (const other of items) {
      if (other.id === a.id) continue;
      for (const s of other.shapes) assert.ok(!overlap(b, s), `${where}: ${a.id}'s name is over ${other.id}'s bar`);
    }
    if (a.label.inside) {
      const bar = a.shapes[0];
      assert.ok(b.left >= bar.left - slack && b.right <= bar.right + slack && b.top >= bar.top - 1 && b.bottom <= bar.bottom + 1, `${where}: ${a.id}'s name fits its bar`);
    }
  }
  return named.length;
};

for (const [where, viewport, options] of [
  ['1440×900', { width: 1440, height: 900 }, {}],
  ['375×812', { width: 375, height: 812 }, { hasTouch: true, isMobile: true }],
]) {
  test(`at ${where} the projects in view are named, no name over another or over a bar`, async () => {
    const { page, problems, context } = await site.open('/', { locale: 'en-GB', viewport, ...options }, '.timeline__item');
    const seen = await page.evaluate(namesOnScreen);
    const count = checkNames(seen, where);
    const projects = seen.items.filter((i) => i.project && i.inView);
    const unnamed = projects.filter((i) => !i.label).map((i) => i.id);
    console.log(`${where}: ${count} names drawn; ${projects.length - unnamed.length} of ${projects.length} projects in view named`);
    assert.ok(projects.length >= 10, `projects in view: ${projects.length}`);
    assert.deepEqual(unnamed, [], 'every project in view is named');
    // Names follow zoom and pan: zoom in twice, and the rules still hold for what is shown.
    const zoomIn = page.locator('.timeline__controls').getByRole('button', { name: 'Zoom in', exact: true });
    await zoomIn.click();
    await zoomIn.click();
    await page.waitForFunction(() => document.querySelectorAll('.timeline__label').length > 0);
    checkNames(await page.evaluate(namesOnScreen), `${where}, zoomed in`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('names inside bars keep 4.5:1 contrast on the bar, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, problems, context } = await site.open('/?sel=crane', { locale: 'en-GB', colorScheme, viewport: { width: 375, height: 812 } }, '.timeline__label--inside');
    const ratios = await page.evaluate(() => {
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
      };
      const surface = rgb(getComputedStyle(document.querySelector('.region--timeline')).backgroundColor);
      return [...document.querySelectorAll('.timeline__label--inside')].map((t) => {
        const bar = getComputedStyle(t.parentElement.querySelector('.timeline__bar'));
        const alpha = parseFloat(bar.fillOpacity);
        const fill = rgb(bar.fill).map((v, k) => alpha * v + (1 - alpha) * surface[k]);
        const [a, b] = [lum(rgb(getComputedStyle(t).fill)), lum(fill)].sort((x, y) => y - x);
        return { id: t.parentElement.dataset.id, ratio: (a + 0.05) / (b + 0.05) };
      });
    });
    assert.ok(ratios.length > 0, 'some names are inside their bars');
    for (const { id, ratio } of ratios) assert.ok(ratio >= 4.5, `${colorScheme}: ${id}'s name at ${ratio.toFixed(2)}:1`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the timeline items are one Tab stop; arrows, Home and End move between them; Enter chooses', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'en-GB', viewport: { width: 1440, height: 900 } }, '.timeline__item');
  const stops = await page.evaluate(() => [...document.querySelectorAll('.timeline__item')].map((g) => g.getAttribute('tabindex')));
  assert.equal(stops.filter((t) => t === '0').length, 1, 'one item holds the Tab stop');
  assert.equal(stops.filter((t) => t === '-1').length, stops.length - 1);
  // Tab from the lanes' box goes to the items, and the next Tab leaves them.
  await page.focus('.timeline');
  await page.keyboard.press('Tab');
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.dataset?.id, name: el.getAttribute('aria-label') || el.tagName, item: el.classList.contains('timeline__item') };
  });
  const first = await active();
  assert.ok(first.item, `Tab reaches an item: ${JSON.stringify(first)}`);
  await page.keyboard.press('Tab');
  assert.equal((await active()).item, false, 'one more Tab leaves the items');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await active()).id, first.id, 'Shift+Tab comes back to the same item');
  // Home, Right, Left in the G7 Cancer lane, then Down to the next lane.
  await page.keyboard.press('Home');
  const g7 = await active();
  await page.keyboard.press('ArrowRight');
  const next = await active();
  assert.notEqual(next.name, g7.name, 'Right moves to the next item of the lane');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await active()).name, g7.name, 'Left moves back');
  await page.keyboard.press('ArrowDown');
  const below = await active();
  assert.ok(below.item && below.name !== g7.name, `Down moves to the lane below: ${below.name}`);
  await page.keyboard.press('ArrowUp');
  assert.ok((await active()).item, 'Up moves back up');
  // Every item is reachable with the arrows: walk each lane from Home to End, lane by lane.
  const reached = new Set();
  await page.keyboard.press('Home');
  for (let lane = 0; lane < 4; lane++) {
    await page.keyboard.press('Home');
    for (let k = 0; k < 200; k++) {
      const here = await active();
      reached.add(here.id);
      await page.keyboard.press('ArrowRight');
      if ((await active()).id === here.id) break;
    }
    await page.keyboard.press('ArrowDown');
  }
  const total = await page.locator('.timeline__item').count();
  assert.equal(reached.size, total, `every item reached with the arrows: ${reached.size} of ${total}`);
  // The arrows pan the timeline to the item they reach; focus stays on it across redraws.
  const focused = await active();
  const box = await page.evaluate((id) => {
    const lanes = document.querySelector('.timeline').getBoundingClientRect();
    const item = document.querySelector(`.timeline__item[data-id="${id}"] :is(.timeline__bar, .timeline__dot)`).getBoundingClientRect();
    return { inView: item.right > lanes.left && item.left < lanes.right };
  }, focused.id);
  assert.ok(box.inView, 'the item reached is in view');
  await page.keyboard.press('+');
  assert.equal((await active()).id, focused.id, 'focus stays on the item across a zoom');
  // Enter chooses: the details open and the address holds the item.
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-name');
  assert.match(page.url(), new RegExp(`sel=${focused.id}`));
  // The details take the focus; the chosen item now holds the items' Tab stop.
  await page.waitForSelector(`.timeline__item.is-selected[data-id="${focused.id}"][tabindex="0"]`);
  assert.equal(await page.locator('.timeline__item[tabindex="0"]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
