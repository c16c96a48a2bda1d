// The lesson's state, inside the Worker: one Som from the core, the traced step being shown phase
// by phase, the error samples, the tug-of-war rows and the Play loop. The page never touches the
// core; it sends commands (the public methods below) and draws the snapshots this class posts.
// Everything here drives the core; nothing here computes a distance, a kernel or an update.

import { Player } from './player.js';

/** The five phases of one online step, in the order the lesson reveals them. */
export const PHASES = ['row', 'distances', 'bmu', 'neighborhood', 'update'];
const UPDATE = PHASES.length - 1;
/** At most this many rows take part in the tug of war (one colour each). */
export const MAX_TUG_ROWS = 6;
/** Error samples for the chart: every this many ms while playing, unless one costs too much. */
const SAMPLE_EVERY_MS = 250;
const SLOW_SAMPLE_MS = 40;
/** The error chart keeps at most this many samples (the oldest half goes when it is full). */
const MAX_SAMPLES = 2000;

/** A traced step as a plain object of typed arrays (each getter copies once; then it is freed). */
function traced(trace) {
  const { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before, after } = trace;
  trace.free();
  return { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before, after };
}

export class Lesson {
  /**
   * @param wasm the wasm-bindgen exports (Som, CsvLoader, …)
   * @param post (snapshot, transfer) => void, sends a snapshot to the page
   */
  constructor(wasm, post) {
    this.wasm = wasm;
    this.post = post;
    this.som = null;
    this.trace = null;
    this.phase = -1;
    this.history = [];
    this.tugRows = [];
    this.tugTraces = [];
    this.pullLog = [];
    this.derivedMode = null;
    this.loader = null;
    this.phasesPerSecond = 0; // slow Play's rate; fast Play is the Player's
    this.pastHorizon = false;
    this.spare = []; // weight buffers the page has handed back, to be refilled
    // Revisions: what changed since the last snapshot, so the page redraws only that.
    this.rev = { data: 0, map: 0, trace: 0, history: 0, tug: 0 };
    this.sent = {};
    this.player = new Player({
      advance: (steps) => this.train({ steps }),
      horizonLeft: () => this.horizonLeft(),
      measure: () => this.sample(),
      measureMs: () => this.sampleMs,
      frame: () => this.send(),
      stopped: () => {
        this.stopped = 'horizon';
        this.sample();
        this.send();
      },
    }, { every: SAMPLE_EVERY_MS, slowest: SLOW_SAMPLE_MS });
  }

  // ---- building a map ------------------------------------------------------------------------

  /**
   * A new map from options (throws the core's error and keeps the old map if they are bad).
   * Without `options.data` (or with 'custom') the new map keeps the current data.
   */
  build({ options }) {
    const keep = this.som && (!options.data || options.data === 'custom');
    const clean = { ...options };
    if (keep) delete clean.data;
    const som = keep ? this.som.withOptions(clean) : new this.wasm.Som(options);
    this.som?.free();
    this.som = som;
    this.dataChanged();
  }

  /** Everything that depends on the data or the map's shape is stale. */
  dataChanged() {
    this.rev.data += 1;
    this.horizon = this.som.options().steps;
    this.rows = this.som.data(); // the scaled rows, for the tug rows' BMUs
    this.tugRows = this.tugRows.filter((r) => r < this.som.dataRows());
    this.restart();
  }

  /** The map changed under the trace (rebuilt, reset, new data): drop the step and the samples. */
  restart() {
    this.pause();
    this.pastHorizon = false;
    this.trace = null;
    this.phase = -1;
    this.tugTraces = [];
    this.pullLog = [];
    this.history = [];
    this.touch('map', 'trace', 'history', 'tug');
    this.sample();
  }

  reset() {
    this.som.reset();
    this.restart();
  }

  /** New data (or new scaling) means a new map: fresh weights, t = 0, nothing half-trained kept. */
  newData() {
    this.som.reset();
    this.dataChanged();
  }

  setScaling({ name }) {
    this.som.setScaling(name);
    this.newData();
  }

  useBuiltin({ name, rows }) {
    this.som.useBuiltin(name, rows);
    this.newData();
  }

  /** Reads a whole CSV (a link's data); throws, naming the line, and keeps the data. */
  loadCsv({ text }) {
    this.som.loadCsv(text);
    this.newData();
  }

  // ---- a CSV file in chunks --------------------------------------------------------------------

  csvStart({ bytes }) {
    this.loader?.free();
    this.loader = null;
    this.loader = new this.wasm.CsvLoader(bytes);
  }

  csvPush({ text }) {
    this.loader.push(text);
    return { bytes: this.loader.bytes(), records: this.loader.records() };
  }

  csvInfo() {
    return this.loader.info();
  }

  /** Makes the chosen columns the data (all or nothing). */
  csvAdopt({ columns, label, scaling }) {
    this.som.adoptCsv(this.loader, Uint32Array.from(columns), label, scaling);
    this.csvCancel();
    this.newData();
  }

  csvCancel() {
    this.loader?.free();
    this.loader = null;
  }

  // ---- stepping --------------------------------------------------------------------------------

  /** Shows the next phase; after the last one, the next call takes a new traced step. */
  stepPhase({ row } = {}) {
    this.tugTraces = [];
    if (!this.trace || this.phase === UPDATE) {
      this.trace = traced(this.som.stepTrace(row));
      this.phase = 0;
    } else {
      this.phase += 1;
    }
    this.touch('trace', 'tug');
    if (this.phase === UPDATE) {
      this.touch('map');
      this.sample();
    }
  }

  /** Finishes the step being shown, or takes a whole new one, ending on its update phase. */
  stepRow() {
    this.tugTraces = [];
    if (!this.trace || this.phase === UPDATE) this.trace = traced(this.som.stepTrace());
    this.phase = UPDATE;
    this.touch('map', 'trace', 'tug');
    this.sample();
  }

  /** Many untraced steps at once. */
  train({ steps }) {
    if (this.trace || this.tugTraces.length) this.touch('trace');
    this.tugTraces = [];
    this.trace = null;
    this.phase = -1;
    if (steps > 0) this.som.train(steps);
    this.touch('map', 'tug');
  }

  epoch() {
    this.train({ steps: this.som.dataRows() });
    this.sample();
  }

  /** Records quantization and topographic error at the current t, for the chart. */
  sample() {
    const t = this.som.t();
    if (this.history.length && this.history[this.history.length - 1].t === t) return;
    const started = performance.now();
    this.history.push({ t, qe: this.som.quantizationError(), te: this.som.topographicError() });
    this.sampleMs = performance.now() - started;
    if (this.history.length > MAX_SAMPLES) this.history.splice(0, this.history.length - MAX_SAMPLES / 2);
    this.touch('history');
  }

  /**
   * Replays a link's steps from a new map: untraced steps up to each pull, the pull's rows in
   * turn, then steps up to t; with `phase`, the last step is shown phase by phase up to it.
   */
  replay({ t, pulls, phase }) {
    const last = phase ? t - 1 : t;
    for (const pull of pulls) {
      this.som.train(pull.t - this.som.t());
      for (const row of pull.rows) this.som.stepTrace(row).free();
    }
    this.som.train(last - this.som.t());
    this.pullLog = pulls.map((p) => ({ t: p.t, rows: [...p.rows] }));
    this.touch('map', 'tug');
    this.sample();
    if (phase) {
      this.stepPhase();
      while (PHASES[this.phase] !== phase) this.stepPhase();
    }
  }

  // ---- the tug of war --------------------------------------------------------------------------

  /** Chooses the tug-of-war rows (at most 6, valid indices, no repeats). */
  setTug({ rows }) {
    const n = this.som.dataRows();
    this.tugRows = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < n))].slice(0, MAX_TUG_ROWS);
    this.tugTraces = [];
    this.touch('tug');
  }

  /** "Pull": each chosen row takes its traced step in turn, so both tugs can be watched. */
  pull() {
    const entry = { t: this.som.t(), rows: [...this.tugRows] };
    this.tugTraces = this.tugRows.map((row) => traced(this.som.stepTrace(row)));
    this.trace = this.tugTraces[this.tugTraces.length - 1] ?? null;
    this.phase = this.trace ? UPDATE : -1;
    if (entry.rows.length) this.pullLog = [...this.pullLog.filter((p) => p.t < entry.t), entry];
    this.touch('map', 'trace', 'tug');
    this.sample();
  }

  // ---- what the tour asks of the core --------------------------------------------------------

  /**
   * Puts the map in a tour stop's state: `steps` whole traced steps, then (optionally) an epoch,
   * `trainFor` untraced steps sampled every `sampleEvery`, a step shown up to `phase`, and the
   * two rows whose BMUs lie farthest apart as tug rows (`tug: 'farthest'`). Returns the nodes a
   * stop may select: the BMU, its strongest pulled neighbour, the node the tug rows pull most
   * evenly.
   */
  prepare({ steps = 0, epoch = false, trainFor = 0, sampleEvery = 100, phase = null, row = null, tug = null }) {
    for (let k = 0; k < steps; k++) this.stepRow();
    if (epoch) this.epoch();
    for (let done = 0; done < trainFor; done += sampleEvery) {
      this.train({ steps: Math.min(sampleEvery, trainFor - done) });
      this.sample();
    }
    if (phase) {
      this.stepPhase({ row: row === 'far' ? this.farRow() : undefined });
      while (PHASES[this.phase] !== phase) this.stepPhase();
    }
    this.setTug({ rows: tug === 'farthest' ? this.farthestPair() : [] });
    return { bmu: this.trace?.bmu ?? 0, neighbour: this.neighbour(), middle: this.middle() };
  }

  /** The node with the largest h below the BMU's: pulled, but less than the BMU. */
  neighbour() {
    if (!this.trace) return 0;
    const h = this.trace.h;
    let best = this.trace.bmu;
    for (let i = 0; i < h.length; i++) if (i !== this.trace.bmu && (best === this.trace.bmu || h[i] > h[best])) best = i;
    return best;
  }

  /**
   * The row (among the first 500) farthest from its BMU, by the core's distances: on a new map,
   * the row farthest from the cloud of ghosts, so the step's distances and drag are easy to see.
   */
  farRow() {
    const data = this.rows;
    const dim = this.som.dim();
    const n = Math.min(this.som.dataRows(), 500);
    let best = 0;
    let far = -1;
    for (let r = 0; r < n; r++) {
      const d = Math.min(...this.som.distances(data.subarray(r * dim, (r + 1) * dim)));
      if (d > far) [far, best] = [d, r];
    }
    return best;
  }

  /** Two rows (among the first 500) whose BMUs lie farthest apart on the grid. */
  farthestPair() {
    const bmus = this.som.bmus();
    const n = Math.min(bmus.length, 500);
    let pair = [0, Math.min(1, n - 1)];
    let best = -1;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const d = this.som.gridDistance(bmus[a], bmus[b]);
        if (d > best) [best, pair] = [d, [a, b]];
      }
    }
    return pair;
  }

  /** The node pulled most evenly by the first two tug rows: the one in the middle of the tug. */
  middle() {
    if (this.tugRows.length < 2) return 0;
    const pulls = this.som.pulls(Uint32Array.from(this.tugRows));
    const nodes = this.som.nodes();
    let best = 0;
    const even = (i) => Math.min(pulls[i], pulls[nodes + i]);
    for (let i = 1; i < nodes; i++) if (even(i) > even(best)) best = i;
    return best;
  }

  // ---- Play --------------------------------------------------------------------------------------

  /**
   * Plays at `speed`: { phasesPerSecond } steps phase by phase on a clock; { stepsPerFrame }
   * trains continuously (the Player), at most that many steps per drawn frame. Stops at the
   * schedule's horizon unless `past` is set.
   */
  play({ speed, past = false }) {
    this.pastHorizon = past || this.pastHorizon;
    clearTimeout(this.phaseTimer);
    this.phasesPerSecond = speed.phasesPerSecond ?? 0;
    if (this.phasesPerSecond) {
      this.player.stop();
      this.phaseTick();
    } else {
      this.player.start(speed.stepsPerFrame);
    }
  }

  get playing() {
    return this.player.playing || this.phasesPerSecond > 0;
  }

  pause() {
    if (!this.playing) return;
    this.player.stop();
    this.phasesPerSecond = 0;
    clearTimeout(this.phaseTimer);
    if (this.som) this.sample();
  }

  /** Slow Play: one phase, then the next after 1 / phasesPerSecond seconds. */
  phaseTick() {
    if (this.atHorizon()) {
      this.pause();
      this.stopped = 'horizon';
      this.send();
      return;
    }
    this.stepPhase();
    this.send();
    this.phaseTimer = setTimeout(() => this.phaseTick(), 1000 / this.phasesPerSecond);
  }

  /** The page drew the last Play frame; `buffer` is its weights array, free to be refilled. */
  frameDone({ buffer }) {
    if (buffer && buffer.byteLength) this.spare.push(buffer);
    this.player.frameDone();
  }

  /** Steps left to the schedule's horizon, or null once the student chose to go past it. */
  horizonLeft() {
    return this.pastHorizon ? null : Math.max(0, this.horizon - this.som.t());
  }

  atHorizon() {
    return this.horizonLeft() === 0;
  }

  // ---- what the page can ask for -----------------------------------------------------------------

  /** The colouring the map view shows ('umatrix', 'hits', 'labels' or null): sent with each snapshot. */
  want({ mode }) {
    if (mode === this.derivedMode) return;
    this.derivedMode = mode;
    this.touch('map');
  }

  /** A copy of the weights. */
  weights() {
    return this.som.weights();
  }

  /** Whether replaying a link's state on a new map gives these weights bit for bit. */
  reproduces({ options, keepData, state }) {
    let other;
    try {
      other = keepData ? this.som.withOptions(options) : new this.wasm.Som(options);
      const scratch = new Lesson(this.wasm, () => {});
      scratch.som = other;
      scratch.pullLog = [];
      scratch.history = [];
      scratch.replay(state);
      const a = other.weights();
      const b = this.som.weights();
      return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
    } catch {
      return false;
    } finally {
      other?.free();
    }
  }

  /** The core's option table (`optionSchema()`): the parameter form and the attribute names come from it. */
  schema() {
    return this.wasm.optionSchema();
  }

  /** The first rows of each built-in data set, for the data panel's thumbnails. */
  thumbnails({ rows }) {
    return this.wasm.builtinDataSets().map((name) => {
      const som = new this.wasm.Som({ data: name, dataRows: rows, rows: 2, cols: 2 });
      try {
        return { name, values: som.data(), dim: som.dim(), labels: som.labelIndices() };
      } finally {
        som.free();
      }
    });
  }

  // ---- snapshots -------------------------------------------------------------------------------

  touch(...kinds) {
    for (const kind of kinds) this.rev[kind] += 1;
  }

  /** Posts what changed since the last snapshot; the weights' buffer is transferred. */
  send(reply) {
    const snap = this.snapshot();
    const transfer = snap.weights ? [snap.weights.buffer] : [];
    this.post({ ...reply, snap }, transfer);
  }

  snapshot() {
    const som = this.som;
    const changed = (kind) => this.sent[kind] !== this.rev[kind];
    const snap = {
      rev: { ...this.rev },
      t: som.t(),
      learningRate: som.learningRate(),
      sigma: som.sigma(),
      phase: this.phase,
      playing: Boolean(this.playing),
      stopped: this.stopped ?? null,
      pastHorizon: this.pastHorizon,
    };
    this.stopped = null;
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
      snap.weights = this.weightsCopy();
      snap.derived = this.derived();
    }
    if (changed('trace')) {
      snap.trace = this.trace;
      snap.tugTraces = this.tugTraces;
    }
    if (changed('history')) snap.history = this.history.slice();
    if (changed('tug') || changed('map') || changed('data')) {
      snap.tugRows = [...this.tugRows];
      snap.tugPulls = this.tugRows.length ? som.pulls(Uint32Array.from(this.tugRows)) : new Float32Array(0);
      const dim = som.dim();
      snap.tugBmus = this.tugRows.map((r) => som.bmu(this.rows.subarray(r * dim, (r + 1) * dim)));
      snap.pullLog = this.pullLog.map((p) => ({ ...p, rows: [...p.rows] }));
    }
    Object.assign(this.sent, this.rev);
    return snap;
  }

  /** The weights copied into a buffer the page handed back, or a new one. */
  weightsCopy() {
    const n = this.som.nodes() * this.som.dim();
    let buffer = this.spare.pop();
    while (buffer && buffer.byteLength !== n * 4) buffer = this.spare.pop();
    const out = buffer ? new Float32Array(buffer) : new Float32Array(n);
    out.set(new Float32Array(this.wasm.wasmMemory().buffer, this.som.weightsPtr(), n));
    return out;
  }

  /** The map colouring the page asked for, when it reads every row (U-matrix, hits, labels). */
  derived() {
    const mode = this.derivedMode;
    if (mode === 'umatrix') return { mode, values: this.som.uMatrix() };
    if (mode === 'hits') return { mode, values: this.som.hits() };
    if (mode === 'labels') return { mode, values: this.som.majorityLabels() };
    return null;
  }
}
