// The page's state: one Som from the core, the current phase of the step being shown, the
// selected node, and a list of views to redraw. The app drives the core; it computes nothing.

/** The five phases of one online step, in the order the lesson reveals them. */
export const PHASES = ['row', 'distances', 'bmu', 'neighborhood', 'update'];

/**
 * A traced step as a plain object. Each getter of the core's Trace copies its array out of wasm
 * memory, so the views, which read them many times a frame, read this one copy instead.
 */
function traced(trace) {
  const { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before, after } = trace;
  trace.free();
  return { t, row, x, distances, bmu, learningRate, sigma, h, pulls, before, after };
}

/** At most this many rows take part in the tug of war (one colour each). */
export const MAX_TUG_ROWS = 6;

export class App {
  /** @param wasm the wasm-bindgen exports (window.wasmBindings) */
  constructor(wasm, options) {
    this.wasm = wasm;
    this.views = [];
    this.selected = 0;      // selected node, shown in every view and the inspector
    this.history = [];      // [{ t, qe, te }] samples for the error chart
    this.tugRows = [];      // data rows chosen for the tug of war
    // Where the data came from, for links: a built-in set, a CSV path beside the page, a small
    // CSV packed into the link, or a local file that cannot travel in a link.
    this.dataSource = { kind: 'builtin' };
    this.build(options);
  }

  /**
   * A new map from options (throws the core's error and keeps the old map if they are bad).
   * Without `options.data` (or with 'custom') the new map keeps the current data.
   */
  build(options) {
    const keepData = this.som && (!options.data || options.data === 'custom');
    const som = keepData ? this.som.withOptions(options) : new this.wasm.Som(options);
    if (this.som) this.som.free();
    this.som = som;
    this.selected = Math.min(this.selected, som.nodes() - 1);
    this.dataChanged();
  }

  /** Re-reads everything that changes only with the map's shape or the data. */
  dataChanged() {
    const som = this.som;
    this.trace = null;
    this.phase = -1;
    this.options = som.options();
    this.shape = { rows: som.rows(), cols: som.cols(), nodes: som.nodes(), dim: som.dim() };
    this.positions = som.positions();
    this.edges = som.edges();
    this.data = som.data();
    this.rawData = som.rawData();
    this.columns = som.columns();
    this.labelClasses = som.labelClasses();
    this.labels = som.labelIndices();
    this.history = [];
    this.mapVersion = (this.mapVersion ?? 0) + 1;
    this.tugRows = this.tugRows.filter((r) => r < som.dataRows());
    this.tugTraces = [];
    this.sample();
    this.render();
  }

  /** Records quantization and topographic error at the current t, for the chart. */
  sample() {
    const t = this.som.t();
    if (this.history.length && this.history[this.history.length - 1].t === t) return;
    const started = performance.now();
    this.history.push({ t, qe: this.som.quantizationError(), te: this.som.topographicError() });
    // What one sample costs (it reads every row): Play skips samples that would stall a frame.
    this.sampleMs = performance.now() - started;
    if (this.history.length > 2000) this.history.splice(0, this.history.length - 1000);
  }

  /** Name of the phase being shown, or null between steps. */
  get phaseName() {
    return this.phase < 0 ? null : PHASES[this.phase];
  }

  /**
   * The weights to draw. While a traced step is shown before its update phase, the core has
   * already moved the map, so the views draw the trace's copy of the weights before the step.
   */
  displayedWeights() {
    if (this.trace && this.phase < PHASES.indexOf('update')) return this.trace.before;
    return this.weights();
  }

  /** The core's weights through a zero-copy view, rebuilt on every call (memory may move). */
  weights() {
    const { nodes, dim } = this.shape;
    return new Float32Array(this.wasm.wasmMemory().buffer, this.som.weightsPtr(), nodes * dim);
  }

  /** Shows the next phase; after the last one, the next call takes a new traced step. */
  stepPhase() {
    this.tugTraces = [];
    if (!this.trace || this.phase === PHASES.length - 1) {
      this.trace = traced(this.som.stepTrace());
      this.phase = 0;
    } else {
      this.phase += 1;
    }
    if (this.phase === PHASES.length - 1) this.sample();
    this.render();
  }

  /** Finishes the step being shown, or takes a whole new one, ending on its update phase. */
  stepRow() {
    this.tugTraces = [];
    if (!this.trace || this.phase === PHASES.length - 1) this.trace = traced(this.som.stepTrace());
    this.phase = PHASES.length - 1;
    this.sample();
    this.render();
  }

  /** Many untraced steps at once (fast play). */
  train(steps) {
    this.tugTraces = [];
    this.trace = null;
    this.phase = -1;
    if (steps > 0) this.som.train(steps);
  }

  epoch() {
    this.train(this.som.dataRows());
    this.sample();
    this.render();
  }

  reset() {
    this.som.reset();
    this.mapVersion += 1;
    this.tugTraces = [];
    this.trace = null;
    this.phase = -1;
    this.history = [];
    this.sample();
    this.render();
  }

  // ---- the tug of war ------------------------------------------------------------------------

  /** Chooses the tug-of-war rows (at most 6, valid indices, no repeats). */
  setTug(rows) {
    const n = this.som.dataRows();
    this.tugRows = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 0 && r < n))].slice(0, MAX_TUG_ROWS);
    this.tugTraces = [];
    this.render();
  }

  /** Adds a row to the tug of war, or removes it if it is already there. */
  toggleTugRow(row) {
    const rows = this.tugRows.includes(row) ? this.tugRows.filter((r) => r !== row) : [...this.tugRows, row];
    this.setTug(rows);
  }

  /**
   * The chosen rows' pulls on every node, K × nodes row-major, from the core (α(t)·h(c_k, i; σ(t))),
   * recomputed only when the map or the rows changed.
   */
  tugPulls() {
    const key = `${this.som.t()}|${this.tugRows.join(',')}|${this.mapVersion}`;
    if (this.tugKey !== key) {
      this.tugKey = key;
      this.tugMatrix = this.tugRows.length ? this.som.pulls(Uint32Array.from(this.tugRows)) : new Float32Array(0);
      const dim = this.shape.dim;
      this.tugBmuList = this.tugRows.map((r) => this.som.bmu(this.data.subarray(r * dim, (r + 1) * dim)));
    }
    return this.tugMatrix;
  }

  /** The BMU of each tug-of-war row, from the core. */
  tugBmus() {
    this.tugPulls();
    return this.tugBmuList;
  }

  /** "Pull": each chosen row takes its traced step in turn, so both tugs can be watched. */
  pullChosen() {
    this.trace = null;
    this.phase = -1;
    this.tugTraces = this.tugRows.map((row) => traced(this.som.stepTrace(row)));
    this.trace = this.tugTraces[this.tugTraces.length - 1] ?? null;
    this.phase = this.trace ? PHASES.length - 1 : -1;
    this.sample();
    this.render();
  }

  /** Shows a message in the page's live status line. */
  showStatus(text) {
    document.getElementById('status').textContent = text;
  }

  /** Shows an error (as text, never HTML); nothing else changes. */
  showError(text) {
    const el = document.getElementById('error');
    el.textContent = text;
    el.hidden = !text;
  }

  select(node) {
    if (node === this.selected || node == null) return;
    this.selected = node;
    this.render();
  }

  /** Adds a view: any object with render(app); it is drawn at once and after every change. */
  addView(view) {
    this.views.push(view);
    view.render(this);
  }

  /** Redraws on the next animation frame, once however many changes came before it. */
  render() {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.renderNow();
    });
  }

  renderNow() {
    for (const view of this.views) view.render(this);
  }
}
