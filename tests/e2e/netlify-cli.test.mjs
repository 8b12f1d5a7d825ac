// A smoke run against Netlify's own local server: netlify-cli's `netlify dev` (offline, edge
// functions off, tests/netlify) serving dist/. The same addresses get the same answers
// from it as from the test server (server.mjs), and the atlas starts through it with no
// problem: no refused script, no failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';

const CLI = process.env.NETLIFY_CLI || fileURLToPath(new URL('../netlify/node_modules/.bin/netlify', import.meta.url));
const dist = resolve(process.env.DIST_DIR || 'dist');

let netlify;
let ours;
let project;
let output = '';

/** A free loopback port. */
const freePort = () => new Promise((done, fail) => {
  const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => done(port));
  });
});

before(async () => {
  assert.ok(existsSync(CLI), `netlify-cli is not installed at ${CLI}: run \`cargo xtask setup\``);
  ours = await startServer(dist);
  // netlify dev writes its state (.netlify/) where it runs: a scratch project, not the repo.
  project = mkdtempSync(join(tmpdir(), 'atlas-netlify-'));
  const [port, staticPort] = [await freePort(), await freePort()];
  netlify = spawn(CLI, ['dev', '--offline', '--internal-disable-edge-functions', '--dir', dist, '--port', String(port), '--staticServerPort', String(staticPort), '--no-open'], {
    cwd: project,
    // CI=true: no prompt, no telemetry.
    env: { ...process.env, CI: 'true', BROWSER: 'none', NETLIFY_SITE_ID: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`netlify dev did not start in 90 s:\n${output}`)), 90_000);
    const read = (chunk) => {
      output += chunk;
      if (/Local dev server ready/.test(output)) {
        clearTimeout(timer);
        done();
      }
    };
    netlify.stdout.on('data', read);
    netlify.stderr.on('data', read);
    netlify.once('exit', (code) => fail(new Error(`netlify dev stopped (${code}):\n${output}`)));
  });
  await ready;
  netlify.url = `http://localhost:${port}`;
});

after(async () => {
  netlify?.kill('SIGTERM');
  await ours?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** What a response says that the site's rules decide. Not Cache-Control: netlify dev's
 *  static server writes its own ("public, max-age=0") over the rules' (app.test.mjs checks
 *  the rules' values). */
async function answer(base, path, language) {
  const response = await fetch(base + path, { headers: { 'accept-language': language }, redirect: 'manual' });
  const body = await response.text();
  const h = (name) => response.headers.get(name);
  return {
    status: response.status,
    location: h('location'),
    lang: body.match(/<html lang="(\w+)"/)?.[1] ?? null,
    page: /boot--prerendered/.test(body) ? 'atlas' : /id="missing-en"/.test(body) ? 'not found' : body.slice(0, 15),
    csp: h('content-security-policy'),
    frame: h('x-frame-options'),
    nosniff: h('x-content-type-options'),
  };
}

test('netlify-cli and the test server answer every address alike', async () => {
  const html = (await (await fetch(`${ours.url}/`)).text());
  const asset = html.match(/\/assets\/[\w.-]+\.css/)[0];
  const addresses = [
    ['/', 'en-GB'], ['/', 'fr-FR,fr'], ['/?lang=fr', 'en-GB'], ['/?lang=en', 'fr-FR'],
    ['/?sel=unicancer&view=table', 'en'], ['/fr/', 'en-GB'], ['/fr', 'en'], ['/fr/?lang=en', 'fr'],
    ['/index.html', 'fr'], ['/embed', 'en'], ['/embed/?sel=crane', 'fr'], ['/about/', 'en'],
    ['/fr/about/', 'en'], ['/sw.js', 'en'], ['/favicon.svg', 'en'], ['/data/datapackage.json', 'en'],
    [asset, 'en'], ['/no/such/page?sel=x', 'en'], ['/fr/nothing', 'fr'],
  ];
  for (const [path, language] of addresses) {
    const [cli, test] = [await answer(netlify.url, path, language), await answer(ours.url, path, language)];
    assert.deepEqual(cli, test, `${path} (${language})`);
  }
  console.log(`# ${addresses.length} addresses answered alike by netlify-cli and the test server`);
});

test('the atlas starts through netlify-cli with no refused script and no failed request', async () => {
  const browser = await launch();
  try {
    for (const [path, locale, lang] of [['/?sel=unicancer', 'en-GB', 'en'], ['/fr/', 'en-GB', 'fr']]) {
      const { page, problems, context } = await openPage(browser, netlify.url, { locale });
      await page.goto(netlify.url + path);
      await page.waitForSelector('.brand__title', { timeout: 30_000 });
      await page.waitForFunction(() => !document.getElementById('boot'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      assert.deepEqual(problems, [], path);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
