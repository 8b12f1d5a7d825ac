// Lighthouse mobile, RUNS times (default 3) on a built dist/ (a benchmark, not a test:
// `cargo xtask bench` does not run it; docs/performance.md records what it gave):
//   DIST_DIR=dist RUNS=3 node tests/e2e/bench-lighthouse.mjs
// Prints each run and the medians of the performance score, FCP, LCP, TBT, CLS and speed
// index, and the longest main-thread tasks of the median run; writes
// target/bench-lighthouse.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './server.mjs';
import { CHROMIUM } from './browser.mjs';

const RUNS = Number(process.env.RUNS || 3);
const OUT = fileURLToPath(new URL('../../target', import.meta.url));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const server = await startServer(resolve(process.env.DIST_DIR || 'dist'));
const runs = [];
try {
  for (let i = 0; i < RUNS; i++) {
    // A fresh browser each run: nothing cached, no service worker.
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const { lhr } = await lighthouse(`${server.url}/`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
      if (lhr.runtimeError) {
        console.log(`run ${i + 1}: ${lhr.runtimeError.code}, run again`);
        i -= 1;
        continue;
      }
      const value = (id) => lhr.audits[id]?.numericValue ?? NaN;
      const tasks = (lhr.audits['long-tasks']?.details?.items ?? [])
        .map((t) => Math.round(t.duration)).sort((a, b) => b - a).slice(0, 5);
      const run = {
        performance: Math.round(lhr.categories.performance.score * 100),
        fcp: Math.round(value('first-contentful-paint')),
        lcp: Math.round(value('largest-contentful-paint')),
        tbt: Math.round(value('total-blocking-time')),
        cls: Number(value('cumulative-layout-shift').toFixed(4)),
        si: Math.round(value('speed-index')),
        longest_tasks_ms: tasks,
      };
      runs.push(run);
      console.log(`run ${runs.length}: ${JSON.stringify(run)}`);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  await server.close();
}
const summary = Object.fromEntries(['performance', 'fcp', 'lcp', 'tbt', 'cls', 'si'].map((k) => [k, median(runs.map((r) => r[k]))]));
console.log(`median of ${runs.length}: ${JSON.stringify(summary)}`);
mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/bench-lighthouse.json`, JSON.stringify({ date: new Date().toISOString(), runs, median: summary }, null, 2) + '\n');
