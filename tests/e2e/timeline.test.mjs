// The timeline and its "as of" slider, by keyboard, on the built app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

test('the date slider works by keyboard, speaks the date and drives the map', async () => {
  const { page, problems, context } = await site.open('/', { locale: 'fr-FR', viewport: { width: 1440, height: 900 } }, '.timeline__item');
  const slider = page.locator('.timeline__slider');
  assert.match(await slider.getAttribute('aria-valuetext'), /^\d{1,2}(er)? \S+ \d{4}$/);
  const shaded = () => page.locator('.map__land--shaded path').count();
  assert.ok((await shaded()) >= 7);
  await slider.focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('.timeline__slider').getAttribute('aria-valuetext') === '1er janvier 1964');
  assert.equal(await shaded(), 0, 'no G7 Cancer in 1964');
  assert.match(await page.textContent('.map__asof'), /Au 1er janvier 1964/);
  await page.keyboard.press('End');
  assert.ok((await shaded()) >= 7);
  assert.deepEqual(problems, []);
  await context.close();
});

test('timeline items are reachable by Tab and selected with Enter', async () => {
  const { page, context } = await site.open('/', { locale: 'en-GB' }, '.timeline__item');
  await page.focus('.timeline__item[data-id="crane"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.timeline__item.is-selected[data-id="crane"]');
  const label = await page.getAttribute('.timeline__item[data-id="crane"]', 'aria-label');
  assert.equal(label, 'CraNE (1 October 2022 – 30 September 2024)');
  await context.close();
});

test('play steps through the years and can be paused', async () => {
  const { page, context } = await site.open('/', { locale: 'en-GB', reducedMotion: 'reduce' }, '.timeline__item');
  const value = () => page.locator('.timeline__slider').inputValue();
  await page.locator('.timeline__slider').focus();
  await page.keyboard.press('Home');
  const before = Number(await value());
  await page.click('.timeline__controls button[aria-pressed]');
  await page.waitForFunction((v) => Number(document.querySelector('.timeline__slider').value) > v, before, { timeout: 5000 });
  await page.click('.timeline__controls button[aria-pressed="true"]');
  const paused = await value();
  await page.waitForTimeout(1200);
  assert.equal(await value(), paused, 'paused');
  await context.close();
});
