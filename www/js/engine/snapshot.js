// What a Lesson posts to the page: its snapshot, with what changed since the last one (by revision
// numbers) so the page redraws only that; and the data sets' thumbnails. Of the weights, a
// snapshot carries only what the views draw: all of them while they are few (up to
// ALL_WEIGHTS_UP_TO), else every node's on the columns the views show (the map colouring's, the
// input view's axes) and every column of the inspector's and the selected node (`Lesson.watch`),
// 0.46 MiB a frame instead of 160 MB at 200×200 nodes × 1,000 columns. An export asks for all of
// them (`Lesson.weights`). The largest array goes in a buffer the page handed back (transferred).

import { PHASES } from './phases.js';
import { forPage, WeightsView } from './traces.js';

/** Up to this many weights (nodes × columns: 64×64×16) a snapshot carries all of them. */
export const ALL_WEIGHTS_UP_TO = 65_536;

/** The snapshot of `lesson` to post now; marks everything in it as sent. */
export function snapshot(lesson) {
  const som = lesson.som;
  const changed = (kind) => lesson.sent[kind] !== lesson.rev[kind];
  const snap = {
    rev: { ...lesson.rev },
    t: som.t(),
    learningRate: som.learningRate(),
    sigma: som.sigma(),
    phase: lesson.phase,
    playing: Boolean(lesson.playing),
    epochProgress: lesson.epochRun && { done: lesson.epochRun.of - lesson.epochRun.left, of: lesson.epochRun.of },
    stopped: lesson.stopped ?? null,
    pastHorizon: lesson.pastHorizon,
  };
  lesson.stopped = null;
  if (changed('data')) {
    snap.options = som.options();
    snap.shape = { rows: som.rows(), cols: som.cols(), nodes: som.nodes(), dim: som.dim(), dataRows: som.dataRows() };
    snap.positions = som.positions();
    snap.edges = som.edges();
    snap.data = som.data();
    snap.rawData = som.rawData();
    snap.columns = som.columns();
    snap.labelClasses = som.labelClasses();
    snap.labels = som.labelIndices();
    snap.scheduleCurve = som.scheduleCurve(200);
    snap.warnings = som.warnings();
  }
  if (changed('map') || changed('data') || changed('view')) snap.weights = weightsShown(lesson);
  if (changed('map') || changed('data')) snap.derived = derived(lesson);
  if (changed('trace')) {
    snap.trace = lesson.trace && forPage(lesson.trace, lesson.watchedFor());
    snap.tugTraces = lesson.tugTraces;
  }
  if (changed('history')) snap.history = lesson.history.slice();
  if (changed('tug') || changed('map') || changed('data')) {
    snap.tugRows = [...lesson.tugRows];
    snap.tugPulls = lesson.tugRows.length ? som.pulls(Uint32Array.from(lesson.tugRows)) : new Float32Array(0);
    const dim = som.dim();
    snap.tugBmus = lesson.tugRows.map((r) => som.bmu(lesson.rows.subarray(r * dim, (r + 1) * dim)));
    snap.pullLog = lesson.pullLog.map((p) => ({ ...p, rows: [...p.rows] }));
  }
  Object.assign(lesson.sent, lesson.rev);
  return snap;
}

/**
 * What of the weights the views draw: the map's, or while a traced step is shown before its
 * update, the weights before it. `all`: every weight (node-major), or null above
 * ALL_WEIGHTS_UP_TO; then `onColumns`, every node's on `columns` (nodes × columns.length), and
 * `nodes`, the watched nodes' every weight ([{ index, values }]).
 */
function weightsShown(lesson) {
  const dim = lesson.som.dim();
  const shown = lesson.trace && lesson.phase < PHASES.length - 1 ? new WeightsView(lesson.trace.before, dim) : lesson.mapWeights();
  if (shown.values.length <= ALL_WEIGHTS_UP_TO) {
    return { all: shown.all(refill(lesson, shown.values.length)), columns: null, onColumns: null, nodes: [] };
  }
  const { node, selected, axes, columns: colouring } = lesson.watching;
  const columns = [...new Set([...colouring, ...axes])].sort((a, b) => a - b);
  const onColumns = shown.onAxes(columns, refill(lesson, shown.nodes * columns.length));
  const nodes = [...new Set([node, selected])].map((index) => ({ index, values: shown.node(index) }));
  return { all: null, columns, onColumns, nodes };
}

/** A Float32Array of `length` in a buffer the page handed back, or a new one. */
function refill(lesson, length) {
  let buffer = lesson.spare.pop();
  while (buffer && buffer.byteLength !== length * 4) buffer = lesson.spare.pop();
  return buffer ? new Float32Array(buffer) : new Float32Array(length);
}

/** The buffers of `snap` to transfer rather than copy: its largest weights array. */
export function transferable(snap) {
  const big = snap.weights && (snap.weights.all ?? snap.weights.onColumns);
  return big ? [big.buffer] : [];
}

/** The map colouring the page asked for, when it reads every row (U-matrix, hits, labels). */
function derived(lesson) {
  const mode = lesson.derivedMode;
  if (mode === 'umatrix') return { mode, values: lesson.som.uMatrix() };
  if (mode === 'hits') return { mode, values: lesson.som.hits() };
  if (mode === 'labels') return { mode, values: lesson.som.majorityLabels() };
  return null;
}

/** The first `rows` rows of each built-in data set, for the data panel's thumbnails. */
export function thumbnails(wasm, rows) {
  return wasm.builtinDataSets().map((name) => {
    const som = new wasm.Som({ data: name, dataRows: rows, rows: 2, cols: 2 });
    try {
      return { name, values: som.data(), dim: som.dim(), labels: som.labelIndices() };
    } finally {
      som.free();
    }
  });
}
