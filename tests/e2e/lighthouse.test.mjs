// Lighthouse (the npm package, run on Debian's Chromium; nothing is downloaded) on the
// built dist/, served with Netlify's headers: mobile (Lighthouse's default, with simulated
// slow 4G and a 4× slower CPU) and desktop. Accessibility must score 100; every score is
// printed and written to target/lighthouse.json, and docs/performance.md records them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { startServer } from './server.mjs';
import { CHROMIUM } from './browser.mjs';

const OUT = fileURLToPath(new URL('../../target', import.meta.url));
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
let server;
let chrome;
const results = {};

before(async () => {
  server = await startServer(resolve(process.env.DIST_DIR || 'dist'));
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await chrome?.kill();
  await server?.close();
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/lighthouse.json`, JSON.stringify(results, null, 2) + '\n');
});

// Mobile is also run with DevTools throttling (the load really slowed: 150 ms, 1.6 Mb/s, 4×
// CPU), which measures the paint the browser records. Lighthouse's default simulation
// (lantern) counts every request that finished before the observed largest paint, so on a
// local server it sometimes counts the whole preloaded wasm into it (2026-12-01: LCP
// 1.4–1.8 s in 5 runs of 8, 4.0–4.6 s in the other 3; DevTools throttling: 1.6–2.0 s in
// 3 of 3; 2.3 s in a clean-clone CI run, 2.9 s on a loaded machine). The first screen is prerendered (issue 20), so the
// largest paint must come from it, before the app: asserted on the DevTools run.
for (const [form, config, throttlingMethod] of [['mobile', undefined], ['desktop', desktopConfig], ['mobile-devtools', undefined, 'devtools']]) {
  test(`Lighthouse (${form}): accessibility and SEO 100, no layout shift, scores recorded`, async () => {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, ...(throttlingMethod ? { throttlingMethod } : {}) };
    // Lighthouse sometimes loses its own trace in headless Chromium (NO_NAVSTART, "please
    // run Lighthouse again"): such a run is repeated, at most twice, and said so.
    let lhr;
    for (let attempt = 1; attempt <= 3; attempt++) {
      ({ lhr } = await lighthouse(`${server.url}/`, flags, config));
      if (!lhr.runtimeError || !/NAVSTART|TRACE|NO_FCP/.test(lhr.runtimeError.code)) break;
      console.log(`${form}: Lighthouse run ${attempt} lost its trace (${lhr.runtimeError.code}); running again`);
    }
    assert.equal(lhr.runtimeError, undefined, JSON.stringify(lhr.runtimeError));
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
    const metrics = Object.fromEntries(
      ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => [id, lhr.audits[id]?.displayValue]),
    );
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => `${a.id}: ${a.score}`);
    results[form] = { scores, metrics, below_90: failing, lighthouse: lhr.lighthouseVersion, chromium: lhr.environment.hostUserAgent };
    console.log(`${form}: ${JSON.stringify(scores)} ${JSON.stringify(metrics)}`);
    if (failing.length) console.log(`${form}: audits below 0.9: ${failing.join(', ')}`);
    assert.equal(scores.accessibility, 100, `accessibility audits: ${failing.join(', ')}`);
    assert.equal(scores.seo, 100, `SEO audits: ${failing.join(', ')}`);
    const cls = lhr.audits['cumulative-layout-shift'].numericValue;
    assert.ok(cls <= 0.01, `CLS ${cls}`);
    if (throttlingMethod === 'devtools') {
      // The largest paint within 3.5 s, with room for a busy CI machine (1.6–2.9 s
      // measured; before the prerender it was the app's, after the whole wasm). That it is
      // the prerendered screen's is checked with the wasm held back (prerender.test.mjs):
      // on a loaded machine the first paint can be a part of that screen, so "LCP close to
      // FCP" is no test of it (LCP 2.85 s after FCP 2.19 s in one run).
      const lcp = lhr.audits['largest-contentful-paint'].numericValue;
      assert.ok(lcp <= 3500, `LCP ${Math.round(lcp)} ms`);
    }
  });
}
