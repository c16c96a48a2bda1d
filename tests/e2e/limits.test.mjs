// At the documented limits (issue 13): what the worker sends for one traced step is bounded by
// what the views draw, not by the map's weights, and an Epoch on a 200×200 map with 100,000
// rows plays in slices, so the page answers a click (Pause) before the epoch ends.
// A csvz link that inflates past the 50 MB CSV limit is refused and leaves no large allocation
// behind. scripts/limits.mjs prints the times and memory of every button at these sizes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, browser, closeBrowser, DESKTOP } from './harness.mjs';
import { instrument, click, wideCsv, wasmBytes, heapBytes, MiB } from './limits-util.mjs';

after(closeBrowser);

async function open(server, hash) {
  const context = await (await browser()).newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await instrument(page);
  await page.goto(server.url + hash);
  await page.waitForFunction(() => document.querySelector('som-playground')?.dataset.ready === 'true', null, { timeout: 300_000 });
  return { page, errors, close: () => context.close() };
}

test('200×200 nodes × 1,000 columns: each traced phase sends under 4 MiB (the weights before and after are 160 MB each)', { timeout: 600_000 }, async () => {
  const server = await startServer();
  const s = await open(server, '#rows=200&cols=200');
  try {
    await s.page.evaluate((text) => document.querySelector('som-playground').loadCsv(text), wideCsv(100, 1000));
    const shape = await s.page.evaluate(() => document.querySelector('som-playground').state.shape);
    assert.deepEqual([shape.nodes, shape.dim], [40_000, 1000]);
    const phases = [];
    for (let k = 0; k < 4; k++) phases.push(await click(s.page, 'btn-phase', { watch: 'phase' }));
    const phase = await s.page.evaluate(() => document.querySelector('som-playground').state.phase);
    assert.equal(phase, 'neighborhood');
    for (const [k, p] of phases.entries()) {
      assert.ok(p.bytes < 4 * MiB, `phase ${k + 1} sent ${(p.bytes / MiB).toFixed(1)} MiB`);
    }
    // The inspector shows the selected node's distance formula from its 1,000 weights before the step.
    const terms = await s.page.evaluate(() => document.querySelector('som-playground').shadowRoot
      .querySelector('[data-testid="node-distance"]').textContent.split('+').length);
    assert.equal(terms, 1000, 'the distance formula has one term per column');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await server.close();
  }
});

test('200×200 nodes, 100,000 rows: Pause is answered while an Epoch runs, and stops it', { timeout: 600_000 }, async () => {
  const server = await startServer();
  const s = await open(server, '#rows=200&cols=200&data=rgb&dataRows=100000');
  try {
    const result = await s.page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const root = el.shadowRoot;
      const t0 = el.t;
      root.getElementById('btn-epoch').click();
      await new Promise((resolve) => { const check = () => (el.t > t0 ? resolve() : setTimeout(check, 2)); check(); });
      const playingDuring = el.state.playing;
      const status = root.getElementById('status').textContent;
      await el.pause();
      const paused = { t: el.t, playing: el.state.playing };
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { t0, playingDuring, status, paused, later: el.t };
    });
    assert.ok(result.playingDuring, 'the epoch runs as Play does (the button shows Pause)');
    assert.match(result.status, /^Epoch: [\d,]+ of 100,000 rows/, 'the status line shows its progress');
    assert.equal(result.paused.playing, false, 'Pause is answered');
    assert.ok(result.paused.t - result.t0 < 100_000, `paused at t = ${result.paused.t}, before the epoch's end`);
    assert.equal(result.later, result.paused.t, 'nothing trains after Pause');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await server.close();
  }
});

test('a csvz link that inflates to 200 MB is refused, and memory is back near where it was', { timeout: 600_000 }, async () => {
  const server = await startServer();
  const s = await open(server, '#rows=5&cols=5');
  try {
    const packed = zlib.deflateRawSync(Buffer.alloc(200_000_000, '1,')).toString('base64url');
    const cdp = await s.page.context().newCDPSession(s.page);
    const memory = async () => ({ wasm: await wasmBytes(s.page, server), heap: await heapBytes(cdp) });
    const before = await memory();
    const note = await s.page.evaluate(async (packed) => {
      const el = document.querySelector('som-playground');
      location.hash = `rows=6&cols=6&csvz=${packed}`;
      const error = () => el.shadowRoot.getElementById('error');
      await new Promise((resolve) => { const check = () => (!error().hidden && error().textContent ? resolve() : setTimeout(check, 20)); check(); });
      await el.step(); // the lesson still works
      return error().textContent;
    }, packed);
    const afterwards = await memory();
    console.log(`csvz of ${(packed.length / 1024).toFixed(0)} KiB inflating to 200 MB: wasm ${(before.wasm / MiB).toFixed(1)} → ${(afterwards.wasm / MiB).toFixed(1)} MiB, page JS heap ${(before.heap / MiB).toFixed(1)} → ${(afterwards.heap / MiB).toFixed(1)} MiB`);
    assert.match(note, /csvz inflates to more than 50 MB/);
    assert.ok(afterwards.wasm - before.wasm <= 2 * MiB, `the worker's wasm memory grew from ${before.wasm} to ${afterwards.wasm} bytes`);
    assert.ok(afterwards.heap - before.heap <= 8 * MiB, `the page's JS heap grew from ${before.heap} to ${afterwards.heap} bytes`);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await server.close();
  }
});
