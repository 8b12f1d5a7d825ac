// Accessibility checks with axe-core (the npm package, injected from node_modules: no
// network) on the main views, in English and French, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';
import { injectAxe } from './browser.mjs';

const site = useSite();

const VIEWS = [
  ['map', '/'],
  ['organisation details', '/?sel=centre-leon-berard'],
  ['project details with conflicts', '/?sel=crane'],
  ['programme page in the table view', '/?view=table&sel=prog-g7'],
  ['relations table, filtered and sorted', '/?view=table&tab=relations&kind=cancer-centre&sort=-start'],
  // The country layer on, a country's card, a project's roles, the countries' table.
  ['country card over the country layer', '/?sel=country:SI&date=2025-06-01'],
  ['a joint action by role', '/?sel=eunetccc&date=2025-06-01'],
  ['countries table', '/?view=table&tab=countries&sort=-projects'],
];

for (const [locale, lang] of [['en-GB', 'en'], ['fr-FR', 'fr']]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds no violation on the main views (${lang}, ${colorScheme})`, async () => {
      const { page, problems, context } = await site.open('/', { locale, colorScheme, viewport: { width: 1440, height: 900 } });
      const found = [];
      for (const [name, path] of VIEWS) {
        await page.goto(site.url + path);
        await page.waitForSelector('.timeline__item');
        await injectAxe(page);
        const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
        for (const v of violations) {
          found.push(`${name}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`);
        }
      }
      // The filters panel open, too (checkboxes, counts, legends).
      await page.click('.filters__summary');
      await injectAxe(page);
      const open = await page.evaluate(() => axe.run(document.querySelector('.toolbar'), { resultTypes: ['violations'] }));
      found.push(...open.violations.map((v) => `filters open: ${v.id} ×${v.nodes.length}`));
      assert.deepEqual(found, []);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
