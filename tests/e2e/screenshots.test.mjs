// Screenshots of the main views (desktop and phone, light and dark, English and French),
// saved to target/screenshots/ on every run (each the window as a visitor sees it); a few
// are copied into docs/ for the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './harness.mjs';

const site = useSite();
// The repository's target/, wherever the runner starts from.
const OUT = process.env.SCREENSHOT_DIR || fileURLToPath(new URL('../../target/screenshots', import.meta.url));

const DEVICES = { desktop: { width: 1440, height: 900 }, phone: { width: 375, height: 812 } };
const SHOTS = [
  // What a visitor sees first: the map and the timeline, nothing chosen.
  ['home', '/'],
  ['map', '/?sel=unicancer'],
  ['table', '/?view=table&tab=relations&prog=prog-g7'],
  ['programme', '/?sel=prog-g7'],
  // A joint action's partners by country, and the map zoomed on Brussels, where ten bodies
  // share one city point and spread on a ring.
  ['joint-action', '/?sel=eunetccc'],
  ['brussels', '/?map=5.4,-95.5,24&sel=oeci'],
  // The cooperation as a whole: the network as it opens, INCa chosen in it, and by country.
  ['network', '/?view=network'],
  ['network-inca', '/?view=network&sel=inca'],
  ['network-countries', '/?view=network&arrange=country'],
];

test('screenshots of the main views: desktop and phone, light and dark, EN and FR', async () => {
  mkdirSync(OUT, { recursive: true });
  let count = 0;
  for (const [device, viewport] of Object.entries(DEVICES)) {
    for (const colorScheme of ['light', 'dark']) {
      for (const [lang, locale] of [['en', 'en-GB'], ['fr', 'fr-FR']]) {
        const { page, problems, context } = await site.open('/', { viewport, colorScheme, locale, reducedMotion: 'reduce' });
        for (const [name, path] of SHOTS) {
          await page.goto(site.url + path);
          await page.waitForSelector('.timeline__item');
          await page.evaluate(() => document.activeElement?.blur());
          // A joint action's page: its participation list, not only its first facts.
          if (name === 'joint-action' && device === 'desktop') {
            await page.waitForSelector('.details__participation');
            await page.evaluate(() => {
              const el = document.querySelector('.details__participation');
              const region = el.closest('.region--details');
              region.scrollTop += el.getBoundingClientRect().top - region.getBoundingClientRect().top - 48;
            });
          }
          const file = `${OUT}/${name}-${device}-${colorScheme}-${lang}.png`;
          // The window as the visitor sees it (on a phone, details are a sheet over it).
          await page.screenshot({ path: file });
          assert.ok(statSync(file).size > 10_000, `${file} has content`);
          count++;
        }
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
  }
  console.log(`${count} screenshots in ${OUT}`);
});
