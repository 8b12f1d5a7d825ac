// The site's rules (dist/_headers, dist/_redirects) as Netlify reads them: Netlify's own
// parsers and redirect engine (tests/e2e/server.mjs, netlifyRules), over every path of
// dist/, then the answers of the test server, which serves through them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { netlifyRules, headersFor, matchRedirect, startServer } from './server.mjs';

const root = resolve(process.env.DIST_DIR || 'dist');
let rules;
let server;

before(async () => {
  rules = await netlifyRules(root);
  server = await startServer(root);
});
after(() => server?.close());

/** Every address dist/ answers at: each file, and each folder with and without its slash. */
async function sitePaths() {
  const paths = new Set();
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const at = '/' + relative(root, path).split('\\').join('/');
        paths.add(at);
        paths.add(`${at}/`);
        await walk(path);
      } else {
        paths.add('/' + relative(root, path).split('\\').join('/'));
      }
    }
  };
  paths.add('/');
  await walk(root);
  return [...paths].sort();
}

const policy = (value = '') => Object.fromEntries(
  value.split(';').map((d) => d.trim().split(/\s+/)).filter(([k]) => k).map(([k, ...v]) => [k, v]),
);

test('Netlify\'s parsers accept the built _headers and _redirects', () => {
  assert.ok(rules.headers.length >= 10, `${rules.headers.length} header rules`);
  assert.ok(rules.redirects.length >= 4, `${rules.redirects.length} redirect rules`);
  // The placeholder `cargo xtask csp` replaces is gone from what is deployed.
  for (const rule of rules.headers) {
    assert.doesNotMatch(rule.values['Content-Security-Policy'] ?? '', /INLINE-SCRIPTS/, rule.for);
  }
});

test('no header is set by two rules for any path of dist/, under Netlify\'s matching', async () => {
  const paths = await sitePaths();
  assert.ok(paths.length > 30, `${paths.length} paths`);
  const conflicts = paths.flatMap((path) => headersFor(rules, path).conflicts.map((c) => `${path}: ${c.name} by ${c.by.join(' and ')}`));
  assert.deepEqual(conflicts, []);
  console.log(`# ${paths.length} paths of dist/ checked against ${rules.headers.length} header rules`);
});

test('every page has a Content-Security-Policy and a framing rule; only the embed may be framed', async () => {
  const pages = (await sitePaths()).filter((p) => p.endsWith('.html') || p.endsWith('/') || !/\.[a-z0-9]+$/.test(p))
    .filter((p) => !p.startsWith('/assets') && !p.startsWith('/data'));
  let checked = 0;
  for (const path of pages) {
    if (path === '/404.html') continue; // its own <meta> policy, below
    const { values } = headersFor(rules, path);
    const csp = policy(values['Content-Security-Policy']);
    assert.ok(csp['default-src'], `${path} has a policy`);
    assert.deepEqual(csp['default-src'], ["'none'"], path);
    if (path.startsWith('/embed')) {
      assert.deepEqual(csp['frame-ancestors'], ['*'], path);
      assert.equal(values['X-Frame-Options'], undefined, path);
    } else {
      assert.deepEqual(csp['frame-ancestors'], ["'none'"], path);
      assert.equal(values['X-Frame-Options'], 'DENY', path);
    }
    checked += 1;
  }
  assert.ok(checked >= 10, `${checked} page paths`);
  const missing = readFileSync(join(root, '404.html'), 'utf8');
  const meta = missing.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, '404.html carries its policy');
  assert.deepEqual(policy(meta[1])['default-src'], ["'none'"]);
  assert.equal(policy(meta[1])['script-src'], undefined);
  assert.doesNotMatch(missing, /<script/);
});

test('a page served by a rewrite gets the same headers by its address as by its file', () => {
  for (const [path, query, language] of [['/', 'lang=en', 'en'], ['/', 'lang=fr', 'en'], ['/', '', 'fr'], ['/fr/', 'lang=en', 'fr']]) {
    const url = new URL(`http://localhost${path}${query ? `?${query}` : ''}`);
    const match = matchRedirect(rules, url, language);
    assert.ok(match, `${url} ${language}`);
    assert.deepEqual(headersFor(rules, path).values, headersFor(rules, match.to).values, `${path} and ${match.to}`);
  }
});

test('one language per page: the address\'s lang=, then the path, then the browser\'s first language', async () => {
  const cases = [
    // [address, Accept-Language, the page's language]
    ['/', 'en-GB,en', 'en'],
    ['/', 'fr-FR,fr,en', 'fr'],
    ['/', 'de-DE,fr', 'en'],
    ['/?lang=fr', 'en-GB', 'fr'],
    ['/?lang=en', 'fr-FR', 'en'],
    ['/?sel=unicancer&lang=fr', 'en', 'fr'],
    ['/fr/', 'en-GB', 'fr'],
    ['/fr', 'en-GB', 'fr'],
    ['/fr/?sel=unicancer', 'en-GB', 'fr'],
    ['/fr/?lang=en', 'fr-FR', 'en'],
    ['/fr/index.html?lang=en', 'fr-FR', 'en'],
    ['/index.html', 'fr-FR', 'en'],
  ];
  for (const [address, language, expected] of cases) {
    const response = await fetch(server.url + address, { headers: { 'accept-language': language }, redirect: 'manual' });
    assert.equal(response.status, 200, address);
    const html = await response.text();
    assert.equal(html.match(/<html lang="(\w+)"/)?.[1], expected, `${address} (${language})`);
    assert.match(html, /boot--prerendered/, `${address}: a first screen`);
  }
  // The CDN keeps a copy of `/` per language, and says so.
  const root = await fetch(server.url + '/', { headers: { 'accept-language': 'fr' } });
  assert.match(root.headers.get('vary'), /Accept-Language/);
});

test('an address that is no page gets "Page not found" in both languages, with its way back', async () => {
  for (const path of ['/no/such/page?sel=crane', '/fr/nothing', '/embed/deeper/still', '/data/nothing.csv']) {
    const response = await fetch(server.url + path, { redirect: 'manual' });
    assert.equal(response.status, 404, path);
    const html = await response.text();
    assert.match(html, /<h1 id="missing-en">Page not found<\/h1>/, path);
    assert.match(html, /Page introuvable/, path);
    assert.match(html, /<a href="\/">Open the atlas<\/a>/);
    assert.match(html, /<a href="\/fr\/">Ouvrir l’atlas<\/a>/);
    // The /* rule's headers only, and no framing header a page of the atlas would send.
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

test('a _headers or _redirects that Netlify\'s parser rejects is refused with its message and line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-rules-'));
  try {
    copyFileSync(join(root, '_redirects'), join(dir, '_redirects'));
    const lines = readFileSync(join(root, '_headers'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('X-Content-Type-Options'));
    lines.splice(at + 1, 0, '  X-Broken:');
    writeFileSync(join(dir, '_headers'), lines.join('\n'));
    await assert.rejects(startServer(dir), (e) => {
      assert.match(e.message, new RegExp(`_headers: Could not parse header line ${at + 2}:`));
      assert.match(e.message, /Missing header value/);
      return true;
    });
    copyFileSync(join(root, '_headers'), join(dir, '_headers'));
    writeFileSync(join(dir, '_redirects'), '/a  /b  301\n/only-a-path\n');
    await assert.rejects(startServer(dir), /_redirects: Could not parse redirect line 2:[\s\S]*Missing destination path\/URL/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the test server refuses a request whose header two rules set, naming both', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-rules-'));
  try {
    copyFileSync(join(root, 'index.html'), join(dir, 'index.html'));
    writeFileSync(join(dir, '_headers'), '/fr\n  X-Frame-Options: DENY\n/fr/*\n  X-Frame-Options: SAMEORIGIN\n');
    writeFileSync(join(dir, '_redirects'), '');
    const local = await startServer(dir);
    try {
      const response = await fetch(`${local.url}/fr/`);
      assert.equal(response.status, 500);
      assert.match(await response.text(), /X-Frame-Options for \/fr\/ is set by both \/fr and \/fr\/\*/);
    } finally {
      await local.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
