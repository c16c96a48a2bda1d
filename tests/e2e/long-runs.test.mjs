// Long runs with memory flat (issue 13): Play on a 32×32 map, traced phase steps, a link full
// of pulls, maps built and dropped, parameter changes through the form. Each compares the
// engine worker's wasm memory (memory.buffer.byteLength) and the page's JS heap after a full GC
// (CDP) before and after, with the tolerance in its assertion. The test command runs them
// small; scripts/fuzz.sh (part `long`) at full size:
//
//   LONG_PLAY_STEPS   steps of Play after the first 1,000       (test 100,000; fuzz 1,000,000)
//   LONG_PHASES       traced phase steps                         (test 1,000;   fuzz 10,000)
//   LONG_PULLS        pulls in one link's pull= log              (test 300;     fuzz 3,000)
//   LONG_MAPS         maps built and dropped                     (test 100;     fuzz 2,000)
//   LONG_PARAMS       parameter changes applied through the form (test 50;      fuzz 500)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, closeBrowser } from './harness.mjs';
import { open, playFastest, MiB } from './limits-util.mjs';

after(closeBrowser);

const size = (name, small) => Number(process.env[name] ?? small);
const PLAY_STEPS = size('LONG_PLAY_STEPS', 100_000);
const PHASES = size('LONG_PHASES', 1000);
const PULLS = size('LONG_PULLS', 300);
const MAPS = size('LONG_MAPS', 100);
const PARAMS = size('LONG_PARAMS', 50);

const mib = (bytes) => `${(bytes / MiB).toFixed(2)} MiB`;

/** Logs and asserts that memory grew by at most `wasm` and `heap` bytes from `a` to `b`. */
function flat(what, a, b, { wasm = MiB, heap = 4 * MiB } = {}) {
  console.log(`${what}: wasm ${mib(a.wasm)} → ${mib(b.wasm)}, page JS heap ${mib(a.heap)} → ${mib(b.heap)}`);
  assert.ok(b.wasm - a.wasm <= wasm, `${what}: the worker's wasm memory grew from ${a.wasm} to ${b.wasm} bytes (allowed ${wasm})`);
  assert.ok(b.heap - a.heap <= heap, `${what}: the page's JS heap grew from ${a.heap} to ${b.heap} bytes (allowed ${heap})`);
}

let server;
test.before(async () => { server = await startServer(); });
test.after(() => server?.close());

test(`Play: ${PLAY_STEPS.toLocaleString('en')} steps on a 32×32 map, wasm memory flat after the first 1,000`, { timeout: 3_600_000 }, async () => {
  const s = await open(server, '#rows=32&cols=32&steps=100000000');
  try {
    const { page } = s;
    await playFastest(page);
    await page.waitForFunction(() => document.querySelector('som-playground').t >= 1000, null, { timeout: 60_000 });
    const start = { ...(await s.memory()), t: await page.evaluate(() => document.querySelector('som-playground').t) };
    await page.waitForFunction((t) => document.querySelector('som-playground').t >= t, start.t + PLAY_STEPS, { timeout: 3_600_000, polling: 500 });
    await page.evaluate(() => document.querySelector('som-playground').pause());
    flat(`Play, t ${start.t} → ${start.t + PLAY_STEPS}+`, start, await s.memory(), { heap: 8 * MiB });
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test(`${PHASES.toLocaleString('en')} traced phase steps, memory flat`, { timeout: 3_600_000 }, async () => {
  const s = await open(server, '#rows=10&cols=10');
  try {
    const phases = (n) => s.page.evaluate(async (n) => {
      const el = document.querySelector('som-playground');
      for (let k = 0; k < n; k++) await el.stepPhase();
      return el.t;
    }, n);
    await phases(100); // warm up
    const before = await s.memory();
    const t = await phases(PHASES);
    flat(`${PHASES} traced phases (t = ${t})`, before, await s.memory());
    assert.equal(t, (100 + PHASES) / 5, 'five phases make one step');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test(`a link with ${PULLS.toLocaleString('en')} pulls replays in as little memory as one with 1`, { timeout: 3_600_000 }, async () => {
  const link = (n) => `#rows=10&cols=10&steps=100000&t=${2 * n + 1}&pull=${Array.from({ length: n }, (_, k) => `${2 * k}:${k % 150}.${(k + 7) % 150}`).join(',')}`;
  const memoryAfter = async (n) => {
    const s = await open(server, link(n));
    try {
      const t = await s.page.evaluate(() => document.querySelector('som-playground').t);
      assert.equal(t, 2 * n + 1, `the link of ${n} pulls reached its t`);
      assert.deepEqual(s.errors, []);
      return await s.memory();
    } finally {
      await s.close();
    }
  };
  flat(`a link of 1 pull → one of ${PULLS}`, await memoryAfter(1), await memoryAfter(PULLS), { heap: 8 * MiB });
});

/**
 * Sets parameter `name` to value(k) in the form and applies it, for k from `from` on, `n` times;
 * each Apply builds a new map in the engine and drops the old one.
 */
function applyEach(page, name, from, n, values) {
  return page.evaluate(async ({ name, from, n, values }) => {
    const el = document.querySelector('som-playground');
    const form = el.shadowRoot.querySelector('.params-form');
    for (let k = from; k < from + n; k++) {
      const value = values[k % values.length];
      const field = form.querySelector(`[name="${name}"]`);
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      form.requestSubmit();
      await new Promise((resolve) => { const check = () => (String(el.state.options[name]) === value ? resolve() : setTimeout(check, 1)); check(); });
      await el.weights(); // the build's snapshot is in
    }
  }, { name, from, n, values });
}

test(`${MAPS.toLocaleString('en')} maps built and dropped (rows changed in the form), memory flat`, { timeout: 3_600_000 }, async () => {
  const s = await open(server, '#rows=10&cols=10');
  try {
    const rows = ['8', '9', '10', '11', '12'];
    await applyEach(s.page, 'rows', 0, 20, rows);
    const before = await s.memory();
    await applyEach(s.page, 'rows', 20, MAPS, rows);
    flat(`${MAPS} maps built and dropped`, before, await s.memory());
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

test(`${PARAMS.toLocaleString('en')} parameter changes through the form, no JS heap growth`, { timeout: 3_600_000 }, async () => {
  const s = await open(server, '#rows=10&cols=10');
  try {
    const sigmas = ['1', '1.5', '2', '2.5', '3', '3.5', '4'];
    await applyEach(s.page, 'sigma', 0, 20, sigmas);
    const before = await s.memory();
    await applyEach(s.page, 'sigma', 20, PARAMS, sigmas);
    flat(`${PARAMS} parameter changes`, before, await s.memory());
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
