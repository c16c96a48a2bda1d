// Traced steps in the Worker, and what of them goes to the page. A traced step at the limits
// (200×200 nodes × 1,000 columns) holds 160 MB of weights before the step and as much after it,
// but the views draw far less: each node's distance, h and pull, the weights of the node the
// inspector shows, and every node's weights on the input view's two or three axes. So the
// Worker keeps the weights before the step (the page draws them as the map until the update
// phase) and sends the page only those parts, for the node and axes the page watches
// (`Lesson.watch`). The weights after the step are the map's own: never copied here.

/**
 * The core's trace as a plain record (each getter copies once; then the wasm object is freed).
 * `after` is never read: after the step it is the map's weights.
 */
export function traced(trace) {
  const { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before } = trace;
  trace.free();
  return { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before };
}

/** Node `i`'s `dim` values of a node-major weight array. */
export function nodeWeights(weights, dim, i) {
  return weights.slice(i * dim, (i + 1) * dim);
}

/** Every node's values on columns `axes` of a node-major weight array: nodes × axes.length. */
export function onAxes(weights, dim, axes) {
  const k = axes.length;
  const nodes = weights.length / dim;
  const out = new Float32Array(nodes * k);
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

/** Throws unless `node` is a node index and `axes` are 1 to 3 column indices. */
export function checkWatched({ node, axes }, nodes, dim) {
  if (!Number.isInteger(node) || node < 0 || node >= nodes) throw new Error(`node must be a node index, an integer from 0 to ${nodes - 1}, got ${node}`);
  if (!Array.isArray(axes) || axes.length < 1 || axes.length > 3 || !axes.every((a) => Number.isInteger(a) && a >= 0 && a < dim)) {
    throw new Error(`axes must be 1 to 3 column indices, integers from 0 to ${dim - 1}, got ${JSON.stringify(axes)}`);
  }
}
