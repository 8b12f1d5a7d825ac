// One language per page (issue 34): the page the host serves is in the language the atlas
// then shows, so the language never changes after the first screen; a language chosen with
// the switch survives a reload and a shared address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';
import { openPage } from './browser.mjs';

const site = useSite();

/** Records every value `<html lang>` takes from the first byte on, in `window.__langs`. */
const WATCH_LANG = () => {
  window.__langs = [];
  const note = () => {
    const lang = document.documentElement?.lang;
    if (lang && window.__langs.at(-1) !== lang) window.__langs.push(lang);
  };
  new MutationObserver(note).observe(document, { attributes: true, subtree: true, attributeFilter: ['lang'], childList: true });
  document.addEventListener('DOMContentLoaded', note);
};

/** Opens `path` in a browser that asks for `locale`; resolves once the app has taken over. */
async function openIn(path, locale) {
  const opened = await openPage(site.browser, site.url, { locale });
  await opened.page.addInitScript(WATCH_LANG);
  const response = await opened.page.goto(site.url + path);
  await opened.page.waitForSelector('.brand__title');
  await opened.page.waitForFunction(() => !document.getElementById('boot'));
  const served = (await response.text()).match(/<html lang="(\w+)"/)[1];
  return { ...opened, served };
}

const langs = (page) => page.evaluate(() => window.__langs);

for (const [path, locale, expected] of [
  ['/fr/', 'en-GB', 'fr'],
  ['/fr/?sel=unicancer', 'en-US', 'fr'],
  ['/', 'fr-FR', 'fr'],
  ['/', 'en-GB', 'en'],
  ['/?lang=en', 'fr-FR', 'en'],
  ['/fr/?lang=en', 'fr-FR', 'en'],
]) {
  test(`${path} in a browser asking for ${locale}: the page and the atlas are in ${expected === 'fr' ? 'French' : 'English'}, from the first screen on`, async () => {
    const { page, problems, context, served } = await openIn(path, locale);
    assert.equal(served, expected, 'the page served');
    assert.deepEqual(await langs(page), [expected], 'the language never changed');
    assert.equal(await page.getAttribute('.switch__option[aria-pressed="true"]', 'lang'), expected);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a language chosen with the switch stays on reload, at / and at /fr/', async () => {
  for (const [path, locale, from, to] of [['/', 'en-GB', 'en', 'fr'], ['/fr/', 'en-GB', 'fr', 'en'], ['/', 'fr-FR', 'fr', 'en']]) {
    const { page, problems, context } = await openIn(path, locale);
    assert.equal(await page.evaluate(() => document.documentElement.lang), from);
    // The address names no language while it is the one the host serves there.
    assert.doesNotMatch(page.url(), /lang=/, `${path} in ${locale}`);
    await page.click(`.switch__option[lang="${to}"]`);
    await page.waitForFunction((l) => document.documentElement.lang === l, to);
    await page.waitForFunction((l) => location.search.includes(`lang=${l}`), to);
    const response = await page.reload();
    await page.waitForFunction(() => !document.getElementById('boot'));
    assert.equal((await response.text()).match(/<html lang="(\w+)"/)[1], to, `${path}: the reloaded page`);
    assert.deepEqual(await langs(page), [to], `${path}: no change after the reload's first screen`);
    assert.match(page.url(), new RegExp(`lang=${to}`), 'the address keeps the choice');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
