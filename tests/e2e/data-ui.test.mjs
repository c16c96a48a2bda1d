// The data panel's controls: built-in thumbnails (mouse and keyboard), rows of the data table
// toggled into the tug of war in their tug colour, a CSV dropped on the panel, and screenshots
// of the panel with a loaded CSV and with an error at 1280 and 360 px. The lesson is read through
// <som-playground>'s public API (el.state) and its screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openSettled as open, settle, lessonState, closeBrowser, DIST, NARROW, SCREENSHOTS } from './harness.mjs';

after(closeBrowser);
const root = process.env.SOM_DIST || DIST;

/** Waits until the tug-of-war rows (el.state.tugRows) are `rows`, or the data set is `name`. */
const tugRowsAre = (page, rows) => page.waitForFunction((r) => document.querySelector('som-playground').state.tugRows.join() === r, rows.join());
/** Waits for the next two frames: a snapshot's state is in at once, the views draw it on the next frame. */
const drawn = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const dataIs = async (page, name) => {
  await page.waitForFunction((n) => document.querySelector('som-playground').state.options.data === n, name);
  await drawn(page);
};

test('thumbnails choose a built-in data set, by click and by keyboard', async () => {
  const app = await open({ root });
  const { page } = app;
  try {
    const names = await page.evaluate(async () => {
      const { ready } = await import('./som-playground.js');
      return (await ready()).builtinDataSets();
    });
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
    await dataIs(page, 'iris');
    assert.equal(await page.locator('[data-testid="thumb-iris"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('[data-testid="thumb-rgb"]').getAttribute('aria-pressed'), 'false');
    const iris = await lessonState(page);
    assert.equal(iris.labelClasses.length, 3, 'iris brings its labels');
    assert.deepEqual([iris.shape.dim, iris.shape.dataRows, iris.t], [4, 150, 0]);
    assert.match(await page.locator('[data-testid="data-source"]').textContent(), /Built-in data set: iris/);

    await page.focus('[data-testid="thumb-blobs"]');
    await page.keyboard.press('Space');
    await dataIs(page, 'blobs');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dataIs(page, 'blobs3d');
    assert.equal((await lessonState(page)).dataSource.kind, 'builtin');
    assert.equal(await page.locator('[data-testid="thumb-blobs3d"]').getAttribute('aria-pressed'), 'true');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('clicking a table row toggles it in the tug of war, in its tug colour', async () => {
  const app = await open({ root });
  const { page } = app;
  try {
    const row = (r) => page.locator(`[data-testid="data-table"] tr[data-row="${r}"]`);
    await row(2).locator('td').first().click();
    await tugRowsAre(page, [2]);
    await row(4).locator('button').focus();
    await page.keyboard.press('Enter');
    await tugRowsAre(page, [2, 4]);
    // The table redraws on the next animation frame.
    await page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="data-table"] tr[data-row="4"]').classList.contains('tug-row'));
    // The table was rebuilt; the keyboard is still on row 4's button.
    assert.equal(await page.evaluate(() => document.querySelector('som-playground').shadowRoot.activeElement?.closest('tr')?.dataset.row), '4');
    const colours = await page.evaluate(() => [2, 4].map((r) => {
      const tr = document.querySelector('som-playground').shadowRoot.querySelector(`[data-testid="data-table"] tr[data-row="${r}"]`);
      return [tr.classList.contains('tug-row'), tr.style.getPropertyValue('--tug'), tr.querySelector('button').getAttribute('aria-pressed')];
    }));
    // CATEGORICAL[0] and [1] (colors.js), by position in the tug rows (el.state.tugRows).
    assert.deepEqual(colours, [[true, '#0072B2', 'true'], [true, '#009E73', 'true']]);
    await row(2).click();
    await tugRowsAre(page, [4]);
    await page.waitForFunction(() => !document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="data-table"] tr[data-row="2"]').classList.contains('tug-row'));
    assert.equal(await row(4).evaluate((tr) => tr.style.getPropertyValue('--tug')), '#0072B2', 'colours follow the position');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('a CSV dropped on the data panel is read; screenshots of loaded and error states', async () => {
  for (const [width, viewport] of [[1280, undefined], [360, NARROW]]) {
    const app = await open(viewport ? { root, viewport } : { root });
    const { page } = app;
    try {
      await page.evaluate(() => {
        const text = 'height,weight,kind\n1.5,60,cat\n1.8,80,dog\n1.6,65,cat\n1.7,90,dog\n';
        const data = new DataTransfer();
        data.items.add(new File([text], 'pets.csv', { type: 'text/csv' }));
        document.querySelector('som-playground').shadowRoot.getElementById('data-panel').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state === 'form');
      await page.locator('#data-panel').scrollIntoViewIfNeeded();
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-form-${width}.png`) });
      await page.click('#csv-load');
      await page.waitForFunction(() => document.querySelector('som-playground').state.columns.join() === 'height,weight');
      await drawn(page);
      assert.match(await page.locator('[data-testid="data-source"]').textContent(), /pets\.csv/);
      // So small a file then travels inside a link (csvz); the panel still names it.
      await page.waitForFunction(() => document.querySelector('som-playground').state.dataSource.kind === 'inline');
      const loaded = await lessonState(page);
      assert.deepEqual(loaded.labelClasses, ['cat', 'dog']);
      assert.deepEqual([loaded.shape.dataRows, loaded.shape.dim], [4, 2]);
      assert.equal((await page.locator('[data-testid="data-source"]').textContent()).trim(), 'Your data: pets.csv.');
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-loaded-${width}.png`) });

      // Then a bad paste: the error line names line and column, the loaded data stays.
      await page.fill('#csv-paste', 'a,b\n1,2\n3,4\n5,6,7\n');
      await page.click('#csv-paste-load');
      await page.waitForFunction(() => !document.querySelector('som-playground').shadowRoot.getElementById('error').hidden);
      assert.equal((await page.locator('#error').textContent()).trim(), 'line 4: expected 2 columns, found 3');
      const after = await lessonState(page);
      assert.deepEqual([after.columns, after.labelClasses, after.shape.dataRows], [['height', 'weight'], ['cat', 'dog'], 4], 'the loaded data stays');
      assert.equal((await page.locator('[data-testid="csv-error"]').textContent()).trim(), 'line 4: expected 2 columns, found 3', 'also shown beside the import');
      await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, `data-error-${width}.png`) });
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  }
});
