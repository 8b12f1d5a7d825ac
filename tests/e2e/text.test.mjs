// The atlas as text (issue 35): without JavaScript the atlas's page says what it needs and
// leads to a page of its own per language (/text/, /fr/text/) that writes the atlas out:
// each programme, the organisations taking part, their place and role, and the sources.
// The atlas's pages no longer carry that document (about 24 KB brotli each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { useSite } from './harness.mjs';
import { openPage } from './browser.mjs';

const site = useSite();
const dist = resolve(process.env.DIST_DIR || 'dist');
const programmes = JSON.parse(readFileSync(new URL('../../data/programmes.json', import.meta.url), 'utf8'));

for (const [lang, locale, path, text, atlas, read] of [
  ['en', 'en-GB', '/', '/text/', '/', 'Read the atlas as text'],
  ['fr', 'fr-FR', '/fr/', '/fr/text/', '/fr/', 'Lire l’atlas en texte'],
]) {
  test(`without JavaScript, ${path} leads to the atlas as text (${lang.toUpperCase()}), which leads back`, async () => {
    const { page, problems, context } = await openPage(site.browser, site.url, { locale, javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    await page.goto(site.url + path);
    // The first screen's controls could never work: hidden; the note says why and where.
    assert.equal(await page.locator('#boot').isVisible(), false);
    const link = page.locator(`.nojs a[href="${text}"]`);
    assert.equal((await link.textContent()).trim(), read);
    await link.click();
    await page.waitForURL(`**${text}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const body = await page.textContent('main.nojs');
    for (const programme of programmes) assert.ok(body.includes(programme.name[lang]), programme.name[lang]);
    assert.ok((await page.locator('main.nojs li strong').count()) >= 300, 'the organisations taking part');
    assert.ok((await page.locator('main.nojs a[href^="https://"]').count()) >= 100, 'the sources, linked');
    assert.equal(await page.getAttribute(`main.nojs a[href="${atlas}"]`, 'href'), atlas);
    assert.equal(await page.locator('script').count(), 0, 'a page of text');
    // With JavaScript off, the browser refuses the page's preloaded script itself.
    assert.deepEqual(problems.filter((p) => !/\.js \(csp\)$/.test(p)), []);
    await context.close();
  });
}

test('the atlas\'s pages no longer carry the document; the text pages are in the sitemap\'s writer and under a policy', () => {
  for (const page of ['index.html', 'fr/index.html', 'embed/index.html']) {
    const html = readFileSync(resolve(dist, page), 'utf8');
    assert.ok(!html.includes('<main class="nojs"'), `${page} holds no document`);
    assert.ok(html.length < 300_000, `${page}: ${html.length} bytes`);
  }
  for (const page of ['text/index.html', 'fr/text/index.html']) {
    const html = readFileSync(resolve(dist, page), 'utf8');
    assert.match(html, /<main class="nojs" id="main" lang="(en|fr)"><h1>/);
    assert.match(html, /<link rel="alternate" hreflang="(en|fr)" href="\/(fr\/)?text\/">/);
  }
});
