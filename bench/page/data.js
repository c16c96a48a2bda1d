// The benchmark's data, the same bytes for all three implementations: `rows` rows of `dim`
// values in [0, 1) from a seeded linear congruential generator (the one of
// /work/shared/peers/mlsom_bench.js), rounded to f32 so that the f32 core, ml-som (f64) and
// MiniSom (f64) all start from identical numbers. Shared by the page and the Node runner.

/** A seeded LCG in [0, 1): the randomizer handed to ml-som too. */
export function lcg(seed = 7) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Float32Array of rows × dim values in [0, 1). */
export function benchData(rows, dim, seed = 7) {
  const rnd = lcg(seed);
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < out.length; i++) out[i] = rnd();
  return out;
}
