import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';
const server = await startServer('/work/main/dist');
const browser = await launch();
for (const vp of [{width:1440,height:900},{width:1920,height:1080},{width:375,height:812}]) {
const { context, page } = await openPage(browser, server.url, { viewport: vp });
await page.goto(server.url + '/?lang=en');
await page.waitForSelector('.timeline svg');
await page.waitForTimeout(500);
const m = await page.evaluate(() => {
  const svg = document.querySelector('.timeline svg.timeline__lanes, .timeline svg');
  const svgs = [...document.querySelectorAll('.timeline svg')].map(s => [s.getAttribute('class'), s.getAttribute('height'), s.getBoundingClientRect().height]);
  const titles = [...document.querySelectorAll('.timeline__lane-title')].map(t => [t.textContent, t.getAttribute('y')]);
  const items = document.querySelectorAll('.timeline [data-id]').length;
  return { svgs, titles, items };
});
console.log(JSON.stringify(vp), JSON.stringify(m));
await context.close();
}
await browser.close(); server.close();
