// In-page benchmarks: this project's wasm (the very files the page ships, from app/, loaded through
// the element's public `ready()`) and ml-som (npm, wrapped into an ES module at bench time) on the
// same data and the same map, in the same page. Every function returns numbers; bench/run.mjs
// calls them interleaved (wasm, ml-som, wasm, ml-som, …), after a warm-up, keeps the best run and
// prints the table.
import SOM, { version as mlsomVersion } from './ml-som.js';
import { benchData, benchSom, mulberry32, oldLcg, distinct } from './data.js';

const ROWS = 1000;
let wasm = null;

/** Loads the shipped element module and its wasm facade (`ready()`, the same compiled module the lessons use). */
async function load() {
  const { ready } = await import('./app/som-playground.js');
  wasm = await ready();
  return {
    mlsom: mlsomVersion,
    distinct: { mulberry32: distinct(mulberry32(7)), oldLcg: distinct(oldLcg(7)) },
  };
}

const makeSom = (side, dim, data) => benchSom(wasm.Som, side, dim, data);

/**
 * Every timed run is prepared first (maps built, probes and warm-ups done) and then run by
 * `run()` on its own, so the runner can read the thread's CPU time around exactly the timed part.
 * `prepare*` returns a description; `run()` times the prepared run and frees what it made.
 */
let prepared = null;

/** Times the prepared run: { stepsPerS (wall clock, performance.now), steps, …extra }. */
async function run() {
  const p = prepared;
  prepared = null;
  if (!p) throw new Error('nothing prepared');
  try {
    const t0 = performance.now();
    p.go();
    const dt = (performance.now() - t0) / 1000;
    return { stepsPerS: p.steps / dt, steps: p.steps, seconds: dt, ...(p.after?.() ?? {}) };
  } finally {
    p.close?.();
  }
}

/** The wasm's online `Som.train(steps)`: a probe of 2,000 steps (the warm-up), then a run of about `seconds`. */
function prepareWasm(side, dim, seconds = 0.5) {
  const data = benchData(ROWS, dim);
  const probe = makeSom(side, dim, data);
  const t0 = performance.now();
  probe.train(2000);
  const rate = 2000 / ((performance.now() - t0) / 1000);
  probe.free();
  const steps = Math.max(2000, Math.round(rate * seconds));
  const som = makeSom(side, dim, data);
  prepared = { steps, go: () => som.train(steps), close: () => som.free() };
  return { steps };
}

/** Prepares and runs at once (for trying it by hand in the console). */
async function wasmSteps(side, dim, seconds = 0.5) {
  prepareWasm(side, dim, seconds);
  return run();
}

/** ml-som's rows: arrays of the same (f32-rounded) numbers. */
function mlRows(data, dim) {
  const n = data.length / dim;
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
}

/**
 * ml-som's randomizer draws its initial weights (uniform in [0, 1)) and then the row of each step.
 * 'mulberry32' (the fair default): a sound integer generator seeded apart from the data's;
 * 'math': ml-som's own default, Math.random; 'oldLcg': the generator the bench used before, with
 * the data's own seed (so its first 1,000 nodes started as exact copies of the 1,000 rows).
 */
function randomizer(g, name) {
  return name === 'math' ? Math.random : name === 'oldLcg' ? g.oldLcg(7) : g.mulberry32(1234);
}

/**
 * ml-som as its README uses it: `iterations` epochs, its own schedules (its radius starts at half
 * the map and shrinks exponentially to 1 over the run; it updates only the nodes inside it),
 * learning rate 0.5 like the others, method 'random' (a random row per step), a rectangular grid.
 * `g` is the realm's { SOM, mulberry32, oldLcg } (the page's own or a fresh frame's).
 */
function makeMl(g, side, dim, epochs, { rng = 'mulberry32', torus = false } = {}) {
  return new g.SOM(side, side, { fields: dim, iterations: epochs, learningRate: 0.5, torus, method: 'random', randomizer: randomizer(g, rng) });
}

const pageRealm = { SOM, benchData, mulberry32, oldLcg };

/** A new JavaScript realm holding ml-som (an iframe of ml-frame.html, in this page, on its thread). */
async function freshRealm() {
  const frame = document.createElement('iframe');
  frame.src = 'ml-frame.html';
  frame.style.display = 'none';
  const loaded = new Promise((resolve) => { frame.onload = resolve; });
  document.body.append(frame);
  await loaded;
  return { g: frame.contentWindow.ml, close: () => frame.remove() };
}

/**
 * ml-som's online steps per second on the same data and map, at its fastest fair setting.
 *
 * V8 slows ml-som down by about half for every SOM constructed after another one has trained in
 * the same realm: the constructor calls the distance function once on small-integer arrays
 * (`getMaxDistance`), which deoptimizes the BMU search compiled for arrays of doubles, and the
 * recompiled search stays slow (docs/benchmark.md). So each run gets a fresh realm: there the
 * warm-up SOM (one epoch on at most 32×32) and the timed SOM are both constructed before either
 * trains, then the warm-up trains (V8 compiles ml-som's hot code), and the timed one is left for
 * `run()`, sized to about `seconds` from `rate` (the previous run's figure) or from a probe in a
 * realm of its own. `variant`: { rng, torus, data, epochs, realm: 'page' } ('page': the page's
 * own realm, a one-epoch probe then the run, the way the bench measured before 2026-12).
 */
async function prepareMl(side, dim, seconds = 0.5, variant = {}, rate = null) {
  if (variant.realm === 'page') {
    const g = pageRealm;
    const rows = mlRows(g.benchData(ROWS, dim, 7, variant.data), dim);
    const probe = makeMl(g, side, dim, 1, variant);
    const t0 = performance.now();
    probe.train(rows);
    const r = rows.length / ((performance.now() - t0) / 1000);
    const epochs = variant.epochs ?? Math.max(1, Math.round((r * seconds) / rows.length));
    const som = makeMl(g, side, dim, epochs, variant);
    prepared = { steps: epochs * rows.length, go: () => som.train(rows), after: () => ({ epochs }) };
    return { steps: prepared.steps };
  }
  if (rate == null && variant.epochs == null) {
    const probe = await freshRealm();
    const rows = mlRows(probe.g.benchData(ROWS, dim, 7, variant.data), dim);
    const som = makeMl(probe.g, side, dim, 1, variant);
    const t0 = performance.now();
    som.train(rows);
    rate = rows.length / ((performance.now() - t0) / 1000);
    probe.close();
  }
  const realm = await freshRealm();
  const g = realm.g;
  const rows = mlRows(g.benchData(ROWS, dim, 7, variant.data), dim);
  const epochs = variant.epochs ?? Math.max(1, Math.round((rate * seconds) / rows.length));
  const warm = makeMl(g, Math.min(side, 32), dim, 1, variant);
  const som = makeMl(g, side, dim, epochs, variant);
  warm.train(rows);
  prepared = { steps: epochs * rows.length, go: () => som.train(rows), after: () => ({ epochs }), close: () => realm.close() };
  return { steps: prepared.steps };
}

/** Prepares and runs at once (for trying it by hand in the console). */
async function mlsomSteps(side, dim, seconds = 0.5, variant = {}, rate = null) {
  await prepareMl(side, dim, seconds, variant, rate);
  return run();
}

/**
 * What one ml-som run does, counted (not timed) on a copy whose node method is wrapped: nodes
 * visited in the neighbourhood square and nodes updated, per step, the number of distinct rows it
 * trained on, and how many of the first nodes start as an exact copy of a data row.
 */
async function mlsomWork(side, dim, epochs, variant = {}) {
  const realm = await freshRealm();
  const data = benchData(ROWS, dim, 7, variant.data);
  const rows = mlRows(data, dim);
  const som = makeMl(realm.g, side, dim, epochs, variant);
  const f32 = (v) => Math.fround(v);
  const rowKeys = new Set(rows.map((r) => r.join(',')));
  let copies = 0;
  for (const column of som.nodes) for (const node of column) if (rowKeys.has(node.weights.map(f32).join(','))) copies += 1;
  let updated = 0;
  const chosen = new Set();
  for (const column of som.nodes) {
    for (const node of column) {
      const adjust = node.adjustWeights;
      node.adjustWeights = function counted(target, lr, influence) { updated += 1; chosen.add(target); return adjust.call(this, target, lr, influence); };
    }
  }
  som.train(rows);
  realm.close();
  const steps = epochs * rows.length;
  return { updatedPerStep: updated / steps, distinctRows: chosen.size, copies };
}

/** Milliseconds for the BMU of each of `n` rows on a side × side map: wasm `bmus()` and ml-som's
 *  `_findBestMatchingUnit` per row (in a fresh realm, see mlsomSteps); the best of `repeats`. */
async function bmuSearch(side, dim, n = 10_000, repeats = 5, mlRepeats = Math.max(1, repeats - 2)) {
  const data = benchData(n, dim);
  const som = makeSom(side, dim, data);
  som.train(1000);
  let wasmMs = Infinity;
  let check = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const b = som.bmus();
    wasmMs = Math.min(wasmMs, performance.now() - t0);
    check += b[0];
  }
  som.free();
  const rows = mlRows(data, dim);
  const realm = await freshRealm();
  const ml = makeMl(realm.g, side, dim, 1);
  let mlMs = Infinity;
  for (const x of rows.slice(0, 500)) check += ml._findBestMatchingUnit(x).x; // warm-up
  for (let r = 0; r < mlRepeats; r++) {
    const t0 = performance.now();
    for (const x of rows) check += ml._findBestMatchingUnit(x).x;
    mlMs = Math.min(mlMs, performance.now() - t0);
  }
  realm.close();
  return { wasmMs, mlsomMs: mlMs, check };
}

window.bench = { load, prepareWasm, prepareMl, run, wasmSteps, mlsomSteps, mlsomWork, bmuSearch };
document.getElementById('out').textContent = 'ready';
document.body.dataset.ready = 'true';
