// A full keyboard walk: Tab reaches every control once per round, each shows a visible
// focus indicator, and focus never gets stuck (it comes back round to the skip link).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

/** Marks every element Tab should reach (visible, enabled, not tabindex=-1). */
const markFocusable = () => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const all = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.closest('[hidden], details:not([open]) > :not(summary)')) return false;
    if (el.disabled || el.getAttribute('tabindex') === '-1') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  });
  all.forEach((el, i) => el.setAttribute('data-walk', String(i)));
  return all.length;
};

/** What has focus: its walk index, and whether a focus indicator is drawn. */
const focused = () => {
  const el = document.activeElement;
  if (!el || el === document.body) return { index: null };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  // SVG markers and timeline items draw their ring with a stroke on a child.
  const ring = [...el.querySelectorAll('*')].some((c) => getComputedStyle(c).stroke === getComputedStyle(document.documentElement).getPropertyValue('--color-focus').trim() || getComputedStyle(c).stroke.startsWith('rgb(179, 71, 11)'));
  return { index: el.getAttribute('data-walk'), name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.tagName, visible: outline || ring, item: el.classList.contains('timeline__item') };
};

/** The goal: the whole home page in at most this many Tab stops. */
const MAX_HOME_STOPS = 80;

for (const [name, path] of [['home page', '/'], ['map view with a selection', '/?sel=crane'], ['network view', '/?view=network'], ['table view', '/?view=table&tab=projects']]) {
  test(`keyboard walk: every control reachable with visible focus, no trap (${name})`, async () => {
    const { page, problems, context } = await site.open(path, { locale: 'en-GB', viewport: { width: 1440, height: 900 } }, '.timeline__item');
    const total = await page.evaluate(markFocusable);
    // Enough to be a real walk: the header, toolbar, views, timeline and footer.
    assert.ok(total > 20, `${total} focusable elements`);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    const first = await page.evaluate(focused);
    assert.equal(first.name, 'Skip to content', 'the skip link is the first stop');
    const reached = new Set([first.index]);
    const invisible = [];
    let itemStops = 0;
    let back = false;
    for (let i = 0; i < total + 20; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(focused);
      if (now.index === first.index) {
        back = true;
        break;
      }
      if (now.item) itemStops += 1;
      if (now.index !== null) {
        reached.add(now.index);
        if (!now.visible) invisible.push(now.name);
      }
    }
    const markers = await page.locator('.map__marker, .map__cluster').count();
    const markerStops = await page.evaluate((seen) => [...document.querySelectorAll('.map__markers [data-walk]')]
      .filter((el) => seen.includes(el.getAttribute('data-walk'))).length, [...reached]);
    console.log(`keyboard walk (${name}): ${reached.size} of ${total} stops reached; the map's ${markers} markers and clusters take ${markerStops}, the timeline's items ${itemStops}`);
    if (markers > 0) assert.equal(markerStops, 1, "the map's markers are one Tab stop (a roving tabindex)");
    // The timeline's items are one stop (a roving tabindex; the arrows move inside).
    assert.equal(itemStops, 1, 'the timeline items take one Tab stop');
    // With the map and the timeline both composites, the whole home page fits.
    if (path === '/') assert.ok(reached.size <= MAX_HOME_STOPS, `${reached.size} Tab stops on the home page`);
    // The network's nodes are one stop too: its roving cursor.
    if (path.includes('view=network')) {
      const netStops = await page.evaluate((seen) => [...document.querySelectorAll('.net__drawing [data-walk]')]
        .filter((el) => seen.includes(el.getAttribute('data-walk'))).length, [...reached]);
      assert.equal(netStops, 1, 'the network is one Tab stop');
      assert.ok(reached.size <= MAX_HOME_STOPS, `${reached.size} Tab stops in the network view`);
    }
    assert.ok(back, 'Tab comes back round to the skip link: no trap');
    const missed = await page.evaluate((seen) => [...document.querySelectorAll('[data-walk]')]
      .filter((el) => !seen.includes(el.getAttribute('data-walk')))
      .map((el) => el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.tagName), [...reached]);
    assert.deepEqual(missed, [], 'every control is reached');
    assert.deepEqual(invisible, [], 'every stop shows its focus');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('Escape closes the filters panel and the export menu, focus back on their button, selection kept', async () => {
  const { page, problems, context } = await site.open('/?sel=crane', { locale: 'en-GB' }, '.timeline__item');
  for (const [panel, summary] of [['.filters', '.filters__summary'], ['.menu', '.menu__summary']]) {
    await page.focus(summary);
    await page.keyboard.press('Enter');
    assert.equal(await page.getAttribute(panel, 'open'), '', `${panel} opens`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    assert.equal(await page.getAttribute(panel, 'open'), null, `${panel} closes`);
    assert.ok(await page.evaluate((s) => document.activeElement === document.querySelector(s), summary), 'focus is back on its button');
  }
  assert.match(page.url(), /sel=crane/, 'the selection stays');
  assert.deepEqual(problems, []);
  await context.close();
});
