// On a 375 px phone every control offers a touch target of at least 44 × 44 px (its label
// counts for a checkbox), map markers and clusters included (an invisible 44 px disc on
// touch screens). Inline text links are exempt (WCAG 2.5.5), and so are the timeline's
// bars: rows 20 px apart, each bar also reachable as a 44 px link in the table view and
// in the details of its programme; the test counts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

for (const path of ['/?sel=crane', '/?view=table&tab=relations']) {
  test(`controls are at least 44 px on a phone (${path})`, async () => {
    const { page, problems, context } = await site.open(path, { locale: 'en-GB', viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true }, '.timeline__item');
    // Filters and Export open, so that their contents are measured too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen is emulated');
    const { small, graphics, markers } = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('a[href], button, input, summary, [role=button], [role=option], [tabindex="0"]')]
        .filter((el) => el.getClientRects().length && !el.closest('[hidden]'));
      const small = [];
      let graphics = 0;
      let markers = 0;
      for (const el of controls) {
        if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
        if (el.closest('.timeline svg')) { graphics++; continue; }
        if (el.closest('.map__markers')) markers++;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
        // The larger of the control and its label: either one takes the touch.
        const own = el.getBoundingClientRect();
        const lb = label ? label.getBoundingClientRect() : own;
        const w = lb.height >= own.height ? Math.max(lb.width, own.width) : own.width;
        const h = Math.max(own.height, lb.height);
        if (w < 44 || h < 44) {
          small.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.getAttribute('aria-label') || el.textContent).trim().slice(0, 30)}" ${Math.round(w)}×${Math.round(h)}`);
        }
      }
      return { small, graphics, markers };
    });
    console.log(`${path}: ${markers} map markers and clusters held to 44 px; ${graphics} timeline bars exempt`);
    if (!path.includes('view=table')) assert.ok(markers >= 3, `markers measured: ${markers}`);
    assert.deepEqual(small, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
