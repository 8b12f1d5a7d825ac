// Shared set-up of the end-to-end test files: one server for dist/ and one browser per file.
import { before, after } from 'node:test';
import { resolve } from 'node:path';
import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';

/**
 * Registers the file's before/after hooks and returns helpers:
 * `site.url`, `site.browser`, and `site.open(path, options, readySelector)` which opens a
 * page (see openPage) and waits for `readySelector`.
 */
export function useSite() {
  const site = { url: '', browser: null, server: null };
  before(async () => {
    site.server = await startServer(resolve(process.env.DIST_DIR || 'dist'));
    site.url = site.server.url;
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  site.open = async (path = '/', options = {}, readySelector = '.brand__title') => {
    const opened = await openPage(site.browser, site.url, options);
    await opened.page.goto(site.url + path);
    await opened.page.waitForSelector(readySelector, { timeout: 30_000 });
    return opened;
  };
  return site;
}
