// The benchmark's data, the same bytes for all three implementations: `rows` rows of `dim` values
// in [0, 1) from a seeded integer generator (mulberry32), rounded to f32 so that the f32 core,
// ml-som (f64) and MiniSom (f64) all start from identical numbers. Shared by the page and the Node
// runner (which writes the rows to a file for MiniSom).

/**
 * mulberry32: a 32-bit integer generator (all arithmetic in int32 through `| 0` and `Math.imul`,
 * so nothing is rounded), period 2^32, every output a multiple of 2^-32 in [0, 1). Used for the
 * data and as the randomizer handed to ml-som (its initial weights and its choice of rows).
 */
export function mulberry32(seed = 7) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The generator the bench used before 2026-12 (kept only so bench.mlsomVariants can show what it
 * did): `s * 1103515245` is computed in doubles, which drops low bits once the product passes
 * 2^53, so the sequence falls into a short cycle (14,469 distinct values in 100,000 draws).
 */
export function oldLcg(seed = 7) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Distinct values in the first `n` draws of a generator (the runner prints it for both). */
export function distinct(gen, n = 100_000) {
  const seen = new Set();
  for (let i = 0; i < n; i++) seen.add(gen());
  return seen.size;
}

/** Float32Array of rows × dim values in [0, 1) (`gen` 'oldLcg' only for bench.mlsomVariants). */
export function benchData(rows, dim, seed = 7, gen = 'mulberry32') {
  const rnd = gen === 'oldLcg' ? oldLcg(seed) : mulberry32(seed);
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < out.length; i++) out[i] = rnd();
  return out;
}

/**
 * The benchmark's map for `Som` (the wasm class): side × side on `data` (dim columns), sigma =
 * side / 2 and α = 0.5, both held constant (the most work per step: no row of the map is ever
 * beyond the gaussian's reach), gaussian, rectangular, initialised from samples of the data, rows
 * drawn in random order. Shared by the bench page and bench/node-steps.mjs.
 */
export function benchSom(Som, side, dim, data) {
  const som = new Som({
    rows: side, cols: side, data: 'rgb', scaling: 'none', seed: 7,
    sigma: side / 2, sigmaEnd: side / 2, learningRate: 0.5, learningRateEnd: 0.5,
    decay: 'asymptotic', steps: 1_000_000, init: 'samples', order: 'random',
  });
  som.setData(data, dim);
  som.reset(); // re-initialise from samples of this data (same seed, same weights)
  return som;
}
