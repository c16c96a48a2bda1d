// What the tour and a link ask of a Lesson beyond the student's buttons: a tour stop's state
// (`prepareStop`) and a link's steps replayed (`replay`). Each drives the Lesson's own commands
// and asks the core; nothing here computes a distance, a kernel or an update.

import { PHASES } from './phases.js';

/**
 * Puts the map in a tour stop's state: `steps` whole traced steps, then (optionally) an epoch,
 * `trainFor` untraced steps sampled every `sampleEvery`, a step shown up to `phase`, and the
 * two rows whose BMUs lie farthest apart as tug rows (`tug: 'farthest'`). Returns the nodes a
 * stop may select: the BMU, its strongest pulled neighbour, the node the tug rows pull most
 * evenly.
 */
export function prepareStop(lesson, { steps = 0, epoch = false, trainFor = 0, sampleEvery = 100, phase = null, row = null, tug = null }) {
  for (let k = 0; k < steps; k++) lesson.stepRow();
  if (epoch) {
    lesson.train({ steps: lesson.som.dataRows() });
    lesson.sample();
  }
  for (let done = 0; done < trainFor; done += sampleEvery) {
    lesson.train({ steps: Math.min(sampleEvery, trainFor - done) });
    lesson.sample();
  }
  if (phase) showPhase(lesson, phase, row === 'far' ? farRow(lesson.som, lesson.rows) : undefined);
  lesson.setTug({ rows: tug === 'farthest' ? farthestPair(lesson.som) : [] });
  return { bmu: lesson.trace?.bmu ?? 0, neighbour: neighbour(lesson.trace), middle: middle(lesson.som, lesson.tugRows) };
}

/**
 * Replays a link's steps on a new map: untraced steps up to each pull, the pull's rows in turn,
 * then steps up to t; with `phase`, the last step is shown phase by phase up to it.
 */
export function replay(lesson, { t, pulls, phase }) {
  const som = lesson.som;
  const last = phase ? t - 1 : t;
  for (const pull of pulls) {
    som.train(pull.t - som.t());
    for (const row of pull.rows) som.stepTrace(row).free();
  }
  som.train(last - som.t());
  lesson.pullLog = pulls.map((p) => ({ t: p.t, rows: [...p.rows] }));
  lesson.touch('map', 'tug');
  lesson.sample();
  if (phase) showPhase(lesson, phase);
}

/** A new traced step (on `row`, or the next one) shown up to phase `name`. */
function showPhase(lesson, name, row) {
  lesson.stepPhase({ row });
  while (PHASES[lesson.phase] !== name) lesson.stepPhase();
}

/** The node with the largest h below the BMU's: pulled, but less than the BMU. */
function neighbour(trace) {
  if (!trace) return 0;
  const { h, bmu } = trace;
  let best = bmu;
  for (let i = 0; i < h.length; i++) if (i !== bmu && (best === bmu || h[i] > h[best])) best = i;
  return best;
}

/**
 * The row (among the first 500) farthest from its BMU, by the core's distances: on a new map,
 * the row farthest from the cloud of ghosts, so the step's distances and drag are easy to see.
 */
function farRow(som, data) {
  const dim = som.dim();
  const n = Math.min(som.dataRows(), 500);
  let best = 0;
  let far = -1;
  for (let r = 0; r < n; r++) {
    const d = Math.min(...som.distances(data.subarray(r * dim, (r + 1) * dim)));
    if (d > far) [far, best] = [d, r];
  }
  return best;
}

/** Two rows (among the first 500) whose BMUs lie farthest apart on the grid. */
function farthestPair(som) {
  const bmus = som.bmus();
  const n = Math.min(bmus.length, 500);
  let pair = [0, Math.min(1, n - 1)];
  let best = -1;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = som.gridDistance(bmus[a], bmus[b]);
      if (d > best) [best, pair] = [d, [a, b]];
    }
  }
  return pair;
}

/** The node pulled most evenly by the first two tug rows: the one in the middle of the tug. */
function middle(som, tugRows) {
  if (tugRows.length < 2) return 0;
  const pulls = som.pulls(Uint32Array.from(tugRows));
  const nodes = som.nodes();
  let best = 0;
  const even = (i) => Math.min(pulls[i], pulls[nodes + i]);
  for (let i = 1; i < nodes; i++) if (even(i) > even(best)) best = i;
  return best;
}
