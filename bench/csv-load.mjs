// A 200,000-row CSV opened while the map plays (issue 12): the file is read in chunks in the
// engine's Worker with a progress bar, Play goes on, and the page answers clicks. Measured through
// what a student does: Play at the fastest speed, the file picker, clicks on the map, Load. It
// prints figures and asserts nothing (bench/run.mjs puts them in its tables).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { READY } from './load.mjs';

export const CSV_ROWS = 200_000;

/** A CSV of `rows` rows: three columns in [0, 1) from a fixed integer sequence, and a label. */
function csvFile(rows) {
  const lines = ['red,green,blue,kind'];
  for (let i = 0; i < rows; i++) lines.push(`${((i * 7919) % 1000) / 1000},${((i * 104729) % 997) / 997},${(i % 613) / 613},k${i % 5}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'som-bench-csv-')), `rows-${rows}.csv`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** The import's state ('form' once the file is read, 'loaded' after Load, 'error'). */
const importState = (page) => page.evaluate(() => document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state ?? null);

/**
 * Opens `origin`/app/index.html on a `side`×`side` map, plays at the fastest speed, picks the
 * 200,000-row file, clicks a map node every 150 ms until the file is read, then presses Load.
 * Returns the file's size, how long reading and loading took, whether t grew while reading, the
 * progress values the bar showed, each click's time to the frame after it, the longest gap
 * between frames and the longest main-thread task while reading.
 */
export async function csvWhilePlaying(browser, origin, side = 64) {
  const file = csvFile(CSV_ROWS);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(`${origin}/app/index.html#rows=${side}&cols=${side}&data=rgb&seed=1&steps=100000000`);
    await page.waitForSelector(READY, { timeout: 60_000 });
    await page.locator('#speed').fill('100');
    await page.evaluate(() => document.querySelector('som-playground').play());
    await page.waitForTimeout(1000);
    const t0 = await page.evaluate(() => {
      const el = document.querySelector('som-playground');
      const bar = el.shadowRoot.getElementById('csv-progress');
      const r = { progress: [], clicks: [], gap: 0, last: null, longTasks: [], run: true };
      window.__csv = r;
      new MutationObserver(() => { if (!bar.hidden) r.progress.push(Number(bar.value) / Number(bar.max || 1)); }).observe(bar, { attributes: true });
      const frame = (now) => {
        if (r.last != null) r.gap = Math.max(r.gap, now - r.last);
        r.last = now;
        if (r.run) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      r.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) r.longTasks.push(e.duration); });
      r.observer.observe({ type: 'longtask' });
      document.addEventListener('pointerdown', (e) => {
        requestAnimationFrame(() => r.clicks.push(performance.now() - e.timeStamp));
      });
      return el.t;
    });
    const box = await page.locator('som-playground #map-view canvas').first().boundingBox();
    const started = Date.now();
    await page.setInputFiles('#csv-file', file);
    let state = null;
    for (let k = 0; !['form', 'error'].includes(state) && Date.now() - started < 120_000; k++) {
      await page.mouse.click(box.x + box.width * (0.1 + 0.8 * ((k * 0.37) % 1)), box.y + box.height * (0.1 + 0.8 * ((k * 0.61) % 1)));
      await page.waitForTimeout(150);
      state = await importState(page);
    }
    const readMs = Date.now() - started;
    const reading = await page.evaluate(() => {
      const r = window.__csv;
      r.run = false;
      r.observer.disconnect();
      return { t: document.querySelector('som-playground').t, progress: r.progress, clicks: r.clicks, gap: r.gap, longTasks: r.longTasks };
    });
    const loadStarted = Date.now();
    await page.click('#csv-load');
    await page.waitForFunction((n) => {
      const el = document.querySelector('som-playground');
      return el.shadowRoot.querySelector('.csv-import').dataset.state === 'error' || el.state.shape?.dataRows === n;
    }, CSV_ROWS, { timeout: 120_000 });
    return {
      side, bytes: fs.statSync(file).size, state, readMs, loadMs: Date.now() - loadStarted,
      tGrew: reading.t - t0, progress: reading.progress, clicks: reading.clicks,
      gap: reading.gap, longTask: reading.longTasks.length ? Math.max(...reading.longTasks) : 0,
      rows: await page.evaluate(() => document.querySelector('som-playground').state.shape.dataRows), errors,
    };
  } finally {
    await context.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
