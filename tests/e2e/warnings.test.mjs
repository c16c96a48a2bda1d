// Warnings that teach: a setting that is allowed but likely wrong gets the core's warning next to
// the parameter form, with its reason and a one-click fix that clears it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, closeBrowser } from './harness.mjs';

after(closeBrowser);

const warningCodes = (page) => page.evaluate(() => [...document.querySelector('som-playground').shadowRoot
  .querySelectorAll('[data-testid="warnings"] .warning')].map((p) => p.dataset.code));

test('σ larger than the map: the warning says why, and its fix clears it', async () => {
  const app = await openApp({ query: '#rows=6&cols=6&data=rgb' });
  const { page } = app;
  try {
    assert.deepEqual(await warningCodes(page), [], 'a sound map has no warning');
    await page.fill('#f-sigma', '40');
    await page.click('text=Apply: build a new map');
    await page.waitForFunction(() => document.querySelector('som-playground').state.options.sigma === 40);
    await page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="warnings"] .warning'));
    assert.deepEqual(await warningCodes(page), ['sigmaLargerThanMap']);
    const text = await page.locator('[data-testid="warnings"] .warning').textContent();
    assert.match(text, /larger than the map/, 'the warning gives the reason');
    await page.locator('[data-testid="warnings"] .warning button').click();
    await page.waitForFunction(() => document.querySelector('som-playground').state.options.sigma < 40);
    await page.waitForFunction(() => !document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="warnings"] .warning'));
    assert.deepEqual(await warningCodes(page), [], 'the fix cleared it');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('data outside [0, 1] with scaling off is warned about, as the core says', async () => {
  const app = await openApp({ query: '#data=iris&scaling=none&rows=4&cols=4' });
  try {
    assert.ok((await warningCodes(app.page)).includes('dataNotScaled'));
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
