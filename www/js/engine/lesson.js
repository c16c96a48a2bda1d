// The lesson's state, inside the Worker: one Som from the core, the traced step being shown phase
// by phase, the error samples, the tug-of-war rows and the Play loop. The page never touches the
// core; it sends commands (the public methods below) and draws the snapshots this class posts.
// Everything here drives the core; nothing here computes a distance, a kernel or an update.

import { Player } from './player.js';
import { PHASES } from './phases.js';
import { traced, forPage, onAxes, checkWatched, clampWatched, WeightsView } from './traces.js';
import { prepareStop, replay } from './stop-prep.js';
import { snapshot, thumbnails, transferable, ALL_WEIGHTS_UP_TO } from './snapshot.js';

export { PHASES };
const UPDATE = PHASES.length - 1;
/** At most this many rows take part in the tug of war (one colour each). */
export const MAX_TUG_ROWS = 6;
/** Error samples for the chart: every this many ms while playing, unless one costs too much. */
const SAMPLE_EVERY_MS = 250;
const SLOW_SAMPLE_MS = 40;
/** The error chart keeps at most this many samples (the oldest half goes when it is full). */
const MAX_SAMPLES = 2000;

export class Lesson {
  /**
   * @param wasm the map module's wasm-bindgen exports (Som, …)
   * @param post (snapshot, transfer) => void, sends a snapshot to the page
   */
  constructor(wasm, post, csvModule) {
    this.wasm = wasm;
    this.post = post;
    this.csvModule = csvModule; // () => a promise of the CSV module's exports (CsvLoader, parseCsv)
    this.som = null;
    this.trace = null;
    this.phase = -1;
    this.history = [];
    this.tugRows = [];
    this.tugTraces = []; // after "Pull": { row, bmu, moves } per row, the last one also this.trace
    this.pullLog = [];
    this.watching = { node: 0, selected: 0, axes: [0], columns: [0] }; // what the views draw (traces.js, snapshot.js)
    this.epochRun = null; // { left, of } while an Epoch plays in slices
    this.derivedMode = null;
    this.loader = null;
    this.phasesPerSecond = 0; // slow Play's rate; fast Play is the Player's
    this.pastHorizon = false;
    this.spare = []; // weight buffers the page has handed back, to be refilled
    // Revisions: what changed since the last snapshot, so the page redraws only that.
    this.rev = { data: 0, map: 0, trace: 0, history: 0, tug: 0, view: 0 }; // view: what of the weights is sent
    this.sent = {};
    this.player = new Player({
      advance: (steps) => this.advance(steps),
      horizonLeft: () => this.epochRun?.left ?? this.horizonLeft(),
      measure: () => this.sample(),
      measureMs: () => this.sampleMs,
      frame: () => this.send(),
      stopped: () => {
        this.stopped = this.epochRun ? 'epoch' : 'horizon';
        this.epochRun = null;
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
    this.watching = clampWatched(this.watching, this.som.nodes(), this.som.dim());
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

  reset() { this.som.reset(); this.restart(); }

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
  async loadCsv({ text }) {
    this.som.adoptData((await this.csvModule()).parseCsv(text));
    this.newData();
  }

  // ---- a CSV file in chunks (the CSV module's CsvLoader; the map adopts what it parsed) ----------

  async csvStart({ bytes }) {
    const csv = await this.csvModule();
    this.csvCancel();
    this.loader = new csv.CsvLoader(bytes);
  }

  csvPush({ text }) {
    this.loader.push(text);
    return { bytes: this.loader.bytes(), records: this.loader.records() };
  }

  csvInfo() { return this.loader.info(); }

  /** Makes the chosen columns the data (all or nothing). */
  csvAdopt({ columns, label, scaling }) {
    this.som.adoptData(this.loader.dataset(Uint32Array.from(columns), label), scaling);
    this.csvCancel();
    this.newData();
  }

  csvCancel() {
    this.loader = this.loader?.free() ?? null;
  }

  // ---- stepping --------------------------------------------------------------------------------

  /** Shows the next phase; after the last one, the next call takes a new traced step. */
  stepPhase({ row } = {}) {
    this.tugTraces = [];
    if (!this.trace || this.phase === UPDATE) {
      this.trace = this.traceStep(row);
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

  /** One traced step of the core (on `row`, or the next), as a plain record (traces.js). */
  traceStep(row) {
    const size = this.som.nodes() * this.som.dim();
    return traced(this.som.stepTrace(row), this.wasm.wasmMemory(), size);
  }

  /** Finishes the step being shown, or takes a whole new one, ending on its update phase. */
  stepRow() {
    this.tugTraces = [];
    if (!this.trace || this.phase === UPDATE) this.trace = this.traceStep();
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

  /**
   * One pass over the data, as many steps as there are rows, played in slices like Play (so the
   * page answers clicks meanwhile and Pause stops it); each snapshot says how far it got.
   */
  epoch() {
    this.pause();
    const rows = this.som.dataRows();
    this.epochRun = { left: rows, of: rows };
    this.player.start(Number.MAX_SAFE_INTEGER);
  }

  /** Play's and Epoch's steps. */
  advance(steps) {
    this.train({ steps });
    if (this.epochRun) this.epochRun.left -= steps;
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

  /** Replays a link's steps on a new map (see stop-prep.js). */
  replay(state) {
    replay(this, state);
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
    const { axes } = this.watching;
    const dim = this.som.dim();
    this.trace = null; // ends as the last row's trace, kept whole; of the others only their moves
    this.tugTraces = this.tugRows.map((row) => {
      this.trace = this.traceStep(row);
      return { row, bmu: this.trace.bmu, moves: { axes: [...axes], before: onAxes(this.trace.before, dim, axes) } };
    });
    // Each row's weights after its step are the next row's before; the last row's, the map's.
    this.tugTraces.forEach((tug, k) => { tug.moves.after = this.tugTraces[k + 1]?.moves.before ?? this.mapWeights().onAxes(axes); });
    this.phase = this.trace ? UPDATE : -1;
    if (entry.rows.length) this.pullLog = [...this.pullLog.filter((p) => p.t < entry.t), entry];
    this.touch('map', 'trace', 'tug');
    this.sample();
  }

  /** Puts the map in a tour stop's state (see stop-prep.js). */
  prepare(stop) {
    return prepareStop(this, stop);
  }

  // ---- Play --------------------------------------------------------------------------------------

  /**
   * Plays at `speed`: { phasesPerSecond } steps phase by phase on a clock; { stepsPerFrame }
   * trains continuously (the Player), at most that many steps per drawn frame. Stops at the
   * schedule's horizon unless `past` is set.
   */
  play({ speed, past = false }) {
    this.pastHorizon = past || this.pastHorizon;
    this.epochRun = null; // Play takes over from an Epoch
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
    this.epochRun = null;
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

  /**
   * What the views draw: of a traced step, the weights before it of `node` (the inspector's)
   * and every node's on `axes` (the input view's); of a large map's weights (snapshot.js), those
   * of `node` and `selected` and every node's on `axes` and `columns` (the map colouring's).
   */
  watch({ node, selected, axes, columns }) {
    const was = this.watching;
    const w = { node: node ?? was.node, selected: selected ?? was.selected, axes: axes ?? was.axes, columns: columns ?? was.columns };
    checkWatched(w, this.som.nodes(), this.som.dim());
    const axesChanged = w.axes.join() !== was.axes.join();
    if (!axesChanged && w.node === was.node && w.selected === was.selected && w.columns.join() === was.columns.join()) return;
    this.watching = { ...w, axes: [...w.axes], columns: [...w.columns] };
    if (this.trace && (axesChanged || w.node !== was.node)) this.touch('trace');
    if (this.som.nodes() * this.som.dim() > ALL_WEIGHTS_UP_TO) this.touch('view');
    // On new axes only the last tug row's moves can be read again (the others' were on the old ones).
    if (axesChanged) this.tugTraces = this.tugTraces.slice(-1).map((tug) => ({ ...tug, moves: forPage(this.trace, this.watchedFor()).moves }));
  }

  /** A copy of every weight (an export, `el.weights()`): snapshots of large maps carry only what the views draw. */
  weights() { return this.som.weights(); }

  /** Whether replaying a link's state on a new map gives these weights bit for bit. */
  reproduces({ options, keepData, state }) {
    let other;
    try {
      other = keepData ? this.som.withOptions(options) : new this.wasm.Som(options);
      const scratch = new Lesson(this.wasm, () => {});
      scratch.som = other;
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
  schema() { return this.wasm.optionSchema(); }

  /** The first rows of each built-in data set, for the data panel's thumbnails. */
  thumbnails({ rows }) { return thumbnails(this.wasm, rows); }

  // ---- snapshots -------------------------------------------------------------------------------

  touch(...kinds) {
    for (const kind of kinds) this.rev[kind] += 1;
  }

  /** Posts what changed since the last snapshot; the weights' buffer is transferred. */
  send(reply) {
    const snap = snapshot(this);
    this.post({ ...reply, snap }, transferable(snap));
  }

  /** What `forPage` needs besides the trace: the watched node and axes, the weights after. */
  watchedFor() {
    return { ...this.watching, dim: this.som.dim(), after: this.mapWeights() };
  }

  /** The map's weights as the core keeps them, by column: a view of wasm memory, valid until the next call. */
  mapWeights() {
    const dim = this.som.dim();
    return new WeightsView(new Float32Array(this.wasm.wasmMemory().buffer, this.som.planesPtr(), this.som.nodes() * dim), dim, true);
  }
}
