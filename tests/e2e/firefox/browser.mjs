// Launches Debian's Firefox ESR (never a downloaded build) through puppeteer-core over
// WebDriver BiDi (no geckodriver), and records on every page what the Chromium suite
// records (../browser.mjs): console errors, uncaught exceptions, failed requests, HTTP
// errors and requests to any origin but the site's own. Firefox reports a
// Content-Security-Policy violation as an error of the page (`uncaught: ...`).
import puppeteer from 'puppeteer-core';
import { before, after } from 'node:test';
import { resolve } from 'node:path';
import { startServer } from '../server.mjs';

export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

/** Firefox's own calls home, off: the suite makes no request but to loopback. */
const QUIET = {
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'dom.push.connection.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'toolkit.telemetry.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'media.gmp-manager.url': '',
};

/**
 * Firefox ESR speaking `locale` (its Accept-Language and navigator.languages: Firefox
 * has no per-tab language, so a journey in another language launches its own browser).
 * `phone`: scrollbars drawn over the page, as on a phone, instead of the desktop's 12 px
 * gutter (a 375 px window then has the 351 px content box a phone has).
 */
export function launch(locale = 'en-GB', { phone = false } = {}) {
  const primary = locale.split('-')[0];
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      ...QUIET,
      'intl.accept_languages': `${locale}, ${primary}`,
      ...(phone ? { 'ui.useOverlayScrollbars': 1 } : {}),
    },
  });
}

/**
 * Opens a page in a fresh browser context (its own storage, caches and service workers)
 * that collects everything that should never happen on a page, in `problems`.
 */
export async function openPage(browser, baseUrl, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  const problems = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Navigating on before the tab icon has loaded aborts its request: not a fault of the page.
    if (/NS_BINDING_ABORTED/.test(req.failure()?.errorText ?? '') && req.url().endsWith('/favicon.svg')) return;
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

/**
 * The Firefox twin of ../harness.mjs: one server for dist/ and one Firefox per file
 * (per language asked for). `site.open(path, options, readySelector)` opens a page and
 * waits for `readySelector`; `site.firefox(locale)` is the browser speaking `locale`.
 */
export function useSite() {
  const site = { url: '', server: null, browsers: new Map() };
  before(async () => {
    site.server = await startServer(resolve(process.env.DIST_DIR || 'dist'));
    site.url = site.server.url;
  });
  after(async () => {
    for (const browser of site.browsers.values()) await (await browser).close();
    await site.server?.close();
  });
  site.firefox = (locale = 'en-GB', { phone = false } = {}) => {
    const key = `${locale}${phone ? ' phone' : ''}`;
    if (!site.browsers.has(key)) site.browsers.set(key, launch(locale, { phone }));
    return site.browsers.get(key);
  };
  site.open = async (path = '/', { locale = 'en-GB', phone = false, ...options } = {}, readySelector = '.brand__title') => {
    const opened = await openPage(await site.firefox(locale, { phone }), site.url, options);
    await opened.page.goto(site.url + path);
    await opened.page.waitForSelector(readySelector, { timeout: 30_000 });
    return opened;
  };
  return site;
}

/** The text of the first element matching `selector` in `page` (or a frame). */
export const text = (page, selector) => page.$eval(selector, (el) => el.textContent);
/** An attribute of the first element matching `selector`. */
export const attr = (page, selector, name) => page.$eval(selector, (el, n) => el.getAttribute(n), name);
/** Whether `selector` matches an element that takes space on screen. */
export const isVisible = (page, selector) => page.$eval(selector, (el) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}).catch(() => false);
/** How many elements match `selector`. */
export const count = (page, selector) => page.$$eval(selector, (all) => all.length);

/**
 * Border boxes [x, y, width, height] of `selectors` inside `hostSelector`'s closed shadow
 * root, read over WebDriver BiDi (script.callFunction with the shadow tree serialised):
 * page scripts cannot reach into a closed root, which is the point.
 */
export async function closedShadowBoxes(page, hostSelector, selectors) {
  const connection = page.browser().connection;
  const context = page.mainFrame()._id;
  const host = await connection.send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
    target: { context },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  const shadow = host.result.result?.value?.shadowRoot;
  if (!shadow?.sharedId) return { mode: null, boxes: {} };
  const mode = shadow.value?.mode ?? null;
  const boxes = await connection.send('script.callFunction', {
    functionDeclaration: `(root, selectors) => JSON.stringify(Object.fromEntries(selectors.map((s) => {
      const el = root.querySelector(s);
      if (!el) return [s, null];
      const r = el.getBoundingClientRect();
      return [s, [r.x, r.y, r.width, r.height].map(Math.round)];
    })))`,
    target: { context },
    awaitPromise: false,
    arguments: [{ sharedId: shadow.sharedId }, { type: 'array', value: selectors.map((s) => ({ type: 'string', value: s })) }],
  });
  return { mode, boxes: JSON.parse(boxes.result.result.value) };
}
