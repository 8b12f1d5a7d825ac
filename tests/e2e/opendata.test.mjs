// Open data on the built app (issue 33): "Cite this view" with the dataset's version, the
// view's address and the day, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';

const site = useSite();
const desktop = { viewport: { width: 1440, height: 900 } };
const [RELEASE] = JSON.parse(readFileSync(new URL('../../data/changelog.json', import.meta.url), 'utf8'));

for (const [lang, locale, menu, button, accessed] of [
  ['en', 'en-GB', 'Export', 'Cite this view', 'accessed'],
  ['fr', 'fr-FR', 'Exporter', 'Citer cette vue', 'consulté le'],
]) {
  test(`"Cite this view" in ${lang.toUpperCase()}: title, version, the view's address and today's date, ready to copy`, async () => {
    const { page, problems, context } = await site.open(`/?lang=${lang}&sel=crane&date=2023-05-09`, { ...desktop, locale, permissions: ['clipboard-read', 'clipboard-write'] }, '#details-name');
    await page.click(`.menu__summary:has-text("${menu}")`);
    await page.click(`.menu__panel .button:has-text("${button}")`);
    await page.waitForSelector('.cite-dialog[open] textarea');
    const [inline, full, bibtex] = await page.$$eval('.cite-dialog textarea', (areas) => areas.map((a) => a.value));
    const address = await page.evaluate(() => location.href);
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    for (const text of [inline, full]) {
      assert.ok(text.includes(RELEASE.version), text);
      assert.ok(text.includes('CraNE'), text);
      assert.ok(text.includes(accessed), text);
      // The view's own address: the selection and the date travel with it.
      assert.match(text, /https?:\/\/[^ ]*sel=crane[^ ]*date=2023-05-09/);
    }
    assert.ok(address.includes('sel=crane'));
    assert.match(bibtex, new RegExp(`^@misc\\{cancer_atlas_\\d{4},`));
    assert.ok(bibtex.includes(`version = {${RELEASE.version}}`), bibtex);
    assert.ok(bibtex.includes(`urldate = {${today}}`), bibtex);
    // Copy puts the full reference on the clipboard, and says so.
    await page.click('.cite-dialog [data-cite="1"]');
    await page.waitForFunction(() => document.querySelector('.cite-dialog__status').textContent.trim() !== '');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), full);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.cite-dialog[open]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('every record\'s card has "Report a correction", prefilled with its id, name, values and the view', async () => {
  const { page, problems, context } = await site.open('/?sel=rel-crane-14', { ...desktop, locale: 'en-GB' }, '#details-name');
  const href = await page.getAttribute('.details__report a', 'href');
  assert.match(href, /^mailto:[^?]+@[^?]+\?subject=/, 'the default address (build.rs, docs/guide.md) unless the build sets one');
  const decoded = decodeURIComponent(href);
  const name = (await page.textContent('#details-name')).trim();
  assert.ok(decoded.includes(`Record: ${name} (rel-crane-14)`), decoded);
  assert.ok(decoded.includes('Confidence: Partly confirmed'), decoded);
  assert.ok(decoded.includes("(the project’s dates)"), 'its current values, dates included');
  assert.match(decoded, /View: https?:\/\/\S*sel=rel-crane-14/);
  // In French too, and on an organisation's card.
  await page.goto(`${site.url}/?lang=fr&sel=institut-curie`);
  await page.waitForSelector('#details-name');
  assert.equal((await page.textContent('.details__report a')).trim(), 'Signaler une erreur');
  assert.ok(decodeURIComponent(await page.getAttribute('.details__report a', 'href')).includes('Fiche\u202f: Institut Curie (institut-curie)'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the footer links to the data package and the whole dataset, which the site serves', async () => {
  const { page, problems, context } = await site.open('/?lang=fr', { ...desktop, locale: 'fr-FR' }, '.site-footer__download');
  const hrefs = await page.$$eval('.site-footer__download a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['/data/datapackage.json', '/data/atlas.json']);
  const pkg = await (await page.request.get(`${site.url}/data/datapackage.json`)).json();
  assert.equal(pkg.version, RELEASE.version);
  assert.equal(pkg.licenses[0].name, 'CC-BY-4.0');
  assert.deepEqual(problems, []);
  await context.close();
});
