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

/** Node `i`'s `dim` values of a node-major weight array. */
export function nodeWeights(weights, dim, i) {
  return weights.slice(i * dim, (i + 1) * dim);
}

/** Every node's values on columns `axes` of a node-major weight array: nodes × axes.length (in `out`). */
export function onAxes(weights, dim, axes, out = new Float32Array((weights.length / dim) * axes.length)) {
  const k = axes.length;
  const nodes = weights.length / dim;
  for (let i = 0; i < nodes; i++) for (let j = 0; j < k; j++) out[i * k + j] = weights[i * dim + axes[j]];
  return out;
}

/**
 * What of a traced step goes to the page: the per-node numbers, the row, node `node`'s weights
 * before the step, and `moves`, every node's weights before and after on `axes` (`after`, the
 * weights after the step, read on those axes only).
 */
export function forPage(record, { node, axes, dim, after }) {
  const { before, ...perNode } = record;
  return {
    ...perNode,
    node: { index: node, before: nodeWeights(before, dim, node) },
    moves: { axes: [...axes], before: onAxes(before, dim, axes), after: onAxes(after, dim, axes) },
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
