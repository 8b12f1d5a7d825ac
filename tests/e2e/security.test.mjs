// The Content-Security-Policy and the other headers of public/_headers, as Netlify serves
// them: a whole visit (every view, search, filters, exports, theme, language) causes no
// CSP violation and no request to any other origin, and other sites cannot frame the atlas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { useSite } from './harness.mjs';

const site = useSite();

/** Every CSP violation the page reports, gathered from its first script on. */
function watchViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

test('the policy is strict: no unsafe-inline, no eval, no framing, nothing from elsewhere', async () => {
  const response = await fetch(site.url + '/?sel=crane');
  const csp = response.headers.get('content-security-policy');
  assert.ok(csp, 'a Content-Security-Policy is sent');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.deepEqual(directives['script-src'].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(directives['script-src'].slice(2).every((s) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(s)), 'only hashes besides self');
  assert.ok(!/unsafe-inline|'unsafe-eval'|\*/.test(csp), csp);
  assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
  assert.deepEqual(directives['base-uri'], ["'none'"]);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
  assert.match(response.headers.get('permissions-policy'), /camera=\(\)/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
});

test('a whole visit runs under the policy with 0 violations and 0 requests to other origins', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'en-GB', acceptDownloads: true });
  await watchViolations(page);
  await page.goto(site.url + '/?sel=unicancer');
  await page.waitForSelector('.timeline__item');
  // Search, select, filter, switch view, sort, export all three formats, copy the link,
  // change the theme and the language.
  await page.fill('.search input', 'leon berard');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.click('.filters__summary');
  await page.click('.filters input[type=checkbox] >> nth=0');
  await page.keyboard.press('Escape');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  for (const name of ['This table (CSV)', 'All filtered records (JSON)', 'The map (SVG)']) {
    if (!(await page.isVisible('.menu__panel'))) await page.click('.menu__summary');
    await Promise.all([page.waitForEvent('download'), page.click(`.menu__panel .button:has-text("${name}")`)]);
  }
  await page.click('.export .button:has-text("Copy link")');
  await page.waitForSelector('.export__status:has-text("Link copied.")');
  await page.click('.toolbar__view button >> nth=2');
  await page.waitForSelector('.table');
  await page.click('.table__sort >> nth=0');
  await page.click('[data-theme-choice="dark"]');
  await page.click('.switch__option[lang="fr"]');
  await page.waitForTimeout(300);
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, [], 'no console error, failed or third-party request');
  await context.close();
});

test('another site cannot show the atlas in a frame', async () => {
  // A page on another origin (another port) that tries to frame the atlas.
  const other = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>other</title><iframe src="${site.url}/"></iframe>`);
  });
  await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${other.address().port}/`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const mounted = frame ? await frame.evaluate(() => !!document.querySelector('.brand__title')).catch(() => false) : false;
  assert.equal(mounted, false, 'the atlas does not run inside a frame of another site');
  await context.close();
  await new Promise((resolve) => other.close(resolve));
});
