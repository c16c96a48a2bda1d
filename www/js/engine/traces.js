// Traced steps in the Worker, and what of them goes to the page. A traced step at the limits
// (200×200 nodes × 1,000 columns) holds 160 MB of weights before the step (the core keeps no
// copy of those after it: they are the map's), but the views draw far less: each node's distance, h and pull, the weights of the node the
// inspector shows, and every node's weights on the input view's two or three axes. So the
// Worker keeps the weights before the step (the page draws them as the map until the update
// phase) and sends the page only those parts, for the node and axes the page watches
// (`Lesson.watch`). The weights after the step are the map's own: never copied here.

/**
 * The core's trace as a plain record (each getter copies once; the weights before are read
 * through their pointer into `memory`, so wasm holds no second copy; then the wasm object is freed).
 */
export function traced(trace, memory, size) {
  const { t, row, x, distances, bmu, learningRate, sigma, h, pulls } = trace;
  const before = new Float32Array(memory.buffer, trace.beforePtr, size).slice();
  trace.free();
  return { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before };
}

/** Every node's values on columns `axes` of a node-major weight array: nodes × axes.length (in `out`). */
export function onAxes(weights, dim, axes, out = new Float32Array((weights.length / dim) * axes.length)) {
  const k = axes.length;
  const nodes = weights.length / dim;
  for (let i = 0; i < nodes; i++) for (let j = 0; j < k; j++) out[i * k + j] = weights[i * dim + axes[j]];
  return out;
}

/**
 * Weights read where they lie, in either layout: node-major (node i's column k at i·dim + k, as
 * a trace's weights before a step) or, with `planar`, by column as the core trains them (column
 * k of every node together, node i's at k·nodes + i: `Som.planesPtr`), so that reading a few
 * columns of a large map touches only those columns.
 */
export class WeightsView {
  constructor(values, dim, planar = false) {
    this.values = values;
    this.dim = dim;
    this.planar = planar;
    this.nodes = values.length / dim;
  }

  /** Node `i`'s `dim` values (a copy). */
  node(i) {
    const { values, dim, nodes } = this;
    if (!this.planar) return values.slice(i * dim, (i + 1) * dim);
    return Float32Array.from({ length: dim }, (_, k) => values[k * nodes + i]);
  }

  /** Every node's values on columns `axes`: nodes × axes.length, node-major (in `out`). */
  onAxes(axes, out = new Float32Array(this.nodes * axes.length)) {
    const { values, dim, nodes } = this;
    if (!this.planar) return onAxes(values, dim, axes, out);
    const k = axes.length;
    axes.forEach((a, j) => {
      const column = values.subarray(a * nodes, (a + 1) * nodes);
      for (let i = 0; i < nodes; i++) out[i * k + j] = column[i];
    });
    return out;
  }

  /** Every weight, node-major (in `out`). */
  all(out = new Float32Array(this.values.length)) {
    if (!this.planar) out.set(this.values);
    else this.onAxes(Array.from({ length: this.dim }, (_, k) => k), out);
    return out;
  }
}

/**
 * What of a traced step goes to the page: the per-node numbers, the row, node `node`'s weights
 * before the step, and `moves`, every node's weights before and after on `axes` (`after`, a
 * WeightsView of the weights after the step, read on those axes only).
 */
export function forPage(record, { node, axes, dim, after }) {
  const { before, ...perNode } = record;
  const was = new WeightsView(before, dim);
  return {
    ...perNode,
    node: { index: node, before: was.node(node) },
    moves: { axes: [...axes], before: was.onAxes(axes), after: after.onAxes(axes) },
  };
}

/**
 * Throws unless `node` and `selected` are node indices and `axes` (the input view's) and
 * `columns` (the map colouring's) are 1 to 3 column indices each.
 */
export function checkWatched({ node, selected, axes, columns }, nodes, dim) {
  for (const [name, v] of [['node', node], ['selected', selected]]) {
    if (!Number.isInteger(v) || v < 0 || v >= nodes) throw new Error(`${name} must be a node index, an integer from 0 to ${nodes - 1}, got ${v}`);
  }
  for (const [name, v] of [['axes', axes], ['columns', columns]]) {
    if (!Array.isArray(v) || v.length < 1 || v.length > 3 || !v.every((a) => Number.isInteger(a) && a >= 0 && a < dim)) {
      throw new Error(`${name} must be 1 to 3 column indices, integers from 0 to ${dim - 1}, got ${JSON.stringify(v)}`);
    }
  }
}

/** The watched parts that still exist on a map of `nodes` × `dim` (defaults for the rest). */
export function clampWatched({ node, selected, axes, columns }, nodes, dim) {
  const keep = (cols) => {
    const kept = cols.filter((a) => a < dim);
    return kept.length ? kept : [0, 1, 2].slice(0, Math.min(3, dim));
  };
  return { node: Math.min(node, nodes - 1), selected: Math.min(selected, nodes - 1), axes: keep(axes), columns: keep(columns) };
}
