// In-page benchmarks: this project's wasm (the very files the page ships, from app/) and ml-som
// (npm, wrapped into an ES module at bench time) on the same data and the same map, in the same
// page. Every function returns numbers; bench/run.mjs calls them, repeats them and prints the table.
import SOM, { version as mlsomVersion } from './ml-som.js';
import { benchData, lcg } from './data.js';

const ROWS = 1000;
let wasm = null;

/** Loads the shipped wasm-bindgen glue (its hashed name comes from the runner). */
async function load(glue) {
  const mod = await import(glue);
  await mod.default({ module_or_path: glue.replace(/\.js$/, '_bg.wasm') });
  wasm = mod;
  return { mlsom: mlsomVersion };
}

/** A map of side × side on `data` (dim columns): sigma = side / 2 and α = 0.5, both held constant
 *  (the most work per step: no row of the map is ever beyond the gaussian's reach), gaussian,
 *  rectangular, initialised from samples of the data, rows drawn in random order. */
function makeSom(side, dim, data) {
  const som = new wasm.Som({
    rows: side, cols: side, data: 'rgb', scaling: 'none', seed: 7,
    sigma: side / 2, sigmaEnd: side / 2, learningRate: 0.5, learningRateEnd: 0.5,
    decay: 'asymptotic', steps: 1_000_000, init: 'samples', order: 'random',
  });
  som.setData(data, dim);
  som.reset(); // re-initialise from samples of this data (same seed, same weights)
  return som;
}

/** Online steps per second of `Som.train(steps)`: a probe, then one run of about `seconds`. */
function wasmSteps(side, dim, seconds = 0.5) {
  const data = benchData(ROWS, dim);
  let som = makeSom(side, dim, data);
  let t0 = performance.now();
  som.train(2000);
  const rate = 2000 / ((performance.now() - t0) / 1000);
  som.free();
  const steps = Math.max(2000, Math.round(rate * seconds));
  som = makeSom(side, dim, data);
  t0 = performance.now();
  som.train(steps);
  const dt = (performance.now() - t0) / 1000;
  const qe = som.quantizationError();
  som.free();
  return { stepsPerS: steps / dt, steps, qe };
}

/** ml-som's rows: arrays of the same (f32-rounded) numbers. */
function mlRows(data, dim) {
  const n = data.length / dim;
  return Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
}

function makeMl(side, dim, epochs) {
  // ml-som counts iterations in epochs (passes over the rows); its radius starts at half the
  // map and shrinks (exponentially to 1 over the run), and it updates only nodes inside it.
  return new SOM(side, side, { fields: dim, iterations: epochs, learningRate: 0.5, torus: false, method: 'random', randomizer: lcg(7) });
}

/** ml-som's online steps per second on the same data and map: a one-epoch probe, then ~`seconds`. */
function mlsomSteps(side, dim, seconds = 0.5) {
  const rows = mlRows(benchData(ROWS, dim), dim);
  let som = makeMl(side, dim, 1);
  let t0 = performance.now();
  som.train(rows);
  const rate = rows.length / ((performance.now() - t0) / 1000);
  const epochs = Math.max(1, Math.round((rate * seconds) / rows.length));
  som = makeMl(side, dim, epochs);
  t0 = performance.now();
  som.train(rows);
  const dt = (performance.now() - t0) / 1000;
  return { stepsPerS: (epochs * rows.length) / dt, steps: epochs * rows.length };
}

/** Milliseconds for the BMU of each of `n` rows on a side × side map: wasm `bmus()` and ml-som's
 *  `_findBestMatchingUnit` per row; the best of `repeats`. */
function bmuSearch(side, dim, n = 10_000, repeats = 5) {
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
  const ml = makeMl(side, dim, 1);
  let mlMs = Infinity;
  for (let r = 0; r < Math.max(1, repeats - 2); r++) {
    const t0 = performance.now();
    for (const x of rows) check += ml._findBestMatchingUnit(x).x;
    mlMs = Math.min(mlMs, performance.now() - t0);
  }
  return { wasmMs, mlsomMs: mlMs, check };
}

window.bench = { load, wasmSteps, mlsomSteps, bmuSearch };
document.getElementById('out').textContent = 'ready';
document.body.dataset.ready = 'true';
