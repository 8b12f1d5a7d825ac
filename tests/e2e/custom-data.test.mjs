// Another dataset by address (?data=): a valid one replaces the embedded data and says so;
// every kind of failure keeps the embedded data and says what went wrong; strings holding
// HTML or <script> stay inert text. The datasets are served beside a copy of dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const SECTIONS = ['sources', 'countries', 'organisations', 'programmes', 'projects', 'relations', 'events', 'figures', 'conflicts'];
// Counts follow the shipped data (157 organisations on 2026-12-01), never hard-coded.
const ORGS = JSON.parse(readFileSync(join(DATA, 'organisations.json'), 'utf8')).length;
const MANY = ORGS + 300;
const EVIL = 'Evil <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & Co';

/** The shipped dataset as one document of the published schema. */
function shipped() {
  const doc = { schema: 1 };
  for (const s of SECTIONS) doc[s] = JSON.parse(readFileSync(join(DATA, `${s}.json`), 'utf8'));
  return doc;
}

let dir;
let server;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-data-'));
  cpSync(resolve(process.env.DIST_DIR || 'dist'), dir, { recursive: true });
  mkdirSync(join(dir, 'd'));
  const small = shipped();
  // A smaller atlas: only the French centres' federation and what it needs is not easy to
  // cut by hand, so the custom dataset is the shipped one with one organisation renamed to
  // hostile markup and one fewer event: different enough to be told apart.
  small.organisations.find((o) => o.id === 'unicancer').name = { en: EVIL, fr: EVIL };
  small.events.pop();
  writeFileSync(join(dir, 'd/custom.json'), JSON.stringify(small));
  const broken = JSON.stringify(shipped(), null, 1).split('\n');
  broken[2] = broken[2] + ' oops';
  writeFileSync(join(dir, 'd/broken.json'), broken.join('\n'));
  const dangling = shipped();
  dangling.relations[0].from = 'no-such-org';
  writeFileSync(join(dir, 'd/dangling.json'), JSON.stringify(dangling));
  // 300 more organisations (copies of one centre): a table longer than one page.
  const many = shipped();
  const model = many.organisations.find((o) => o.id === 'unicancer');
  for (let i = 0; i < 300; i++) {
    many.organisations.push({ ...model, id: `copy-${i}`, acronym: undefined, name: { en: `Copy ${i}`, fr: `Copie ${i}` } });
  }
  writeFileSync(join(dir, 'd/many.json'), JSON.stringify(many));
  writeFileSync(join(dir, 'd/page.html'), '<!doctype html><title>Not JSON</title>');
  writeFileSync(join(dir, 'd/huge.json'), `[${' '.repeat(10_100_000)}]`);
  // A missing file under /d/ is a 404 whose body is a text file (on the atlas's own site a
  // missing path is "Page not found", an HTML page: the same notice as for a 404).
  const redirects = join(dir, '_redirects');
  writeFileSync(redirects, `/d/*  /d/missing.txt  404\n${readFileSync(redirects, 'utf8')}`);
  server = await startServer(dir);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = async (query) => {
  const opened = await openPage(browser, server.url, { locale: 'en-GB' });
  await opened.page.goto(`${server.url}/?${query}`);
  await opened.page.waitForSelector('.notice--source', { timeout: 30_000 });
  return opened;
};

test('a valid dataset by address replaces the embedded one, says so, and links keep it', async () => {
  const { page, problems, context } = await open('data=%2Fd%2Fcustom.json&sel=unicancer');
  assert.match(await page.textContent('.notice--source'), /This view shows a dataset published at \/d\/custom\.json/);
  // The hostile name is shown as text, never run.
  await page.waitForSelector('#details-name');
  assert.ok((await page.textContent('#details-name')).startsWith(EVIL), 'the name, as text');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval('#details-name img, .map img, .timeline img, script:not([src]):not([type])', (els) => els.length), 0);
  const label = await page.getAttribute('.map__marker[data-id="unicancer"], .map__cluster', 'aria-label');
  assert.ok(label, 'the marker or its cluster is named');
  // The footer counts the custom dataset (one event fewer), and the address keeps data=.
  assert.match(page.url(), /data=%2Fd%2Fcustom\.json/);
  await page.click('.timeline__item :is(.timeline__bar, .timeline__dot) >> nth=0');
  await page.waitForFunction(() => /sel=/.test(location.search) && /data=/.test(location.search));
  // "Back to the atlas's own data" opens the same view without the address.
  await page.click('.notice--source a');
  await page.waitForSelector('.brand__title');
  assert.doesNotMatch(page.url(), /data=/);
  assert.equal(await page.$('.notice--source'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long table comes 200 rows at a time; "show more" adds the rest and moves focus to the first new row', async () => {
  const { page, problems, context } = await open('data=%2Fd%2Fmany.json&view=table');
  await page.waitForSelector('table.table');
  assert.equal(await page.locator('table.table tbody tr').count(), 200);
  assert.match(await page.textContent('.table caption'), new RegExp(`${MANY} results`));
  const more = page.locator('.table__more');
  const label = (shown) => `Show ${Math.min(200, MANY - shown)} more (${shown} of ${MANY} shown)`;
  assert.equal(await more.textContent(), label(200));
  // By keyboard: the button is reachable and Enter works; each press adds up to 200 rows
  // and puts focus on the first new one.
  for (let shown = 200; shown < MANY; shown += 200) {
    await page.locator('.table__more').focus();
    await page.keyboard.press('Enter');
    const now = Math.min(shown + 200, MANY);
    await page.waitForFunction((n) => document.querySelectorAll('table.table tbody tr').length === n, now);
    await page.waitForFunction((i) => document.activeElement?.closest('tr') === document.querySelectorAll('table.table tbody tr')[i], shown);
    if (now < MANY) assert.equal(await page.locator('.table__more').textContent(), label(now));
  }
  assert.equal(await page.locator('.table__more').count(), 0, 'nothing more to show');
  // Changing tab starts again from one page.
  await page.click('.table__tabs button:has-text("Relations")');
  await page.waitForFunction(() => /Relations/.test(document.querySelector('.table caption')?.textContent ?? ''));
  await page.click('.table__tabs button:has-text("Organisations")');
  await page.waitForFunction(() => /Organisations/.test(document.querySelector('.table caption')?.textContent ?? ''));
  assert.equal(await page.locator('table.table tbody tr').count(), 200);
  assert.equal(await page.locator('.table__more').textContent(), label(200));
  assert.deepEqual(problems, []);
  await context.close();
});

const FAILURES = [
  ['a missing file (404)', 'data=%2Fd%2Fnope.json', /HTTP status 404/],
  ['invalid JSON', 'data=%2Fd%2Fbroken.json', /line 3/],
  ['an unknown reference', 'data=%2Fd%2Fdangling.json', /no-such-org/],
  ['a web page instead of JSON', 'data=%2Fd%2Fpage.html', /not JSON but “text\/html/],
  ['a file over 10 MB', 'data=%2Fd%2Fhuge.json', /larger than the 10\u00a0MB limit/],
  ['another site that does not allow it (CORS, CSP)', 'data=https%3A%2F%2F127.0.0.1%3A9%2Fatlas.json', /could not be reached/],
];

for (const [name, query, reason] of FAILURES) {
  test(`${name}: the embedded data stays and the notice says why`, async () => {
    const { page, context } = await open(query);
    const text = await page.textContent('.notice--failed');
    assert.match(text, /could not be used/);
    assert.match(text, reason);
    assert.match(text, /The atlas’s own data is shown instead/);
    // The atlas works on its own data, the address no longer asks for the other one, and
    // "Try again" does.
    await page.waitForSelector('.timeline__item');
    assert.match(await page.textContent('.site-footer'), new RegExp(`${ORGS} organisations`));
    assert.doesNotMatch(page.url(), /data=/);
    assert.match(await page.getAttribute('.notice--failed a', 'href'), /data=/);
    await context.close();
  });
}

test('the failure notice is in French for a French visitor', async () => {
  const { page, context } = await open('data=%2Fd%2Fnope.json&lang=fr');
  assert.match(await page.textContent('.notice--failed'), /n’a pas pu être utilisé.*code HTTP 404/s);
  await context.close();
});

test('the dataset is read by a worker loaded only for ?data=, under its own policy', async () => {
  // A visit without ?data= never asks for the worker.
  const plain = await openPage(browser, server.url, { locale: 'en-GB' });
  const asked = [];
  plain.page.on('request', (req) => asked.push(new URL(req.url()).pathname));
  await plain.page.goto(`${server.url}/`);
  await plain.page.waitForSelector('.timeline__item');
  assert.deepEqual(asked.filter((p) => p.startsWith('/dataset-worker')), []);
  await plain.context.close();
  // With ?data=, the worker's script, glue and wasm arrive, and the script carries a policy
  // of its own: no page's policy governs a worker.
  const { page, problems, context } = await openPage(browser, server.url, { locale: 'en-GB' });
  const policies = new Map();
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (path.startsWith('/dataset-worker')) policies.set(path, res.headers()['content-security-policy']);
  });
  await page.goto(`${server.url}/?data=%2Fd%2Fcustom.json`);
  await page.waitForSelector('.notice--source:not(.notice--failed)');
  assert.deepEqual([...policies.keys()].sort(), ['/dataset-worker.js', '/dataset-worker_bg.wasm', '/dataset-worker_loader.js']);
  const policy = policies.get('/dataset-worker_loader.js') ?? '';
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker that cannot start: the embedded data stays and the notice says so, in both languages', async () => {
  // The same site without the worker's wasm (a deploy caught half-way, or offline).
  const half = mkdtempSync(join(tmpdir(), 'atlas-noworker-'));
  cpSync(dir, half, { recursive: true });
  rmSync(join(half, 'dataset-worker_bg.wasm'));
  const site = await startServer(half);
  try {
    for (const [lang, reason] of [['en-GB', /could not start its dataset reader/], ['fr-FR', /n’a pas pu lancer son lecteur/]]) {
      const { page, context } = await openPage(browser, site.url, { locale: lang });
      await page.goto(`${site.url}/?data=%2Fd%2Fcustom.json`);
      // At once: the app does not wait out its 45 seconds for a worker that cannot answer.
      await page.waitForSelector('.notice--failed', { timeout: 10_000 });
      assert.match(await page.textContent('.notice--failed'), reason);
      await page.waitForSelector('.timeline__item');
      assert.match(await page.textContent('.site-footer'), new RegExp(`${ORGS} organisations`));
      await context.close();
    }
  } finally {
    await site.close();
    rmSync(half, { recursive: true, force: true });
  }
});
