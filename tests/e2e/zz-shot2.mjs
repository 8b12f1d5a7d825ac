import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';
const server = await startServer('/work/main/dist');
const browser = await launch();
const cases = [
  ['fr-dark-1280', {width:1280,height:800}, '/?lang=fr&sel=prog-g7', 'dark'],
  ['en-1920', {width:1920,height:1080}, '/?lang=en&sel=prog-eu', 'light'],
  ['phone-dark-menu', {width:375,height:812}, '/?lang=fr', 'dark'],
  ['phone-320', {width:320,height:640}, '/?lang=fr', 'light'],
];
for (const [name, vp, path, scheme] of cases) {
  const { context, page } = await openPage(browser, server.url, { viewport: vp, colorScheme: scheme, hasTouch: name.startsWith('phone'), isMobile: name.startsWith('phone') });
  await page.goto(server.url + path);
  await page.waitForSelector('.timeline__item');
  await page.waitForTimeout(900);
  if (name === 'phone-dark-menu') await page.click('.site-header__menu');
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, sw);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await context.close();
}
await browser.close(); server.close();
