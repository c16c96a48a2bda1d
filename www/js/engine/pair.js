// A pitfall pair, inside the Worker: the two maps of one of the core's pairs (`pitfalls()`), built
// by `Som.forPitfall(id, side)` on the same data with the same seed, and trained in lock step: at
// every step the good side takes the next row of its own row order (the core's) and the pitfall
// side takes that same row. The page sends commands (the public methods below) and draws the
// snapshots; every number in them comes from the core.
//
//   snapshot: { t, playing, stopped, measured, good: side, pitfall: side }
//   side:     { t, row, mode: 'rgb' | 'umatrix', colours, qe, te, metric }
//
// `colours` are the weights (3 columns: red, green, blue) or the U-matrix (any other number of
// columns), sent with every snapshot; qe, te and the pair's metric (`pitfallMetric`) are measured
// after each Step and Reset, and about every 250 ms while playing (`measured` is the t they were
// taken at).
//
// A warning's fix (`fix`) rebuilds the pitfall side from the core's own options with the fix's
// field set, and both sides start again from t = 0 in lock step; `restore` undoes every fix.

import { Player } from './player.js';

/** Metrics while playing: about every this many ms (unless one measurement costs too much). */
const MEASURE_EVERY_MS = 250;
/** Play shows at most this many lock steps per drawn frame unless told otherwise (about 1,200 steps a second). */
const STEPS_PER_FRAME = 20;
/** The most lock steps per drawn frame Play accepts. */
const MAX_STEPS_PER_FRAME = 10_000;

const SIDES = ['good', 'pitfall'];

export class Pair {
  /**
   * @param wasm the wasm-bindgen exports (Som, pitfalls, …)
   * @param post (message, transfer) => void, sends a message to the page
   */
  constructor(wasm, post) {
    this.wasm = wasm;
    this.post = post;
    this.id = null;
    this.good = null;
    this.pitfall = null;
    this.rows = { good: null, pitfall: null }; // the row each side took last
    this.fixes = []; // the warnings' fixes applied to the pitfall side, { field, value } each
    this.numbers = null;
    this.pastHorizon = false;
    this.player = new Player({
      advance: (steps) => { for (let k = 0; k < steps; k++) this.lockStep(); },
      horizonLeft: () => this.horizonLeft(),
      measure: () => this.measure(),
      measureMs: () => this.measureMs,
      frame: () => this.send(),
      stopped: () => {
        this.stopped = 'horizon';
        this.measure();
        this.send();
      },
    }, { every: MEASURE_EVERY_MS, costFactor: 20 });
  }

  /** The worker's check for "a map is built" (worker.js asks `lesson.som`). */
  get som() {
    return this.good;
  }

  // ---- building ----------------------------------------------------------------------------------

  /**
   * Builds both maps of pair `pair` as the core sets them up (throws the core's error, which
   * names the allowed ids, and keeps the old pair). Returns the pair as `pitfalls()` describes it,
   * with each side's complete options (`som.options()`: defaults filled in), grid (rows, cols,
   * dim, node positions) and the core's warnings for its settings (`som.warnings()`), and the
   * fixes applied to the pitfall side (none here).
   */
  build({ pair }) {
    return this.open(String(pair), []);
  }

  /**
   * Applies the fix of the pitfall side's warning `code` (the core's `{ field, value }`) on top of
   * the fixes so far; both sides start again from t = 0. Returns what `build` returns.
   */
  fix({ code }) {
    const warnings = this.pitfall.warnings();
    const warning = warnings.find((w) => w.code === code);
    if (!warning) {
      const codes = warnings.map((w) => w.code).join(', ') || 'none';
      throw new Error(`the pitfall side has no warning '${code}' to fix (its warnings: ${codes})`);
    }
    return this.open(this.id, [...this.fixes, warning.fix]);
  }

  /** Undoes every fix: the pair as the core sets it up, from t = 0. Returns what `build` returns. */
  restore() {
    return this.open(this.id, []);
  }

  /** Reset: both maps rebuilt (same data, same seed, the same fixes: the same start), t = 0. */
  reset() {
    return this.open(this.id, this.fixes);
  }

  /** Builds pair `id` with `fixes` applied to its pitfall side; the old maps stay if that throws. */
  open(id, fixes) {
    const good = this.wasm.Som.forPitfall(id, 'good');
    let pitfall;
    try {
      pitfall = this.pitfallSide(id, fixes);
    } catch (error) {
      good.free();
      throw error;
    }
    this.pause();
    this.good?.free();
    this.pitfall?.free();
    [this.id, this.good, this.pitfall, this.fixes] = [id, good, pitfall, fixes];
    this.spec = this.wasm.pitfalls().find((p) => p.id === this.id);
    this.restart();
    const side = (som) => ({ options: som.options(), rows: som.rows(), cols: som.cols(), dim: som.dim(), positions: som.positions(), warnings: som.warnings() });
    return { spec: this.spec, good: side(good), pitfall: side(pitfall), fixes };
  }

  /** The pitfall side of pair `id` as the core builds it, then a new map on its data for each fix. */
  pitfallSide(id, fixes) {
    let som = this.wasm.Som.forPitfall(id, 'pitfall');
    for (const { field, value } of fixes) {
      const options = { ...som.options(), [field]: value };
      delete options.dim; // taken from the data
      let fixed;
      try {
        fixed = som.withOptions(options); // keeps this map's data (the stretched Iris too)
      } finally {
        som.free();
      }
      som = fixed;
    }
    return som;
  }

  restart() {
    this.player.stop();
    this.pastHorizon = false;
    this.rows = { good: null, pitfall: null };
    this.measure();
  }

  // ---- stepping ----------------------------------------------------------------------------------

  /** One lock step: the good side's next row (the core's order), then the same row on the pitfall side. */
  lockStep() {
    const report = this.good.step();
    const row = report.row;
    report.free();
    this.pitfall.stepTrace(row).free();
    this.rows = { good: row, pitfall: row };
  }

  /** Step: pauses Play, then one lock step; resolves to the row both took. */
  step() {
    this.pause();
    this.lockStep();
    this.measure();
    return this.rows.good;
  }

  /** Both sides' numbers, measured now (the page's `el.metrics()`). */
  metrics() {
    this.measure();
    return this.numbers;
  }

  /** Takes both sides' quantization error, topographic error and the pair's metric. */
  measure() {
    const started = performance.now();
    const numbers = { t: this.good.t(), metric: this.spec.metric };
    for (const name of SIDES) {
      const som = this[name];
      numbers[name] = {
        t: som.t(),
        row: this.rows[name],
        qe: som.quantizationError(),
        te: som.topographicError(),
        metric: som.pitfallMetric(this.id),
      };
    }
    this.numbers = numbers;
    this.measureMs = performance.now() - started;
  }

  // ---- Play --------------------------------------------------------------------------------------

  /**
   * Plays: lock steps in slices (the Player), at most `stepsPerFrame` (1 to 10,000) per drawn
   * frame, posting the newest snapshot once the page has drawn the last one (`frameDone`). While
   * playing, a new `stepsPerFrame` applies at once. Stops at the pair's horizon (`steps`, where the
   * schedules end); Play there goes on past it.
   */
  play({ stepsPerFrame = STEPS_PER_FRAME } = {}) {
    if (!Number.isInteger(stepsPerFrame) || stepsPerFrame < 1 || stepsPerFrame > MAX_STEPS_PER_FRAME) {
      throw new Error(`stepsPerFrame must be a whole number from 1 to ${MAX_STEPS_PER_FRAME.toLocaleString('en')}, got ${stepsPerFrame}`);
    }
    if (this.atHorizon()) this.pastHorizon = true;
    this.player.start(stepsPerFrame);
  }

  get playing() {
    return this.player.playing;
  }

  pause() {
    if (!this.playing) return;
    this.player.stop();
    this.measure();
  }

  /** The page drew the last frame. */
  frameDone() {
    this.player.frameDone();
  }

  horizonLeft() {
    return this.pastHorizon ? null : Math.max(0, this.spec.steps - this.good.t());
  }

  atHorizon() {
    return this.horizonLeft() === 0;
  }

  // ---- snapshots ---------------------------------------------------------------------------------

  /** Posts a snapshot (with a command's reply, or alone: a Play frame, which waits for frameDone). */
  send(reply) {
    const snap = this.snapshot();
    const transfer = SIDES.map((name) => snap[name].colours.buffer);
    this.post({ ...reply, snap }, transfer);
  }

  snapshot() {
    const snap = {
      pair: this.id,
      t: this.good.t(),
      playing: this.playing,
      stopped: this.stopped ?? null,
      pastHorizon: this.pastHorizon,
      horizon: this.spec.steps,
      measured: this.numbers.t,
      metric: this.spec.metric,
    };
    this.stopped = null;
    for (const name of SIDES) {
      const som = this[name];
      const rgb = som.dim() === 3;
      snap[name] = {
        ...this.numbers[name],
        t: som.t(),
        row: this.rows[name],
        mode: rgb ? 'rgb' : 'umatrix',
        colours: rgb ? som.weights() : som.uMatrix(),
      };
    }
    return snap;
  }
}
