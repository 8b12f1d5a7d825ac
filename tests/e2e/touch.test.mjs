// On a 375 px phone every control offers a touch target of at least 44 × 44 px (its label
// counts for a checkbox). Inline text links are exempt (WCAG 2.5.5). Map markers, clusters
// and timeline items are dense graphics with keyboard and table alternatives; they are
// listed by the test but not yet held to 44 px (see issue 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

for (const path of ['/?sel=crane', '/?view=table&tab=relations']) {
  test(`controls are at least 44 px on a phone (${path})`, async () => {
    const { page, problems, context } = await site.open(path, { locale: 'en-GB', viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true }, '.timeline__item');
    // Filters and Export open, so that their contents are measured too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const { small, graphics } = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('a[href], button, input, summary, [role=button], [role=option], [tabindex="0"]')]
        .filter((el) => el.getClientRects().length && !el.closest('[hidden]'));
      const small = [];
      let graphics = 0;
      for (const el of controls) {
        if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
        if (el.closest('.map__markers, .timeline__lanes, svg')) { graphics++; continue; }
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
      return { small, graphics };
    });
    console.log(`${path}: ${graphics} SVG markers and timeline items not yet held to 44 px`);
    assert.deepEqual(small, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
