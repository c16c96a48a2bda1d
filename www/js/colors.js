// Colour scales for drawing. These map numbers the core computed to colours; they compute no SOM math.

// Viridis, sampled at 9 stops (perceptually uniform and colour-blind safe).
const VIRIDIS = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** [r, g, b] for v in [0, 1] on the viridis scale (clamped). */
export function viridis(v) {
  const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  return VIRIDIS[i].map((c, k) => Math.round(c + (VIRIDIS[i + 1][k] - c) * f));
}

/** A 0–255 channel from a weight expected in [0, 1]. */
export function channel(v) {
  return Math.round(255 * Math.min(1, Math.max(0, v)));
}

export function rgb([r, g, b]) {
  return `rgb(${r},${g},${b})`;
}

/** Colour-blind-safe categorical palette (Okabe–Ito), blue and green first as in the lecture. */
export const CATEGORICAL = ['#0072B2', '#009E73', '#E69F00', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];

/** Labels start at the third palette colour, so they never look like the blue and green of the tug of war. */
export const LABEL_OFFSET = 2;
export const LABEL_COLOUR_NAMES = ['blue', 'green', 'orange', 'pink', 'vermilion', 'sky blue', 'yellow', 'black'];

/** The colour of label class `c` (points in input space, nodes in the label map). */
export function labelColour(c) {
  return CATEGORICAL[(c + LABEL_OFFSET) % CATEGORICAL.length];
}

/** Minimum and maximum of an array, ignoring non-finite values. */
export function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** [r, g, b] of a '#rrggbb' colour. */
export function hexToRgb(hex) {
  return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
}

/**
 * Tug-of-war colours. `pulls` is the core's K × nodes pull matrix. A node's hue mixes the K rows'
 * colours (CATEGORICAL, in order) in proportion to their pulls on it; its intensity is its total
 * pull relative to the most-pulled node: white for no pull, the full mix for the strongest.
 */
export function mixPulls(pulls, k, nodes) {
  const colours = CATEGORICAL.slice(0, k).map(hexToRgb);
  const totals = new Float64Array(nodes);
  for (let r = 0; r < k; r++) for (let i = 0; i < nodes; i++) totals[i] += Math.max(0, pulls[r * nodes + i]);
  const strongest = Math.max(...totals) || 1;
  const out = [];
  for (let i = 0; i < nodes; i++) {
    const mix = [0, 0, 0];
    for (let r = 0; r < k; r++) {
      const share = totals[i] > 0 ? Math.max(0, pulls[r * nodes + i]) / totals[i] : 0;
      for (let c = 0; c < 3; c++) mix[c] += share * colours[r][c];
    }
    const intensity = totals[i] / strongest;
    out.push(mix.map((v) => Math.round(255 + (v - 255) * intensity)));
  }
  return out;
}
