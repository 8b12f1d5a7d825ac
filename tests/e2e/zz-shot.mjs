import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';
const server = await startServer('/work/main/dist');
const browser = await launch();
const url = server.url;
const cases = [
  ['desk', {width:1440,height:900}, '/?lang=en'],
  ['desk-sel', {width:1440,height:900}, '/?lang=en&sel=unicancer'],
  ['phone', {width:375,height:812}, '/?lang=en'],
  ['phone-sel', {width:375,height:812}, '/?lang=en&sel=unicancer'],
];
for (const [name, vp, path] of cases) {
  const { context, page } = await openPage(browser, url, { viewport: vp });
  await page.goto(url + path);
  await page.waitForSelector('.map svg, .map canvas, .map', { timeout: 20000 });
  await page.waitForTimeout(800);
  const m = await page.evaluate(() => {
    const r = (s) => { const e = document.querySelector(s); if (!e) return null; const b = e.getBoundingClientRect(); return [Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; };
    return { map: r('.map'), mapRegion: r('.region--map'), timeline: r('.region--timeline'), tl: r('.timeline'), header: r('.site-header'), toolbar: r('.toolbar'), details: r('.region--details'), sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight };
  });
  console.log(name, JSON.stringify(m));
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await context.close();
}
await browser.close(); server.close();
