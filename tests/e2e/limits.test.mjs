// At the documented limits (issue 13): what the worker sends for one traced step and for a Play
// frame is bounded by what the views draw, not by the map's weights (while the inspector still
// shows the core's weights and an export still has every column), and an Epoch on a 200×200 map with 100,000
// rows plays in slices, so the page answers a click (Pause) before the epoch ends.
// A csvz link that inflates past the 50 MB CSV limit is refused and leaves no large allocation
// behind. scripts/limits.mjs prints the times and memory of every button at these sizes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fs from 'node:fs';
import { startServer, closeBrowser } from './harness.mjs';
import { open as openPage, click, wideCsv, playFrames, MiB } from './limits-util.mjs';

after(closeBrowser);

const open = (server, hash) => openPage(server, hash, { count: true });

test('200×200 nodes × 1,000 columns: each traced phase sends under 4 MiB (all the weights are 160 MB)', { timeout: 600_000 }, async () => {
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

test('200×200 nodes × 1,000 columns: a Play frame sends under 1 MiB and the inspector shows the core\'s weights of the selected node', { timeout: 600_000 }, async () => {
  const server = await startServer();
  const s = await open(server, '#rows=200&cols=200');
  try {
    const { page } = s;
    await page.evaluate((text) => document.querySelector('som-playground').loadCsv(text), wideCsv(100, 1000));
    // Select node 201 (grid row 1, column 1) with the keyboard on the map.
    await page.focus('[data-testid="map-canvas"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const frames = await playFrames(page, 0, 3); // Play until 3 frames came, then Pause
    assert.ok(frames.length >= 3);
    // All weights are 160 MB; every node's on the 3 columns drawn plus two nodes' 1,000 are 0.5 MB.
    for (const bytes of frames) assert.ok(bytes < MiB, `a Play frame sent ${(bytes / MiB).toFixed(2)} MiB`);
    await page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="node-weights"]').dataset.values?.split(',').length === 1000);
    const seen = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const root = el.shadowRoot;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const w = await el.weights();
      const node = el.state.selected;
      return {
        node, t: el.t,
        shown: root.querySelector('[data-testid="node-weights"]').dataset.values.split(',').map(Number),
        core: Array.from(w.subarray(node * 1000, (node + 1) * 1000)),
        title: root.querySelector('[data-testid="node-title"]').textContent,
      };
    });
    assert.equal(seen.node, 201);
    assert.ok(seen.t > 0, 'Play trained');
    assert.match(seen.title, /^Node 201 /);
    seen.shown.forEach((v, k) => assert.ok(Math.abs(v - seen.core[k]) < 1e-4, `weight ${k}: shown ${v}, core ${seen.core[k]}`));
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
    await server.close();
  }
});

test('20×20 nodes × 1,000 columns (snapshots carry some of the weights): the export asks for all of them', { timeout: 600_000 }, async () => {
  const server = await startServer();
  const s = await open(server, '#rows=20&cols=20');
  try {
    const { page } = s;
    await page.evaluate(async (text) => {
      const el = document.querySelector('som-playground');
      await el.loadCsv(text);
      await el.train(50);
    }, wideCsv(100, 1000));
    const core = await page.evaluate(async () => Array.from(await document.querySelector('som-playground').weights()));
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#btn-export-csv')]);
    const lines = fs.readFileSync(await file.path(), 'utf8').split('\r\n');
    assert.equal(lines.length, 400 + 2, 'a header, a line per node, and the final line break');
    const header = lines[0].split(',');
    assert.equal(header.length, 3 + 1000);
    assert.deepEqual([header[3], header[1002]], ['c0', 'c999']);
    for (const node of [0, 21, 399]) {
      const row = lines[1 + node].split(',').map(Number);
      assert.deepEqual(row.slice(0, 3), [node, Math.floor(node / 20), node % 20]);
      row.slice(3).forEach((v, k) => assert.equal(Math.fround(v), core[node * 1000 + k], `node ${node}, exported weight ${k}`));
    }
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
    const { memory } = s;
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
