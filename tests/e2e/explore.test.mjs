// Exploring on the built app: shared links, history, search, filters, table, export, print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useSite } from './harness.mjs';

const site = useSite();
// The dataset's version and date, as data/changelog.json gives them (newest first).
const [RELEASE] = JSON.parse(readFileSync(fileURLToPath(new URL('../../data/changelog.json', import.meta.url)), 'utf8'));
const VERSION = RELEASE.version;
const desktop = { locale: 'en-GB', viewport: { width: 1440, height: 900 } };

test('a shared link reproduces language, selection, date, filters and view, also after a reload', async () => {
  const link = '/?lang=fr&sel=crane&date=2023-05-09&kind=cancer-centre,international&view=table&tab=projects&sort=-start';
  const { page, problems, context } = await site.open(link, desktop, '#details-name');
  const check = async () => {
    assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'the link wins over the browser language');
    assert.match(await page.textContent('#details-name'), /^CraNE — /);
    assert.equal(await page.getAttribute('.timeline__slider', 'aria-valuetext'), '9 mai 2023');
    assert.ok(await page.isVisible('table.table'), 'the table view');
    assert.equal(await page.getAttribute('th[aria-sort="descending"] .table__sort', 'type'), 'button');
    assert.match(await page.textContent('.filters__summary'), /Filtres \(2\)/);
    const checked = await page.$$eval('.facet input:checked', (boxes) => boxes.length);
    assert.equal(checked, 2);
    assert.equal(await page.locator('.notice').count(), 0, 'nothing was ignored');
  };
  await check();
  await page.waitForTimeout(400);
  assert.equal(new URL(page.url()).search, link.slice(1).replace(/^\?/, '?'), 'the address keeps the link as it was');
  await page.reload();
  await page.waitForSelector('#details-name');
  await check();
  assert.deepEqual(problems, []);
  await context.close();
});

test('back and forward walk through selections and views', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.toolbar__programmes a');
  await page.click('.toolbar__programmes a[data-sel="prog-g7"]');
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), 'G7 Cancer');
  assert.match(page.url(), /[?&]sel=prog-g7/);
  const headings = await page.locator('.details h4').allTextContents();
  assert.ok(headings.includes('Six principles'), 'the programme page lists its principles');
  assert.ok(headings.includes('Three aims'), 'and its three stated aims');
  await page.click('.toolbar__view .button:has-text("Table")');
  await page.waitForSelector('table.table');
  await page.goBack();
  await page.waitForSelector('.map');
  assert.equal(await page.locator('table.table').count(), 0, 'back to the map');
  assert.equal(await page.textContent('#details-name'), 'G7 Cancer');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  assert.equal(new URL(page.url()).search, '');
  await page.goForward();
  await page.waitForSelector('#details-name');
  assert.equal(await page.textContent('#details-name'), 'G7 Cancer');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a joint action lists its partners country by country, with the stated count beside the named', async () => {
  const { page, problems, context } = await site.open('/?sel=eunetccc', desktop, '#details-name');
  const headings = await page.locator('.details h4').allTextContents();
  assert.ok(headings.includes('Participation by country'), headings.join(' | '));
  assert.match(await page.textContent('.details__participation'),
    /^163 partners according to the sources; \d+ named here, in \d+ countries \(31 stated\)\.$/);
  const countries = await page.locator('.details__country h5').allTextContents();
  assert.ok(countries.length >= 5, countries.join(' | '));
  const names = countries.map((c) => c.split(' · ')[0]);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')), 'alphabetical');
  const france = countries.find((c) => c.startsWith('France'));
  assert.match(france, /^France · coordinator \(\d+\)$/, 'INCa coordinates, so France is the coordinating country');
  // 31 countries: each opens on its own, by mouse or keyboard.
  assert.equal(await page.locator('.details__country details[open]').count(), 0, 'closed at first');
  // Partners are links to their organisation; the role links to the sourced relation.
  const portugal = page.locator('.details__country', { has: page.locator('h5', { hasText: 'Portugal' }) });
  await portugal.locator('summary').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.details__country details[open]').length === 1);
  assert.ok(await portugal.locator('li a').count() >= 2);
  const first = portugal.locator('li').first();
  const org = (await first.locator('a').first().textContent()).trim();
  await first.locator('a').first().click();
  await page.waitForFunction((name) => document.querySelector('#details-name')?.textContent.includes(name), org);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#details-name')?.textContent.startsWith('EUnetCCC'));
  // In French, the same page in the words of the field.
  await page.click('.switch__option[lang="fr"]');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match(await page.textContent('.details__participation'), /^163 partenaires selon les sources\u202f; /);
  assert.ok((await page.locator('.details h4').allTextContents()).includes('Participation par pays'));
  assert.ok((await page.locator('.details__country h5').allTextContents()).some((h) => h.startsWith('France · coordinateur')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the EU programme page says for each joint action how many partners are named of those stated', async () => {
  const { page, problems, context } = await site.open('/?sel=prog-eu', desktop, '#details-name');
  const items = await page.locator('.details__list li').allTextContents();
  const jane2 = items.find((t) => t.startsWith('JANE-2'));
  assert.match(jane2 ?? '', /\d+ of 121 partners named/, items.join(' | '));
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing a programme frames the map on what it involves and names its links, never an id', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.toolbar__programmes a');
  const zoom = () => Number((new URL(page.url()).searchParams.get('map') ?? ',,0').split(',')[2]);
  await page.click('.toolbar__programmes a[data-sel="prog-g7"]');
  await page.waitForFunction(() => /^Links — G7 Cancer \(\d+\)$/.test(document.querySelector('.map__links h3')?.textContent ?? ''));
  const g7 = Number((await page.textContent('.map__links h3')).match(/\((\d+)\)/)[1]);
  assert.ok(g7 >= 7, `${g7} links for G7 Cancer's members`);
  await page.waitForFunction(() => /[?&]map=/.test(location.search));
  const world = zoom();
  assert.ok(world >= 1 && world < 1.6, `G7 Cancer spans the world: zoom ${world}`);
  await page.click('.toolbar__programmes a[data-sel="prog-eu"]');
  await page.waitForFunction(() => /^Links — EU joint actions on cancer \(\d+\)$/.test(document.querySelector('.map__links h3')?.textContent ?? ''));
  await page.waitForFunction((w) => {
    const m = new URL(location.href).searchParams.get('map');
    return m !== null && Number(m.split(',')[2]) > w * 1.5;
  }, world);
  assert.doesNotMatch(await page.textContent('.map__links h3'), /prog-/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('unknown and malformed parameters are ignored with a notice, never a crash', async () => {
  const { page, problems, context } = await site.open('/?zoom=9&sel=atlantis&date=2023-13-45&kind=spaceship&lang=de&map=nan,1,2', desktop, '.notice');
  const notice = await page.textContent('.notice');
  for (const part of ['zoom', 'sel=atlantis', 'date=2023-13-45', 'kind=spaceship', 'lang=de', 'map=nan,1,2']) {
    assert.ok(notice.includes(part), `${part} in: ${notice}`);
  }
  assert.ok(await page.isVisible('.region--map'), 'the app runs');
  await page.waitForTimeout(400);
  assert.equal(new URL(page.url()).search, '', 'the address is cleaned');
  await page.click('.notice button');
  assert.equal(await page.locator('.notice').count(), 0, 'the notice can be dismissed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('search forgives accents and case, works by keyboard and selects', async () => {
  const { page, problems, context } = await site.open('/', desktop, '#search-input');
  await page.focus('#search-input');
  await page.keyboard.type('LEON berard');
  await page.waitForSelector('#search-results:not([hidden]) [role="option"]');
  assert.equal(await page.getAttribute('#search-input', 'aria-expanded'), 'true');
  assert.match(await page.textContent('#search-option-0'), /Centre Léon Bérard/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#search-input', 'aria-activedescendant'), 'search-option-0');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details-name');
  assert.match(await page.textContent('#details-name'), /Centre Léon Bérard/);
  // Focus moves to the card on the next frame (a slow machine may not be there yet).
  await page.waitForFunction(() => document.activeElement?.id === 'details-name');
  assert.match(page.url(), /sel=centre-leon-berard/);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#details-name'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-input', 'focus returns on close');
  assert.deepEqual(problems, []);
  await context.close();
});

test('facets filter map, timeline and table together, with counts, and clear at once', async () => {
  const { page, problems, context } = await site.open('/', desktop, '.map__markers [data-id], .map__cluster');
  const timelineItems = () => page.locator('.timeline__item').count();
  const allItems = await timelineItems();
  await page.click('.filters__summary');
  const label = page.locator('.facet label', { hasText: 'Hospital or cancer centre' });
  const count = Number((await label.textContent()).match(/\((\d+)\)/)[1]);
  assert.ok(count >= 18, `the count says ${count}`);
  await label.click();
  await page.waitForFunction(() => /kind=cancer-centre/.test(location.search));
  assert.match(await page.textContent('.toolbar__count'), new RegExp(`^${count} of \\d+ organisations$`));
  assert.ok((await timelineItems()) < allItems, 'the timeline narrows');
  await page.click('.toolbar__view .button:has-text("Table")');
  await page.waitForSelector('table.table');
  assert.equal(await page.locator('table.table tbody tr').count(), count, 'the table shows what the count said');
  await page.click('.toolbar__filters .button:has-text("Clear all filters")');
  await page.waitForFunction(() => !/kind=/.test(location.search));
  assert.equal(await timelineItems(), allItems);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the table sorts by any column and its links select', async () => {
  const { page, problems, context } = await site.open('/?view=table&tab=projects', desktop, 'table.table');
  await page.click('th:has-text("Start") .table__sort');
  await page.waitForSelector('th[aria-sort="ascending"]:has-text("Start")');
  const first = await page.textContent('table.table tbody tr:first-child td:first-child');
  assert.match(first, /EPAAC/);
  await page.click('th:has-text("Start") .table__sort');
  await page.waitForSelector('th[aria-sort="descending"]:has-text("Start")');
  assert.match(page.url(), /sort=-start/);
  await page.click('table.table tbody a[data-sel="crane"]');
  await page.waitForSelector('#details-name');
  assert.match(await page.textContent('#details-name'), /^CraNE/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('exports: CSV and JSON of the filtered view with sources, the map as SVG, and the link', async () => {
  const { page, problems, context } = await site.open('/?prog=prog-g7', desktop, '.export');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const download = async (name) => {
    if (!(await page.isVisible('.menu__panel'))) await page.click('.menu__summary');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`.menu__panel .button:has-text("${name}")`)]);
    const stream = await file.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
  };
  const csv = await download('This table (CSV)');
  assert.match(csv.name, /^cancer-atlas-organisations-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.trim().split('\r\n');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark, so spreadsheets read accents');
  assert.ok(lines[0].replace(/^\ufeff/, '').startsWith('id,Name,Kind,City,Country,Relations,Confidence'), lines[0]);
  assert.ok(lines.some((l) => l.startsWith('inca,')), 'INCa is a G7 Cancer member');
  assert.ok(!lines.some((l) => l.startsWith('centre-leon-berard,')), 'filtered out');
  assert.ok(lines.slice(1).every((l) => /,(confirmed|partly-confirmed|seed|unconfirmed|disputed|corrected),/.test(l)));
  // Every row carries the dataset's version and licence (data/changelog.json's newest entry).
  assert.ok(lines[0].endsWith(',dataset_version,licence'), lines[0]);
  assert.ok(lines.slice(1).every((l) => l.endsWith(`,${VERSION},CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)`)), lines[1]);
  const json = JSON.parse((await download('All filtered records (JSON)')).text);
  assert.equal(json.version, VERSION);
  assert.equal(json.license.name, 'CC BY 4.0');
  assert.ok(json.organisations.length >= 8);
  assert.ok(json.organisations.every((o) => o.sources.length > 0 && o.confidence_key));
  assert.match(json.view, /prog=prog-g7/);
  const svg = await download('The map (SVG)');
  assert.match(svg.text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg.text, /<title>Cancer Cooperation Atlas — As of /);
  await page.click('.export .button:has-text("Copy link")');
  await page.waitForSelector('.export__status:has-text("Link copied.")');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\?lang=en&date=\d{4}-\d{2}-\d{2}&prog=prog-g7$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('print: controls hidden, the map, list and sources on A4', async () => {
  const { page, problems, context } = await site.open('/?sel=crane', desktop, '#details-name');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.toolbar', '.map__controls', '.region--timeline']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  assert.ok(await page.isVisible('.map'));
  assert.ok(await page.isVisible('.details > .details__sources'), 'the page\'s own sources');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  console.log(`print: ${pages} A4 pages for CraNE`);
  // The map, then the page: 17 partners in 12 countries with their roles, the relations,
  // conflicts, events and sources (9 pages on 2026-12-01).
  assert.ok(pages >= 1 && pages <= 12, `${pages} pages`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The programme page's groups, as open text: heading and its items, none in a closed <details>. */
const memberGroups = (page) => page.evaluate(() => [...document.querySelectorAll('.details__members-title')].map((h) => {
  const list = h.nextElementSibling;
  const items = [...list.querySelectorAll(':scope > li')];
  return {
    title: h.textContent,
    items: items.map((li) => li.textContent),
    hidden: [h, ...items].some((el) => el.closest('details:not([open])') || el.getBoundingClientRect().height === 0),
  };
}));

for (const [lang, members, observers, observer, since, canada] of [
  ['en', 'Members (7)', 'Observers (1)', 'observer', '2024', 'CIHR'],
  ['fr', 'Membres (7)', 'Observateurs (1)', 'observateur', '2024', 'IRSC'],
]) {
  test(`G7 Cancer's page names its seven signatories and IARC with its status, in open text (${lang})`, async () => {
    const { page, problems, context } = await site.open(`/?lang=${lang}&sel=prog-g7`, { ...desktop, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' }, '.details__members-title');
    const groups = await memberGroups(page);
    const [first, second] = groups;
    assert.equal(first.title, members, groups.map((g) => g.title).join(' | '));
    assert.equal(first.hidden, false, 'not folded');
    for (const name of ['INCa', 'Cancer Australia', canada, 'DKFZ', 'NCC', 'CRUK', 'NCI']) {
      assert.ok(first.items.some((t) => t.includes(name)), `${name} among ${first.items.join(' | ')}`);
    }
    assert.ok(first.items.every((t) => t.includes(lang === 'fr' ? 'signataire' : 'signatory')), 'each a signatory');
    assert.equal(second.title, observers);
    assert.equal(second.hidden, false);
    const [iarc] = second.items;
    assert.match(iarc, lang === 'fr' ? /CIRC/ : /IARC/);
    assert.ok(iarc.includes(observer) && iarc.includes(since), iarc);
    assert.match(iarc, lang === 'fr' ? /Confirmé/ : /Confirmed/, 'its confidence');
    assert.match(iarc, /INCa/, 'its sources');
    // The links select: IARC's line leads to IARC.
    await page.locator('.details__members a[data-sel="iarc"]').first().click();
    await page.waitForFunction(() => /[?&]sel=iarc/.test(location.search));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("Unicancer's page names its centres and its partners as two groups; the EU's its joint actions in order", async () => {
  const { page, problems, context } = await site.open('/?sel=prog-unicancer', desktop, '.details__members-title');
  const groups = await memberGroups(page);
  const members = groups.find((g) => g.title === 'Members (20)');
  assert.ok(members, groups.map((g) => g.title).join(' | '));
  assert.equal(members.items.filter((t) => / — member(?! of)/.test(t)).length, 18, 'its 18 centres');
  assert.equal(members.items.filter((t) => /affiliated member/.test(t)).length, 2, 'and 2 affiliated members');
  const partners = groups.find((g) => g.title.startsWith('Partners and memberships'));
  for (const name of ['UICC', 'HOPE', 'ESMO', 'EORTC', 'World Health Organization']) {
    assert.ok(partners.items.some((t) => t.includes(name)), `${name} among ${partners.items.join(' | ')}`);
  }
  assert.ok(groups.every((g) => !g.hidden), 'all open');

  await page.click('.toolbar__programmes a[data-sel="prog-eu"]');
  await page.waitForFunction(() => document.querySelector('.details__members-title')?.textContent.startsWith('Joint actions'));
  const [joint] = await memberGroups(page);
  assert.equal(joint.title, 'Joint actions (14)');
  const names = joint.items.map((t) => t.split(' · ')[0]);
  assert.deepEqual(names.slice(0, 3), ['EPAAC', 'CanCon', 'iPAAC']);
  assert.ok(names.indexOf('iPAAC') < names.indexOf('EUnetCCC') && names.indexOf('JANE') < names.indexOf('EUnetCCC'), names.join(', '));
  assert.ok(joint.items.every((t) => /\d{4}/.test(t)), 'each with its dates');
  assert.deepEqual(problems, []);
  await context.close();
});
