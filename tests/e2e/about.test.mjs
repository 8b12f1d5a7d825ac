// "About the data" (issue 33): its own page per language, with the dataset's version and
// changes, licence, coverage per programme, method and downloads; the footer links to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';

const site = useSite();
const desktop = { viewport: { width: 1440, height: 900 } };
const [RELEASE] = JSON.parse(readFileSync(new URL('../../data/changelog.json', import.meta.url), 'utf8'));

for (const [lang, locale, path, heading, changes] of [
  ['en', 'en-GB', '/about/', 'About the data', 'What changed'],
  ['fr', 'fr-FR', '/fr/about/', 'À propos des données', 'Ce qui a changé'],
]) {
  test(`the About the data page in ${lang.toUpperCase()}: version, changes, licence, coverage, method and downloads, reached from the footer`, async () => {
    const { page, problems, context } = await site.open(`/?lang=${lang}`, { ...desktop, locale }, '.site-footer__about-data a');
    assert.equal(await page.getAttribute('.site-footer__about-data a', 'href'), path);
    await page.click('.site-footer__about-data a');
    await page.waitForSelector('main.about h1');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal((await page.textContent('main.about h1')).trim(), heading);
    const text = await page.textContent('main.about');
    assert.ok(text.includes(RELEASE.version), 'the version');
    assert.ok(text.includes(changes));
    assert.ok((await page.locator('.about__changes li').count()) >= 3, 'the changelog');
    assert.equal(await page.getAttribute('a[rel="license"]', 'href'), 'https://creativecommons.org/licenses/by/4.0/');
    assert.ok((await page.locator('table.about__coverage').count()) >= 3, 'a coverage table per programme');
    assert.match(text, /EUnetCCC/);
    assert.equal(await page.locator('a[href="/data/datapackage.json"]').count(), 1);
    // A page of text: no script runs on it, nothing is fetched from elsewhere.
    assert.equal(await page.locator('script:not([type="application/ld+json"])').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
