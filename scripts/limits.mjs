// The page at its documented limits (issue 13, "cheap at the limit"): for a 200×200 map with
// 100,000 rows and one with a 1,000-column CSV, the time each button takes (click → the
// engine's answer applied), the bytes the worker sent for it, and the worker's wasm memory and
// the page's JS heap afterwards; the bytes of each Play frame; how long the page takes to draw
// a node selected by a click on the map while it plays, runs an Epoch or loads the CSV, and to
// answer Pause; and, on a 64×64 map, the input view's milliseconds per Play frame (a CDP
// profile). Prints one table per case; asserts nothing (the e2e tests assert bounded sizes:
// tests/e2e/limits.test.mjs).
//
//   bash scripts/build.sh && node scripts/limits.mjs    E2E_DIST=dir: another build (LIMITS_SYNC_EPOCH=1
//                                                       for one whose Epoch answers only at its end)
//   LIMITS_PLAY_MS=3000  how long each Play measure plays
import { startServer, browser, closeBrowser } from '../tests/e2e/harness.mjs';
import { instrument, bytesSent, wasmBytes, heapBytes, click, wideCsv, MiB, open, playFrames, selectOnMap, inputViewMs } from '../tests/e2e/limits-util.mjs';

const PLAY_MS = Number(process.env.LIMITS_PLAY_MS ?? 3000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x) => Math.round(x).toLocaleString('en');

const CASES = [
  { name: '200×200 map, 100,000 rows, 3 columns (rgb)', hash: '#rows=200&cols=200&data=rgb&dataRows=100000' },
  { name: '200×200 map, 2,000 rows × 1,000 columns (CSV)', hash: '#rows=200&cols=200', csv: wideCsv(2000, 1000) },
];

const server = await startServer();
try {
  for (const c of CASES) {
    const context = await (await browser()).newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await instrument(page);
    process.stderr.write(`${c.name}: opening ${c.hash}…\n`);
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(server.url + c.hash);
    await page.waitForFunction(() => document.querySelector('som-playground')?.dataset.ready === 'true', null, { timeout: 300_000 });
    const answers = []; // [what, ms]
    if (c.csv) {
      // A click on the map while the worker reads the CSV: the page alone draws the selection.
      const loading = page.evaluate((text) => document.querySelector('som-playground').loadCsv(text), c.csv);
      answers.push(['select a node on the map while the CSV loads (loadCsv)', await selectOnMap(page, 1)]);
      await loading;
    }
    const cdp = await context.newCDPSession(page);
    const rows = [{ name: 'loaded (before any step)', ms: 0, bytes: 0, wasm: await wasmBytes(page, server), heap: await heapBytes(cdp) }];
    const measure = async (name, act) => {
      process.stderr.write(`${c.name}: ${name}…\n`);
      const { ms, bytes, timedOut } = await act();
      rows.push({ name, ms, bytes, timedOut, wasm: await wasmBytes(page, server), heap: await heapBytes(cdp) });
    };
    await measure('Step phase (a new traced step)', () => click(page, 'btn-phase', { watch: 'phase' }));
    await measure('Step phase (distances)', () => click(page, 'btn-phase', { watch: 'phase' }));
    await measure('Step row (finishes the step shown)', () => click(page, 'btn-row', { watch: 'phase' }));
    await measure('Step row (a whole new step)', () => click(page, 'btn-row'));
    await measure(c.csv ? 'Epoch (at most 60 s)' : 'Epoch (to its end)', () => click(page, 'btn-epoch', { until: process.env.LIMITS_SYNC_EPOCH ? null : 'epoch', timeout: c.csv ? 60_000 : 300_000 }));
    await page.evaluate(async () => { // six tug rows through the tug view's row field
      const root = document.querySelector('som-playground').shadowRoot;
      const field = root.getElementById('tug-row');
      for (let row = 0; row < 6; row++) {
        field.value = String(row);
        field.form.requestSubmit();
        await new Promise((resolve) => { const check = () => (document.querySelector('som-playground').state.tugRows.length > row ? resolve() : setTimeout(check, 5)); check(); });
      }
    });
    await measure('Pull with 6 rows', () => click(page, 'btn-pull'));
    if (!c.csv) {
      await measure('Rows 100,000 → 99,999', () => click(page, 'data-rows', { value: '99999', watch: 'dataRows' }));
    }
    await measure('PCA + Apply', async () => {
      await page.evaluate(() => {
        const form = document.querySelector('som-playground').shadowRoot.querySelector('#params');
        const init = form.querySelector('[name="init"]');
        init.value = 'pca';
        init.dispatchEvent(new Event('change', { bubbles: true }));
      });
      return click(page, null, { apply: true, watch: 'init' });
    });
    process.stderr.write(`${c.name}: Play…\n`);
    const frames = await playFrames(page, PLAY_MS);
    console.log(`\n${c.name}: Play for ${PLAY_MS} ms, ${frames.length} frames; bytes per frame: median ${(median(frames) / MiB).toFixed(2)} MiB, largest ${(Math.max(0, ...frames) / MiB).toFixed(2)} MiB`);
    for (const [what, act] of [['Play', () => page.evaluate(() => document.querySelector('som-playground').shadowRoot.getElementById('btn-play').click())],
      ['Epoch', () => page.evaluate(() => document.querySelector('som-playground').shadowRoot.getElementById('btn-epoch').click())]]) {
      await act();
      await page.waitForFunction(() => document.querySelector('som-playground').state.playing);
      await new Promise((resolve) => setTimeout(resolve, 500));
      answers.push([`select a node on the map during ${what}`, await selectOnMap(page, what === 'Play' ? 202 : 203)]);
      answers.push([`Pause during ${what} (drawn paused)`, (await click(page, 'btn-play', { watch: 'playing' })).ms]);
      await page.evaluate(() => document.querySelector('som-playground').pause()); // the engine confirmed
    }
    console.log('| click | ms to its effect drawn |\n|---|---:|');
    for (const [what, t] of answers) console.log(`| ${what} | ${ms(t)} |`);
    const sent = await bytesSent(page);
    console.log(`\n${c.name}: the largest message ${(sent.largest / MiB).toFixed(2)} MiB, all ${(sent.total / MiB).toFixed(1)} MiB`);
    console.log('| action | ms | bytes sent to the page | worker wasm memory | page JS heap |\n|---|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.timedOut ? '> ' : ''}${Math.round(r.ms).toLocaleString('en')} | ${(r.bytes / MiB).toFixed(2)} MiB | ${(r.wasm / MiB).toFixed(0)} MiB | ${(r.heap / MiB).toFixed(0)} MiB |`);
    }
    await context.close();
  }
  // The input view's cost per Play frame where it draws every frame: 64×64 nodes, 3 columns.
  for (const hash of ['#rows=64&cols=64&data=rgb&dataRows=1000&steps=100000000']) {
    const s = await open(server, hash, { count: true });
    const { frames, msPerFrame } = await inputViewMs(s.page, s.cdp, server, PLAY_MS);
    console.log(`\n64×64 map, rgb, Play at the fastest speed: the input view's render ${msPerFrame.toFixed(2)} ms per frame (${frames} frames in ${PLAY_MS} ms, CDP sampling profile)`);
    await s.close();
  }
} finally {
  await closeBrowser();
  await server.close();
}
