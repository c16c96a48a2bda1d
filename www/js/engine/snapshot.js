// What a Lesson posts to the page: its snapshot, with what changed since the last one (by revision
// numbers) so the page redraws only that, the weights in a buffer the page handed back
// (transferred, not copied); and the data sets' thumbnails.

import { PHASES } from './phases.js';
import { forPage } from './traces.js';

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
  if (changed('map') || changed('data')) {
    snap.weights = weightsCopy(lesson);
    snap.derived = derived(lesson);
  }
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
 * The weights the lesson shows, copied into a buffer the page handed back (or a new one): the
 * map's, or while a traced step is shown before its update, the weights before it.
 */
function weightsCopy(lesson) {
  const shown = lesson.trace && lesson.phase < PHASES.length - 1 ? lesson.trace.before : lesson.mapWeights();
  let buffer = lesson.spare.pop();
  while (buffer && buffer.byteLength !== shown.length * 4) buffer = lesson.spare.pop();
  const out = buffer ? new Float32Array(buffer) : new Float32Array(shown.length);
  out.set(shown);
  return out;
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
