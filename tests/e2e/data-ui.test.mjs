// The data panel's controls: built-in thumbnails (mouse and keyboard), rows of the data table
// toggled into the tug of war in their tug colour, a CSV dropped on the panel, and screenshots
// of the panel with a loaded CSV and with an error at 1280 and 360 px.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openApp, closeBrowser, DIST, NARROW, SCREENSHOTS } from './harness.mjs';

after(closeBrowser);
const root = process.env.SOM_DIST || DIST;

test('thumbnails choose a built-in data set, by click and by keyboard', async () => {
  const app = await openApp({ root });
  const { page } = app;
  try {
    const names = await page.evaluate(() => window.wasmBindings.builtinDataSets());
    assert.deepEqual(names, ['rgb', 'square', 'blobs', 'blobs3d', 'ring', 'iris']);
    for (const name of names) {
      const thumb = page.locator(`[data-testid="thumb-${name}"]`);
      assert.equal((await thumb.textContent()).trim(), name, 'each thumbnail has a text label');
      // Each picture has points drawn on it (not just the white background).
      const inked = await thumb.locator('canvas').evaluate((c) => {
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 600) n++;
        return n;
      });
      assert.ok(inked > 30, `${name} thumbnail shows points (${inked} inked pixels)`);
    }
    assert.equal(await page.locator('[data-testid="thumb-rgb"]').getAttribute('aria-pressed'), 'true');

    await page.click('[data-testid="thumb-iris"]');
    await page.waitForFunction(() => window.app.options.data === 'iris');
    assert.equal(await page.locator('[data-testid="thumb-iris"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('[data-testid="thumb-rgb"]').getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => window.app.labelClasses.length), 3, 'iris brings its labels');

    await page.focus('[data-testid="thumb-blobs"]');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.app.options.data === 'blobs');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.app.options.data === 'blobs3d');
    assert.equal(await page.evaluate(() => window.app.dataSource.kind), 'builtin');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('clicking a table row toggles it in the tug of war, in its tug colour', async () => {
  const app = await openApp({ root });
  const { page } = app;
  try {
    const row = (r) => page.locator(`[data-testid="data-table"] tr[data-row="${r}"]`);
    await row(2).locator('td').first().click();
    await page.waitForFunction(() => window.app.tugRows.join() === '2');
    await row(4).locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.app.tugRows.join() === '2,4');
    // The table redraws on the next animation frame.
    await page.waitForFunction(() => document.querySelector('[data-testid="data-table"] tr[data-row="4"]').classList.contains('tug-row'));
    const colours = await page.evaluate(() => [2, 4].map((r) => {
      const tr = document.querySelector(`[data-testid="data-table"] tr[data-row="${r}"]`);
      return [tr.classList.contains('tug-row'), tr.style.getPropertyValue('--tug'), tr.querySelector('button').getAttribute('aria-pressed')];
    }));
    // CATEGORICAL[0] and [1] (colors.js), by position in app.tugRows.
    assert.deepEqual(colours, [[true, '#0072B2', 'true'], [true, '#009E73', 'true']]);
    await row(2).click();
    await page.waitForFunction(() => window.app.tugRows.join() === '4');
    await page.waitForFunction(() => !document.querySelector('[data-testid="data-table"] tr[data-row="2"]').classList.contains('tug-row'));
    assert.equal(await row(4).evaluate((tr) => tr.style.getPropertyValue('--tug')), '#0072B2', 'colours follow the position');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('a CSV dropped on the data panel is read; screenshots of loaded and error states', async () => {
  for (const [width, viewport] of [[1280, undefined], [360, NARROW]]) {
    const app = await openApp(viewport ? { root, viewport } : { root });
    const { page } = app;
    try {
      await page.evaluate(() => {
        const text = 'height,weight,kind\n1.5,60,cat\n1.8,80,dog\n1.6,65,cat\n1.7,90,dog\n';
        const data = new DataTransfer();
        data.items.add(new File([text], 'pets.csv', { type: 'text/csv' }));
        document.getElementById('data-panel').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => document.querySelector('.csv-import').dataset.state === 'form');
      await page.locator('#data-panel').scrollIntoViewIfNeeded();
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-form-${width}.png`) });
      await page.click('#csv-load');
      await page.waitForFunction(() => window.app.som.columns().join() === 'height,weight');
      assert.match(await page.locator('[data-testid="data-source"]').textContent(), /pets\.csv/);
      assert.deepEqual(await page.evaluate(() => window.app.labelClasses), ['cat', 'dog']);
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-loaded-${width}.png`) });

      // Then a bad paste: the error line names line and column, the loaded data stays.
      await page.fill('#csv-paste', 'a,b\n1,2\n3,4\n5,6,7\n');
      await page.click('#csv-paste-load');
      await page.waitForFunction(() => !document.getElementById('error').hidden);
      assert.equal((await page.locator('#error').textContent()).trim(), 'line 4: expected 2 columns, found 3');
      assert.deepEqual(await page.evaluate(() => window.app.som.columns()), ['height', 'weight']);
      assert.equal((await page.locator('[data-testid="csv-error"]').textContent()).trim(), 'line 4: expected 2 columns, found 3', 'also shown beside the import');
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-error-${width}.png`) });
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  }
});
