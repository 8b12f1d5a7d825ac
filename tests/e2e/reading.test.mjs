// Reading the atlas as its visitors do (issue 31): tables in the order people read them, in
// either language; French typography in what the page shows; a phone's toolbar with nothing
// cut off; and a legend that hides no more of the map than it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();
const desktop = { viewport: { width: 1440, height: 900 } };
const phone = (width) => ({ viewport: { width, height: 812 }, isMobile: true, hasTouch: true });

/** The first column's texts, top to bottom. */
const firstColumn = (page) => page.$$eval('table.table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent.trim()));

/** Accents and case aside, as the atlas sorts (and as a reader expects). */
const key = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

for (const [lang, locale, first, pair] of [
  ['en', 'en-GB', 'Australia', ['Belgium', 'Germany']],
  ['fr', 'fr-FR', 'Allemagne', ['Estonie', 'États-Unis']],
]) {
  test(`the Countries tab opens in name order in ${lang.toUpperCase()}, not by ISO code`, async () => {
    const { page, problems, context } = await site.open(`/?lang=${lang}&view=table&tab=countries`, { ...desktop, locale }, 'table.table');
    const names = await firstColumn(page);
    assert.ok(names.length >= 30, `${names.length} countries`);
    assert.equal(names[0], first);
    const keys = names.map(key);
    assert.deepEqual(keys, [...keys].sort((a, b) => a.localeCompare(b, lang)), names.join(', '));
    assert.ok(names.indexOf(pair[0]) < names.indexOf(pair[1]), `${pair[0]} before ${pair[1]}`);
    // The header says how the table is sorted, before any click.
    assert.equal(await page.getAttribute('table.table th:first-child', 'aria-sort'), 'ascending');
    assert.doesNotMatch(page.url(), /sort=/, 'the reading order is the default, not written in the link');
    // Organisations too: by name in this language.
    await page.click('.table__tabs button:first-child');
    await page.waitForFunction(() => /tab=organisations|^(?!.*tab=)/.test(location.search));
    // Punctuation aside too (« Institut d’oncologie » sorts as "institut d oncologie").
    const orgs = (await firstColumn(page)).map((t) => key(t).replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
    assert.ok(orgs.length >= 100, `${orgs.length} organisations`);
    for (let i = 1; i < orgs.length; i += 1) assert.ok(orgs[i - 1] <= orgs[i], `${orgs[i - 1]} before ${orgs[i]}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the French page sets its spaces as French typography wants: none ordinary before : ; ! ? or inside « »', async () => {
  const { page, problems, context } = await site.open('/?lang=fr', { ...desktop, locale: 'fr-FR' }, '.timeline__item');
  const faults = async () => page.evaluate(() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      // Sources' titles and quoted statements are quotations, as published.
      if (node.parentElement.closest('script, style, noscript, [lang="en"], code, .details__sources, .details__cite, blockquote')) continue;
      if (/ [:;!?»]|« |'/.test(text)) found.push(text.trim().slice(0, 80));
    }
    return found;
  });
  assert.deepEqual(await faults(), []);
  // Cards bring the data's own text: a conflict, a figure's quotation, notes and sources.
  for (const id of ['rel-026', 'eunetccc', 'unicancer', 'moh-mt', 'icpf', 'prog-g7', 'country:SI']) {
    await page.goto(`${site.url}/?lang=fr&sel=${id}`);
    await page.waitForSelector('#details-name');
    assert.deepEqual(await faults(), [], id);
  }
  // A fact not checked against a source says so in words, in French.
  await page.goto(`${site.url}/?lang=fr&sel=moh-mt`);
  await page.waitForSelector('#details-name');
  assert.match(await page.textContent('.region--details'), /non vérifiée? sur une source/);
  assert.doesNotMatch(await page.textContent('.region--details'), /connaissances? générales?|general knowledge/i);
  assert.deepEqual(problems, []);
  await context.close();
});

/** How wide the search box's placeholder is as the box draws it (the placeholder typed in
 * as its value, then taken out), against the box's width. */
const placeholderRoom = (page) => page.evaluate(() => {
  const input = document.querySelector('#search-input');
  const room = input.clientWidth;
  input.value = input.placeholder;
  const text = input.scrollWidth;
  input.value = '';
  return { text, room };
});

for (const width of [320, 375]) {
  for (const [lang, locale] of [['en', 'en-GB'], ['fr', 'fr-FR']]) {
    test(`a ${width} px phone in ${lang.toUpperCase()}: the placeholder and the programme links are whole`, async () => {
      // With a filter on, "Filters (1)" and "Clear all filters" take their room too.
      const { page, problems, context } = await site.open(`/?lang=${lang}&kind=cancer-centre`, { ...phone(width), locale }, '.timeline__item');
      const { text, room } = await placeholderRoom(page);
      assert.ok(text <= room, `the placeholder needs ${text.toFixed(0)} px, has ${room.toFixed(0)}`);
      const links = await page.$$eval('.toolbar__programmes a', (as) => as.map((a) => {
        const r = a.getBoundingClientRect();
        return { text: a.textContent, left: r.left, right: r.right, cut: a.scrollWidth > a.clientWidth + 1, visible: r.width > 0 };
      }));
      assert.equal(links.length, 3, 'three programmes');
      for (const l of links) {
        assert.ok(l.visible && !l.cut, `${l.text} is whole`);
        assert.ok(l.left >= 0 && l.right <= width, `${l.text} within the screen (${l.left.toFixed(0)}–${l.right.toFixed(0)})`);
      }
      // Nothing in the page is wider than the screen.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll');
      // The three views' buttons are whole too.
      const views = await page.$$eval('.toolbar__view .button', (bs) => bs.map((b) => b.scrollWidth <= b.clientWidth + 1));
      assert.deepEqual(views, [true, true, true]);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('on a wide screen the placeholder fits, and the toolbar is one row in French at 1440 px', async () => {
  const { page, problems, context } = await site.open('/?lang=fr', { ...desktop, locale: 'fr-FR' }, '.timeline__item');
  const { text, room } = await placeholderRoom(page);
  assert.ok(text <= room, `the placeholder needs ${text.toFixed(0)} px, has ${room.toFixed(0)}`);
  const rows = await page.$$eval('.toolbar > *', (items) => new Set(items.map((i) => Math.round(i.getBoundingClientRect().top))).size);
  assert.equal(rows, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The share of the map's area that the legend covers (0 when it sits outside the map). */
const legendShare = (page) => page.evaluate(() => {
  const map = document.querySelector('.region--geo > .map').getBoundingClientRect();
  const legend = document.querySelector('.region--geo > .map__legend').getBoundingClientRect();
  const w = Math.max(0, Math.min(map.right, legend.right) - Math.max(map.left, legend.left));
  const h = Math.max(0, Math.min(map.bottom, legend.bottom) - Math.max(map.top, legend.top));
  return { share: (w * h) / (map.width * map.height), height: legend.height };
});

test('with a project selected the legend folds its kinds and covers less of the map; the visitor\'s choice stays', async () => {
  const { page, problems, context } = await site.open('/', { ...desktop, locale: 'en-GB' }, '.timeline__item');
  const kinds = '.map__legend-part:first-child';
  assert.equal(await page.getAttribute(kinds, 'open'), '', 'open with nothing selected');
  const before = await legendShare(page);
  await page.goto(`${site.url}/?sel=crane`);
  await page.waitForSelector('#details-name');
  await page.waitForFunction((sel) => !document.querySelector(sel).open, kinds);
  const selected = await legendShare(page);
  console.log(`legend at 1440×900: ${(before.share * 100).toFixed(1)} % of the map with nothing selected, ${(selected.share * 100).toFixed(1)} % with CraNE (${selected.height.toFixed(0)} px tall)`);
  // It was six lines and about 31 % of the map before issue 31; now the selection's lines
  // take the kinds' place.
  assert.ok(selected.share <= 0.25, `the legend covers ${(selected.share * 100).toFixed(1)} % of the map`);
  assert.ok(selected.height <= 100, `the legend is ${selected.height.toFixed(0)} px tall`);
  assert.match(await page.textContent('.map__legend'), /Countries by role in the selected project/);
  // Opened by hand, the kinds stay open through the next selection (made with the search).
  await page.click(`${kinds} summary`);
  await page.fill('#search-input', 'Institut Curie');
  await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /sel=institut-curie/.test(location.search));
  assert.equal(await page.getAttribute(kinds, 'open'), '', 'the visitor opened it: it stays open');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 375 px phone the legend sits under the map, folded: it hides none of it', async () => {
  const { page, problems, context } = await site.open('/?sel=crane', { ...phone(375), locale: 'en-GB' }, '.timeline__item');
  const { share } = await legendShare(page);
  console.log(`legend at 375×812 with CraNE: ${(share * 100).toFixed(1)} % of the map`);
  assert.equal(share, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the footer says which version of the data this is, when it was updated, and its licence, in EN and FR', async () => {
  const { readFileSync } = await import('node:fs');
  const [release] = JSON.parse(readFileSync(new URL('../../data/changelog.json', import.meta.url), 'utf8'));
  const [y, m, d] = release.date.split('-').map(Number);
  const months = {
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  };
  for (const [lang, locale, text] of [
    ['en', 'en-GB', `Data version ${release.version}, updated on ${d} ${months.en[m - 1]} ${y}.`],
    ['fr', 'fr-FR', `Version ${release.version} des données, mises à jour le ${d === 1 ? '1er' : d} ${months.fr[m - 1]} ${y}.`],
  ]) {
    const { page, problems, context } = await site.open(`/?lang=${lang}`, { ...desktop, locale }, '.site-footer__release');
    assert.equal((await page.textContent('.site-footer__release')).trim(), text);
    assert.equal(await page.getAttribute('.site-footer__licence a[rel="license"]', 'href'), 'https://creativecommons.org/licenses/by/4.0/');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
