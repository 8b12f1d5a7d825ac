import { startServer } from './server.mjs';
import { launch, openPage } from './browser.mjs';
const server = await startServer('/work/main/dist');
const browser = await launch();
const { context, page } = await openPage(browser, server.url, { viewport: {width:1440,height:900} });
await page.goto(server.url + '/?lang=en');
await page.waitForSelector('.timeline svg');
await page.waitForTimeout(500);
const m = await page.evaluate(() => {
  const lanes = [...document.querySelectorAll('.timeline__lane-title')].map(t => +t.getAttribute('y'));
  const out = [];
  for (const g of document.querySelectorAll('.timeline__item')) {
    const shape = g.querySelector('rect.timeline__bar, circle');
    const t = g.querySelector('text');
    let x0, x1;
    if (shape.tagName === 'circle') { x0 = +shape.getAttribute('cx') - 5; x1 = x0 + 10; }
    else { x0 = +shape.getAttribute('x'); x1 = x0 + +shape.getAttribute('width'); }
    const y = +(shape.getAttribute('y') || shape.getAttribute('cy'));
    let lane = lanes.filter(l => l <= y).length - 1;
    out.push([lane, x0, x1, t.getComputedTextLength(), shape.tagName]);
  }
  return out;
});
// packing policies
function pack(list, gap) { list.sort((a,b)=>a[0]-b[0]); const ends=[]; for (const [a,b] of list){ const r=ends.findIndex(e=>e+gap<=a); if(r<0) ends.push(b); else ends[r]=b;} return ends.length; }
for (let lane=0; lane<4; lane++) {
  const its = m.filter(i=>i[0]===lane);
  const bars = its.map(i=>[i[1], i[2]]);
  const withLabel = its.map(i=>[i[1], Math.max(i[2], i[1]+i[3]+8)]);
  const dotsOnly = its.map(i=> i[4]==='circle' ? [i[1], i[2]] : [i[1], Math.max(i[2], i[1]+6)]);
  console.log('lane', lane, 'items', its.length, 'circles', its.filter(i=>i[4]==='circle').length, 'rows bars-only', pack(bars.slice(),3), 'rows with label', pack(withLabel.slice(),6), 'rows dots no label', pack(dotsOnly.slice(),2));
}
await context.close(); await browser.close(); server.close();
