// The open data package under /data/ (xtask/prerender/src/package.rs): served with the
// site, every resource it names is there, the page never loads it, and its one-document
// form loads back into the atlas by ?data= with the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

const get = async (path) => {
  const response = await fetch(site.url + path);
  assert.equal(response.status, 200, `${path} is served`);
  return response;
};

/** The footer's organisation count on a page that has loaded its dataset. */
const organisations = async (page) => {
  await page.waitForSelector('.site-footer__counts');
  const counts = (await page.locator('.site-footer__counts li').allTextContents()).join('\n');
  const found = counts.match(/^(\d+) organisations$/m);
  assert.ok(found, `the footer counts organisations: ${counts}`);
  return Number(found[1]);
};

test('datapackage.json is served and every resource it names exists, with its header row', async () => {
  const response = await get('/data/datapackage.json');
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const pkg = await response.json();
  assert.equal(pkg.profile, 'tabular-data-package');
  assert.equal(pkg.name, 'cancer-cooperation-atlas');
  assert.equal(pkg.licenses[0].name, 'CC-BY-4.0');
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  const names = pkg.resources.map((r) => r.name);
  for (const table of ['organisations', 'programmes', 'projects', 'relations', 'events', 'figures', 'sources', 'conflicts', 'countries']) {
    assert.ok(names.includes(table), `a resource for ${table}`);
  }
  for (const resource of pkg.resources) {
    const csv = await (await get(`/data/${resource.path}`)).text();
    const header = csv.split('\r\n')[0].split(',');
    assert.deepEqual(header, resource.schema.fields.map((f) => f.name), `${resource.path}: its header is its schema`);
    assert.ok(csv.split('\r\n').length > 2, `${resource.path} has rows`);
  }
  const doc = await (await get('/data/atlas.json')).json();
  assert.equal(doc.schema, 1);
  const orgs = await (await get('/data/organisations.csv')).text();
  // One line per organisation (none of their texts holds a line break) plus the header.
  assert.equal(orgs.trimEnd().split('\r\n').length - 1, doc.organisations.length);
});

test('a visit never loads the package', async () => {
  const opened = await site.open('/', { locale: 'en-GB' });
  const requests = [];
  opened.page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  await opened.page.reload();
  await opened.page.waitForSelector('.site-footer__counts');
  await opened.page.waitForTimeout(500);
  assert.deepEqual(requests.filter((p) => p.startsWith('/data/')), []);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test('/?data=/data/atlas.json loads the package back: every check passes, same organisation count', async () => {
  const own = await site.open('/', { locale: 'en-GB' });
  const expected = await organisations(own.page);
  await own.context.close();
  const doc = await (await get('/data/atlas.json')).json();
  assert.equal(doc.organisations.length, expected, 'atlas.json holds the atlas’s organisations');

  const opened = await site.open('/?data=%2Fdata%2Fatlas.json', { locale: 'en-GB' }, '.notice--source');
  const notice = await opened.page.textContent('.notice--source');
  assert.match(notice, /This view shows a dataset published at \/data\/atlas\.json/);
  assert.match(notice, /It passes every check of the atlas’s schema\./);
  assert.equal(await organisations(opened.page), expected);
  assert.deepEqual(opened.problems, []);
  await opened.context.close();
});

test('the JSON-LD Dataset of both pages names the licence, the version and the package', async () => {
  const pkg = await (await get('/data/datapackage.json')).json();
  for (const path of ['/index.html', '/fr/index.html']) {
    const html = await (await get(path)).text();
    const block = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
    assert.ok(block, `${path} has its JSON-LD`);
    const ld = JSON.parse(block[1]);
    assert.equal(ld.license, 'https://creativecommons.org/licenses/by/4.0/');
    assert.equal(ld.version, pkg.version);
    assert.equal(ld.dateModified, pkg.last_updated);
    assert.ok(ld.creator.name && ld.citation.includes(pkg.version));
    const urls = ld.distribution.map((d) => d.contentUrl.replace(/^https?:\/\/[^/]+/, ''));
    assert.ok(urls.includes('/data/datapackage.json') && urls.includes('/data/atlas.json'));
    assert.equal(urls.filter((u) => u.endsWith('.csv')).length, pkg.resources.length);
  }
});
