// Countries on the map: the layer follows the date and the selection, a country opens its
// card from the map and from the keyboard, and the table lists countries as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();
const desktop = { viewport: { width: 1440, height: 900 }, locale: 'en-GB' };

/** The iso3 codes the country layer shades, with their class. */
const layer = (page) => page.$$eval('.map__land--layer path', (paths) =>
  Object.fromEntries(paths.map((p) => [p.dataset.iso3, p.getAttribute('class').replace('map__country ', '')])));

test('a day in 2012 shades EPAAC\'s countries and not EUnetCCC\'s; the date moves the shading', async () => {
  const { page, problems, context } = await site.open('/?sel=epaac&date=2012-06-01', desktop, '.timeline__item');
  const epaac = await layer(page);
  assert.ok(Object.keys(epaac).length >= 10, `EPAAC's countries: ${JSON.stringify(epaac)}`);
  assert.equal(epaac.SVN, 'map__country--role-coordinator', 'Slovenia coordinates EPAAC');
  assert.match(await page.textContent('.map__legend'), /Countries by role in the selected project/);
  // EUnetCCC had not started in 2012: nothing to shade; in 2025 most of Europe.
  await page.goto(site.url + '/?sel=eunetccc&date=2012-06-01');
  await page.waitForSelector('.timeline__item');
  assert.deepEqual(await layer(page), {});
  await page.goto(site.url + '/?sel=eunetccc&date=2025-06-01');
  await page.waitForSelector('.map__land--layer path');
  assert.ok(Object.keys(await layer(page)).length >= 25);
  // Nothing selected: every EPAAC country is shaded in 2012 by a count class, named in
  // the legend; sliding the date to 2025 changes the shading.
  await page.goto(site.url + '/?date=2012-06-01');
  await page.waitForSelector('.map__land--layer path');
  const in2012 = await layer(page);
  for (const iso3 of Object.keys(epaac)) assert.match(in2012[iso3] || '', /count-/, `${iso3} shaded in 2012`);
  const legend = await page.textContent('.map__legend');
  for (const name of ['1 project', '2 projects', '3–4 projects', '7 or more projects']) assert.ok(legend.includes(name), name);
  // The slider's End key: the last day of the timeline (a year from today).
  await page.focus('.timeline__slider');
  await page.keyboard.press('End');
  await page.waitForFunction((before) => {
    const now = [...document.querySelectorAll('.map__land--layer path')].map((p) => p.getAttribute('class')).join();
    return now !== before;
  }, Object.values(in2012).join());
  const later = await layer(page);
  assert.notDeepEqual(later, in2012, 'the shading follows the date');
  assert.deepEqual(problems, []);
  await context.close();
});

/** A point of the country's shape where nothing else (a marker, a cluster) is on top. */
async function pointOn(page, iso3) {
  return page.evaluate((code) => {
    const path = document.querySelector(`.map__land path[data-iso3="${code}"]`);
    const box = path.getBoundingClientRect();
    for (let fy = 0.2; fy < 0.9; fy += 0.05) {
      for (let fx = 0.2; fx < 0.9; fx += 0.05) {
        const x = box.left + fx * box.width;
        const y = box.top + fy * box.height;
        if (document.elementFromPoint(x, y) === path) return { x, y };
      }
    }
    return null;
  }, iso3);
}

test('a click on a country opens its card, with a link of its own, back and forward', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.timeline__item');
  const at = await pointOn(page, 'POL');
  assert.ok(at, 'a free point on Poland');
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), 'Poland');
  assert.match(page.url(), /sel=country:PL/);
  assert.match(await page.textContent('.region--details'), /Joint actions and projects/);
  // The country is outlined, and its card lists projects with roles, dates and sources.
  assert.equal(await page.locator('.map__land--involved path[data-iso3="POL"]').count(), 1);
  assert.ok(await page.locator('.details .details__country').count() >= 3);
  assert.ok(await page.locator('.details .details__cited summary').first().isVisible());
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  await page.goForward();
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), 'Poland');
  // Focus follows the selection into the card on the next frame; Escape closes it from there.
  await page.waitForFunction(() => document.activeElement?.id === 'details-name');
  // A drag that ends on a country pans the map and selects nothing.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  const from = await pointOn(page, 'POL');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 80, from.y + 20, { steps: 6 });
  await page.mouse.up();
  assert.equal(await page.locator('#details-name').count(), 0, 'no card after a drag');
  assert.deepEqual(problems, []);
  await context.close();
});

test('from the keyboard, the countries list opens a country card, in French too', async () => {
  const { page, problems, context } = await site.open('/?lang=fr', { ...desktop, locale: 'fr-FR' }, '.timeline__item');
  await page.focus('.map__countries summary');
  assert.match(await page.textContent('.map__countries summary'), /Pays sur la carte \(\d+\)/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.textContent);
  assert.ok(first.length > 2, 'the first country link has focus');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), first);
  assert.equal(await page.textContent('.details__kind'), 'Pays');
  // The card's address works on its own, in either language.
  await page.goto(site.url + '/?sel=country:SI&lang=fr');
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), 'Slovénie');
  assert.match(await page.textContent('.region--details'), /CraNE/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Countries tab lists countries with their projects and roles, sorts and links to the card', async () => {
  const { page, problems, context } = await site.open('/?view=table&tab=countries', desktop, 'table.table');
  const rows = await page.locator('table.table tbody tr').count();
  assert.ok(rows >= 30, `${rows} countries`);
  await page.click('th button:has-text("Joint actions and projects")');
  await page.click('th button:has-text("Joint actions and projects")');
  assert.match(page.url(), /sort=-projects/);
  const firstCountry = await page.textContent('table.table tbody tr:first-child td:first-child');
  await page.click('table.table tbody tr:first-child td:first-child a');
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), firstCountry.trim());
  assert.deepEqual(problems, []);
  await context.close();
});
