// Launches Debian's Chromium (never a downloaded build) with the flags that work as root
// on a machine with no network, and records everything that should never happen on a page.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page that collects console errors, uncaught exceptions, failed requests,
 * HTTP errors and requests to any origin but the site's own.
 */
export async function openPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Navigating on before the tab icon has loaded aborts its request: not a fault of the page.
    if (req.failure()?.errorText === 'net::ERR_ABORTED' && req.url().endsWith('/favicon.svg')) return;
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      problems.push(`third-party request: ${req.url()}`);
    }
  });
  return { context, page, problems };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Puts axe-core (from node_modules: no network) into the page. Evaluated through the
 * DevTools protocol, not added as a <script>: the site's Content-Security-Policy rightly
 * refuses inline scripts.
 */
export async function injectAxe(page) {
  await page.evaluate(AXE_SOURCE);
}
