// Loading data through the real UI: malformed CSVs (file picker and paste box) show the core's
// message naming line and column and change nothing (t, weights, data); column names are shown
// as text, never HTML; 100,000 rows load in chunks with a progress bar and then train; labels
// colour the points; three columns give a cube. The lesson is read through <som-playground>'s
// public API (el.state, el.t, el.weights()) and its screen. Set SOM_DIST to test another build folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettled as open, settle, lessonState, closeBrowser, DIST, SCREENSHOTS } from './harness.mjs';

after(closeBrowser);
const root = process.env.SOM_DIST || DIST;

/**
 * Everything a failed load must leave alone, as the element and the screen show it: t, the
 * weights, the options, the data's shape, columns, labels and source, and the data panel's
 * description and table (raw and scaled values of the rows shown).
 */
async function snapshot(page) {
  await settle(page);
  return page.evaluate(async () => {
    const el = document.querySelector('som-playground');
    const s = el.state;
    const panel = el.shadowRoot.getElementById('data-view');
    return {
      t: el.t, weights: Array.from(await el.weights()), options: s.options, shape: s.shape,
      columns: s.columns, labelClasses: s.labelClasses, source: s.dataSource,
      described: panel.querySelector('[data-testid="data-shape"]').textContent,
      table: [...panel.querySelectorAll('[data-testid="data-table"] tr')].map((tr) => tr.textContent),
    };
  });
}

/** Clears the import's state marker, so the next wait sees only what follows. */
async function resetState(page) {
  await page.evaluate(() => { delete document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state; });
}

/** Waits for the import to reach one of `states` ('form', 'error', 'loaded'); returns it. */
async function waitState(page, states, timeout = 30_000) {
  const handle = await page.waitForFunction((s) => {
    const state = document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state;
    return s.includes(state) && state;
  }, states, { timeout });
  return handle.jsonValue();
}

/** Picks a file through the file input (a buffer, or a path on disk for very large files). */
async function chooseFile(page, name, text) {
  await resetState(page);
  const file = typeof text === 'string' ? { name, mimeType: 'text/csv', buffer: Buffer.from(text) } : text.path;
  await page.setInputFiles('#csv-file', file);
}

async function pasteText(page, text) {
  await resetState(page);
  await page.fill('#csv-paste', text);
  await page.click('#csv-paste-load');
}

/** Presses Load in the column form and waits for the outcome. */
async function pressLoad(page) {
  await resetState(page);
  await page.click('#csv-load');
  return waitState(page, ['loaded', 'error']);
}

async function errorText(page) {
  assert.equal(await page.locator('#error').isVisible(), true, '#error is visible');
  return (await page.locator('#error').textContent()).trim();
}

function csv(header, rows, row) {
  const lines = header ? [header] : [];
  for (let i = 0; i < rows; i++) lines.push(row(i));
  return lines.join('\n') + '\n';
}

test('malformed CSVs show the core\'s message and change nothing', async () => {
  const app = await open({ root });
  const { page } = app;
  try {
    for (let k = 0; k < 3; k++) await page.click('#btn-row');
    await page.waitForFunction(() => document.querySelector('som-playground').t === 3);
    const before = await snapshot(page);
    assert.equal(before.t, 3);

    // Line 17 has a fourth field (line 1 is the header).
    const count = csv('a,b,c', 30, (i) => (i === 15 ? '1,2,3,4' : `${i},${i * 2},${i % 7}`));
    await chooseFile(page, 'count.csv', count);
    assert.equal(await waitState(page, ['form', 'error']), 'error');
    assert.equal(await errorText(page), 'line 17: expected 3 columns, found 4');
    assert.deepEqual(await snapshot(page), before);

    // A word in a number column, through the paste box: reported when the columns are loaded.
    const word = csv('sepal,petal,kind', 20, (i) => (i === 7 ? '1.0,abc,x' : `${i}.5,0.${i},y`));
    await pasteText(page, word);
    assert.equal(await waitState(page, ['form', 'error']), 'form');
    assert.equal(await pressLoad(page), 'error');
    assert.equal(await errorText(page), 'line 9, column \'petal\': \'abc\' is not a number');
    assert.deepEqual(await snapshot(page), before);

    await chooseFile(page, 'empty.csv', '');
    assert.equal(await waitState(page, ['form', 'error']), 'error');
    assert.equal(await errorText(page), 'the file is empty');
    assert.deepEqual(await snapshot(page), before);

    // About 5 MB with one bad value deep inside.
    const bad = 120_000;
    const big = csv('w,x,y,z', 140_000, (i) => (i === bad - 2 ? '0.25,0.5,oops,0.75' : [997, 991, 983, 977].map((m) => `0.${String(i % m).padStart(6, '0')}`).join(',')));
    assert.ok(big.length > 4_000_000, `${big.length} bytes`);
    await chooseFile(page, 'big.csv', big);
    assert.equal(await waitState(page, ['form', 'error']), 'form');
    assert.equal(await pressLoad(page), 'error');
    assert.equal(await errorText(page), `line ${bad}, column 'y': 'oops' is not a number`);
    assert.deepEqual(await snapshot(page), before);

    // Over the row limit (200,000 data rows), and over the size limit (50 MB, refused unread).
    const limit = await page.evaluate(async () => {
      const { ready } = await import('./som-playground.js');
      return (await ready()).CsvLoader.maxRows();
    });
    assert.ok(Number.isInteger(limit) && limit > 0, `CsvLoader.maxRows() = ${limit}`);
    await chooseFile(page, 'rows.csv', csv('a,b', limit + 1, (i) => `${i % 10},1`));
    assert.equal(await waitState(page, ['form', 'error']), 'error');
    assert.equal(await errorText(page), `line ${limit + 2}: the file has more than ${limit} data rows; at most ${limit} can be loaded`);
    assert.deepEqual(await snapshot(page), before);
    const huge = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'som-csv-')), 'huge.csv');
    fs.writeFileSync(huge, Buffer.alloc(50_300_000, '1,2\n'));
    try {
      await chooseFile(page, 'huge.csv', { path: huge });
      assert.equal(await waitState(page, ['form', 'error']), 'error');
      assert.equal(await errorText(page), 'the file is 50.3 MB; files up to 50 MB can be loaded');
    } finally {
      fs.rmSync(path.dirname(huge), { recursive: true, force: true });
    }
    assert.deepEqual(await snapshot(page), before);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('column names are text, never HTML', async () => {
  const app = await open({ root });
  const { page } = app;
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  try {
    const name = '<img src=x onerror=alert(1)>';
    await chooseFile(page, 'xss.csv', `a,${name},kind\n1,2,x\n3,4,y\n5,7,x\n`);
    assert.equal(await waitState(page, ['form', 'error']), 'form');
    const inForm = await page.locator('.csv-form span, .csv-form th').evaluateAll((els, n) => els.filter((el) => el.textContent === n).length, name);
    assert.ok(inForm >= 2, 'the form shows the name literally (checkbox and preview)');
    assert.equal(await pressLoad(page), 'loaded');
    assert.deepEqual((await lessonState(page)).columns, ['a', name]);
    const shown = await page.locator('#data-view *').evaluateAll((els, n) => els.some((el) => el.children.length === 0 && el.textContent.includes(n)), name);
    assert.ok(shown, 'the data panel shows the name as text');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element');
    assert.deepEqual(dialogs, [], 'no dialog');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('100,000 rows load in chunks with a progress bar, then Play trains without freezing', async () => {
  const app = await open({ root });
  const { page } = app;
  try {
    const text = csv('a,b,c,d', 100_000, (i) => `${(i * 7919) % 1000 / 1000},${(i * 104729) % 997 / 997},${(i % 613) / 613},${(i * 31) % 101 / 101}`);
    // Record the progress bar's values while it is visible, and the longest gap between frames.
    await page.evaluate(() => {
      const bar = document.querySelector('som-playground').shadowRoot.getElementById('csv-progress');
      window.seen = { progress: [], gap: 0, last: performance.now(), run: true };
      new MutationObserver(() => { if (!bar.hidden) window.seen.progress.push(bar.value); }).observe(bar, { attributes: true });
      const tick = (now) => {
        window.seen.gap = Math.max(window.seen.gap, now - window.seen.last);
        window.seen.last = now;
        if (window.seen.run) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await chooseFile(page, 'large.csv', text);
    assert.equal(await waitState(page, ['form', 'error']), 'form');
    const reading = await page.evaluate(() => ({ ...window.seen, ...document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset }));
    assert.ok(reading.progress.length >= 2, `the progress bar was seen (${reading.progress.length} updates)`);
    assert.ok(reading.progress.some((v) => v > 0 && v < text.length), 'it showed partial progress');
    // About 50 ms on a quiet machine; the bound leaves room for a busy CI box.
    assert.ok(reading.longestCallMs < 1500, `no call into the core blocks the page for long (longest ${reading.longestCallMs} ms)`);

    await page.evaluate(() => { window.seen.gap = 0; window.seen.last = performance.now(); });
    assert.equal(await pressLoad(page), 'loaded');
    const loading = await page.evaluate(() => ({ ...window.seen, ms: document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.loadMs }));
    console.log(`100k × 4 (${(text.length / 1e6).toFixed(1)} MB): read in chunks ${reading.readMs} ms, longest single call ${reading.longestCallMs} ms (longest frame gap ${Math.round(reading.gap)} ms); ` +
      `adoptCsv ${loading.ms} ms; longest frame gap from Load to the first redraw ${Math.round(loading.gap)} ms`);
    const loaded = await lessonState(page);
    assert.deepEqual([loaded.shape.dataRows, loaded.shape.dim, loaded.t], [100_000, 4, 0]);
    assert.match(await page.locator('[data-testid="data-shape"]').textContent(), /^100000 rows × 4 columns/);

    // Play at full speed (many steps per frame).
    await page.evaluate(() => {
      const speed = document.querySelector('som-playground').shadowRoot.getElementById('speed');
      speed.value = speed.max;
      speed.dispatchEvent(new Event('input'));
      window.seen.gap = 0;
      window.seen.last = performance.now();
    });
    const t0 = await page.evaluate(() => document.querySelector('som-playground').t);
    const started = Date.now();
    await page.click('#btn-play');
    await page.waitForFunction((t) => document.querySelector('som-playground').t > t, t0, { timeout: 30_000 });
    // Playing, unless it already reached the schedule's horizon (t = steps) and stopped there.
    const playing = await page.evaluate(() => {
      const el = document.querySelector('som-playground');
      return { pressed: el.shadowRoot.getElementById('btn-play').getAttribute('aria-pressed'), t: el.t, steps: el.state.options.steps };
    });
    assert.ok(playing.pressed === 'true' || playing.t >= playing.steps, `Play runs or has reached the horizon (${JSON.stringify(playing)})`);
    await page.waitForTimeout(2000);
    // Pause (Play may already have stopped by itself at the schedule's horizon, t = steps).
    if (await page.locator('#btn-play').getAttribute('aria-pressed') === 'true') await page.click('#btn-play');
    await page.waitForFunction(() => !document.querySelector('som-playground').state.playing);
    assert.equal(await page.locator('#btn-play').getAttribute('aria-pressed'), 'false');
    const played = await page.evaluate(() => ({ t: document.querySelector('som-playground').t, gap: window.seen.gap }));
    console.log(`Play on 100k rows: t ${t0} → ${played.t} in ${Date.now() - started} ms, longest frame gap ${Math.round(played.gap)} ms`);
    assert.ok(played.t > t0);
    // The map trains in the engine's Worker: the page keeps drawing (a generous bound for a busy box).
    assert.ok(played.gap < 2000, `the page kept drawing while playing (longest frame gap ${Math.round(played.gap)} ms)`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('labels colour the points, three columns give a cube, a small file travels in the link', async () => {
  const app = await open({ root });
  const { page } = app;
  try {
    const labelled = csv('x,y,z,species', 60, (i) => `${(i % 10) / 3},${(i % 7) / 2},${i / 60},${i % 2 ? 'cat' : 'dog'}`);
    await pasteText(page, labelled);
    assert.equal(await waitState(page, ['form', 'error']), 'form');
    assert.equal(await page.locator('#f-csv-label').inputValue(), '3', 'the text column is the label by default');
    await page.selectOption('#f-csv-scaling', 'none');
    assert.equal(await pressLoad(page), 'loaded');
    const s = await lessonState(page);
    assert.deepEqual({ classes: s.labelClasses, rows: s.shape.dataRows, dim: s.shape.dim, columns: s.columns, scaling: s.options.scaling },
      { classes: ['dog', 'cat'], rows: 60, dim: 3, columns: ['x', 'y', 'z'], scaling: 'none' });
    // Every row carries its label: the data table has a label column, row 0 a dog, row 1 a cat.
    const table = page.locator('[data-testid="data-table"]');
    assert.equal((await table.locator('thead th').nth(1).textContent()).trim(), 'label');
    assert.deepEqual(await table.locator('tbody tr').evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.cells[1].textContent)), ['dog', 'cat']);
    // Three columns: a cube, turned by a finger or a drag (the page does not scroll under it).
    assert.equal(await page.locator('[data-testid="input-canvas"]').evaluate((c) => c.style.touchAction), 'none');
    assert.match(await page.locator('#input-view').textContent(), /to turn the cube/);
    // The data leaves [0, 1] unscaled: a visible warning.
    assert.equal(await page.locator('[data-testid="scaling-warning"]').isVisible(), true);
    // Both label colours (CATEGORICAL[2], CATEGORICAL[3]) appear among the input view's pixels.
    const colours = await page.evaluate(() => {
      const c = document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="input-canvas"]');
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const near = (r, g, b) => { for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 12) return true; return false; };
      return [near(0xE6, 0x9F, 0x00), near(0xCC, 0x79, 0xA7)];
    });
    assert.deepEqual(colours, [true, true]);
    await page.waitForFunction(() => document.querySelector('som-playground').state.dataSource.kind === 'inline');
    await page.locator('#data-panel').scrollIntoViewIfNeeded();
    await page.locator('#data-panel').screenshot({ path: path.join(SCREENSHOTS, 'data-warning-1280.png') });
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
