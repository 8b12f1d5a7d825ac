// First-render benchmark (not a test: `cargo xtask bench` runs it and reads its BENCH lines).
//
// usage: node bench-first-render.mjs <site-dir> '<case and fields> <path>' ...
//   e.g. 'real organisations=44 /' 'synthetic-1k organisations=1044 /?data=/bench/1k.json'
//   (everything before the last space is printed as given on the case's BENCH line)
//
// Serves <site-dir> (a release dist/ plus the generated datasets) as Netlify would, with
// brotli, and opens each case RUNS times (after one uncounted run) in a fresh browser
// context each (nothing cached). The time is taken in the page, from navigation start, when
// the map shows its markers and the timeline its bars; then one animation frame later, when
// that markup has been painted. Each case also reports the browser's own first contentful
// paint and largest contentful paint (the latest LCP entry once the map has painted), the
// "before" of prerendering the first screen (issue 20).
import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';

const RUNS = Number.parseInt(process.env.BENCH_RUNS || '10', 10);

// Runs in the page before any of its scripts: watches the DOM for the first moment both
// the map and the timeline hold data, records it, then the next frame.
function watchFirstRender() {
  const done = () =>
    document.querySelector('.map__markers > g') && document.querySelector('.timeline__item');
  const observer = new MutationObserver(() => {
    if (window.__firstRender || !done()) return;
    window.__firstRender = { dom: performance.now() };
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__firstRender.painted = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

// The latest largest-contentful-paint entry so far (buffered), after a moment for the
// entry of what was just painted to be queued; 0 without the API.
function latestLcp() {
  return new Promise((resolve) => {
    let last = 0;
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) last = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {
      resolve(0);
      return;
    }
    setTimeout(() => resolve(last), 200);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
}

const [siteDir, ...cases] = process.argv.slice(2);
if (!siteDir || cases.length === 0) {
  console.error("usage: node bench-first-render.mjs <site-dir> '<case and fields> <path>' ...");
  process.exit(2);
}
const server = await startServer(siteDir);
const browser = await launch();
try {
  for (const spec of cases) {
    const at = spec.lastIndexOf(' ');
    const [name, path] = [spec.slice(0, at), spec.slice(at + 1)];
    const dom = [];
    const painted = [];
    const fcp = [];
    const lcp = [];
    // One run more than counted: the first warms Chromium's own start-up, not the atlas's.
    for (let run = 0; run <= RUNS; run++) {
      const { page, problems } = await openPage(browser, server.url, {
        viewport: { width: 1440, height: 900 },
      });
      await page.addInitScript(watchFirstRender);
      await page.goto(server.url + path);
      await page.waitForFunction(() => window.__firstRender?.painted, null, { timeout: 60_000 });
      const timing = await page.evaluate(() => ({
        ...window.__firstRender,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      }));
      timing.lcp = await page.evaluate(latestLcp);
      // A dataset the atlas refused would leave the embedded one on screen: never time that.
      const failed = await page.locator('.notice--failed').count();
      if (failed) throw new Error(`${name}: ${await page.locator('.notice--failed').innerText()}`);
      if (path.includes('data=') && !(await page.locator('.notice--source').count())) {
        throw new Error(`${name}: the dataset's notice is missing`);
      }
      if (problems.length) throw new Error(`${name}: ${problems.join('; ')}`);
      await page.context().close();
      if (run === 0) continue;
      dom.push(timing.dom);
      painted.push(timing.painted);
      fcp.push(timing.fcp);
      lcp.push(timing.lcp);
    }
    for (const list of [dom, painted, fcp, lcp]) list.sort((a, b) => a - b);
    console.log(
      `BENCH first-render ${name} runs=${RUNS}` +
        ` p50_ms=${percentile(painted, 0.5).toFixed(1)} p95_ms=${percentile(painted, 0.95).toFixed(1)}` +
        ` max_ms=${painted[painted.length - 1].toFixed(1)} dom_p50_ms=${percentile(dom, 0.5).toFixed(1)}` +
        ` fcp_p50_ms=${percentile(fcp, 0.5).toFixed(1)} lcp_p50_ms=${percentile(lcp, 0.5).toFixed(1)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
