// One lesson's state on the page: the newest snapshot from its Engine (the map lives in a Worker),
// the selected node, and the views that draw it. The app sends commands and draws; it computes
// no distance, kernel, schedule or update. One App per <som-playground> element.
import { PHASES, MAX_TUG_ROWS } from './engine/lesson.js';
import { onAxes } from './engine/traces.js';
import { FrameLoop } from './frame-loop.js';

export { PHASES, MAX_TUG_ROWS };

export class App {
  /**
   * @param root the element's shadow root: every part of the lesson is looked up inside it
   * @param engine the lesson's Engine
   * @param emit (name, detail) => void, dispatches an event on the element
   */
  constructor(root, engine, emit = () => {}) {
    this.frames = new FrameLoop(() => this.renderNow(), () => {
      this.engine.frameDone(this.spare);
      this.spare = null;
    });
    this.root = root;
    this.engine = engine;
    this.emit = emit;
    this.views = [];
    this.selected = 0;      // selected node, shown in every view and the inspector
    this.hovered = null;    // node under the pointer: previewed, not selected
    this.tugRows = [];
    this.tugPulls = new Float32Array(0);
    this.tugBmus = [];
    this.tugTraces = [];    // after "Pull": { row, bmu, moves } per row
    this.pullLog = [];
    this.history = [];
    this.trace = null;
    this.phase = -1;
    this.t = 0;
    this.playing = false;
    this.epochProgress = null; // { done, of } while an Epoch plays in slices
    this.idle = [];         // resolvers waiting for Play or an Epoch to stop
    this.watched = { axes: undefined, columns: undefined, key: null }; // what the engine sends (watch())
    this.mapVersion = 0;
    this.budget = Infinity; // the tallest a view's canvas may be (px): the stage's share, on one screen
    this.stacked = false;   // whether the views are stacked (a narrow lesson) rather than side by side
    // Where the data came from, for links: a built-in set, a CSV path beside the page, a small
    // CSV packed into the link, or a local file that cannot travel in a link.
    this.dataSource = { kind: 'builtin' };
  }

  // ---- snapshots -------------------------------------------------------------------------------

  /** Takes in a snapshot from the engine (only the parts that changed are in it). */
  apply(snap, { frame = false, error = null } = {}) {
    if (!snap) {
      this.showError(`The lesson stopped: ${error?.message ?? 'unknown error'}. Reload the page to start again.`);
      return;
    }
    const before = this.t;
    const old = this.shownWeights;
    if (snap.weights && old) this.spare = (old.all ?? old.onColumns).buffer;
    for (const [key, value] of Object.entries(snap)) {
      if (key === 'rev' || key === 'stopped' || (key === 'playing' && this.pausing)) continue;
      this[key === 'weights' ? 'shownWeights' : key] = value;
    }
    if (snap.shape) {
      this.mapVersion += 1;
      this.selected = Math.min(this.selected, snap.shape.nodes - 1);
      this.dataRows = snap.shape.dataRows;
    }
    this.rev = snap.rev;
    if (!this.playing) for (const resolve of this.idle.splice(0)) resolve();
    if (snap.epochProgress) this.showStatus(`Epoch: ${snap.epochProgress.done.toLocaleString('en')} of ${snap.epochProgress.of.toLocaleString('en')} rows (Pause stops it).`);
    if (snap.stopped === 'epoch') this.showStatus(`Epoch done: t = ${snap.t.toLocaleString('en')}.`);
    if (snap.stopped === 'horizon') this.showStatus(`Play stopped at t = ${snap.t.toLocaleString('en')}, the end of the schedule (steps = ${this.options.steps.toLocaleString('en')}): α and σ have reached their final values. Press Play to go on past it.`);
    if (this.t !== before) this.emit('step', { t: this.t });
    this.render(frame);
  }

  /** Runs a command; the snapshot it brings is applied before the promise resolves. */
  call(cmd, args) {
    return this.engine.call(cmd, args);
  }

  /** Runs a command, showing its error (if any) instead of throwing; resolves to its value. */
  async act(cmd, args) {
    try {
      return await this.engine.call(cmd, args);
    } catch (error) {
      this.showError(error.message);
      return undefined;
    }
  }

  // ---- what the views and controls ask for --------------------------------------------------------

  /** A new map (rejects with the core's error and keeps the old map if the options are bad). */
  build(options) {
    return this.call('build', { options });
  }

  stepPhase() { return this.act('stepPhase'); }
  stepRow() { return this.act('stepRow'); }
  /** One Epoch, played in slices by the engine; resolves when it has ended (or was paused). */
  async epoch() {
    await this.act('epoch');
    if (this.playing) await new Promise((resolve) => this.idle.push(resolve));
  }
  reset() { return this.act('reset'); }
  setTug(rows) { return this.act('setTug', { rows }); }
  pullChosen() { return this.act('pull'); }

  /** Adds a row to the tug of war, or removes it if it is already there. */
  toggleTugRow(row) {
    const rows = this.tugRows.includes(row) ? this.tugRows.filter((r) => r !== row) : [...this.tugRows, row];
    return this.setTug(rows.slice(0, MAX_TUG_ROWS));
  }

  /** Plays at `speed` ({ phasesPerSecond } or { stepsPerFrame }); `past` goes on past the horizon. */
  play(speed, past = false) {
    this.playing = true;
    this.render();
    return this.act('play', { speed, past });
  }

  /** Pauses; until the engine confirms, frames already on their way do not turn Play back on. */
  pause() {
    this.playing = false;
    this.pausing = true;
    return this.act('pause').finally(() => { this.pausing = false; });
  }

  /** Which derived colouring the map shows ('umatrix', 'hits', 'labels' or null). */
  want(mode) {
    return this.act('want', { mode });
  }

  /** Name of the phase being shown, or null between steps. */
  get phaseName() {
    return this.phase < 0 ? null : PHASES[this.phase];
  }

  /**
   * Node `i`'s weights as drawn (dim values; while a traced step is shown before its update, the
   * weights before it: the core has already moved the map), or null: of a large map the engine
   * sends only the watched nodes' (the shown and the selected one, see watch()).
   */
  nodeWeights(i) {
    const { all, nodes } = this.shownWeights;
    const { dim } = this.shape;
    if (all) return all.subarray(i * dim, (i + 1) * dim);
    return nodes.find((n) => n.index === i)?.values ?? null;
  }

  /**
   * Every node's weights as drawn on columns `cols` (nodes × cols.length, node-major), or null
   * until the engine has sent those columns (of a large map, only the watched ones).
   */
  onColumns(cols) {
    const { all, columns, onColumns } = this.shownWeights;
    const { dim } = this.shape;
    if (all) return cols.length === dim && cols.every((c, k) => c === k) ? all : onAxes(all, dim, cols);
    const at = cols.map((c) => columns.indexOf(c));
    if (at.includes(-1)) return null;
    return at.every((a, k) => a === k) && at.length === columns.length ? onColumns : onAxes(onColumns, columns.length, at);
  }

  /** Node `i`'s weights before the traced step shown, or null until the engine has sent them. */
  nodeBefore(i) {
    const { trace } = this;
    if (!trace) return null;
    if (this.phase < PHASES.length - 1) return this.nodeWeights(i);
    return trace.node?.index === i ? trace.node.before : null;
  }

  /**
   * Tells the engine what the views draw: the inspector's node (hovered or selected), the
   * selected node (the layer diagram's), the input view's `axes` and the map colouring's
   * `columns` (each kept from the last call when left out). Of a traced step the engine sends
   * the shown node's weights before it and every node's on the axes; of a large map's weights,
   * the two nodes' and every node's on the axes and columns.
   */
  watch({ axes = this.watched.axes, columns = this.watched.columns } = {}) {
    const key = `${this.shown}|${this.selected}|${axes}|${columns}`;
    if (key === this.watched.key) return;
    this.watched = { axes, columns, key };
    this.act('watch', { node: this.shown, selected: this.selected, axes, columns });
  }

  /** Every weight, node-major, asked of the engine (an export: snapshots may carry only some). */
  allWeights() {
    return this.call('weights');
  }

  /**
   * The room the views have: `budget`, the tallest a view's canvas may be (px), and whether they
   * are `stacked`; redraws when either changed.
   */
  setRoom(budget, stacked) {
    if (budget === this.budget && stacked === this.stacked) return;
    this.budget = budget;
    this.stacked = stacked;
    this.render();
  }

  /** Says where the data came from (for links): builtin, a path beside the page, inline, or a local file. */
  setDataSource(source) {
    this.dataSource = source;
    this.render();
  }

  /** Selects `node` as a new state would (a tour stop, a link): the hover preview dropped, the views redrawn. */
  selectAfresh(node) {
    this.hovered = null;
    this.selected = node;
    this.watch();
    this.render();
  }

  /** Selects a node in every view (a click or a tap; hovering only previews). */
  select(node) {
    if (node === this.selected || node == null) return;
    this.selected = node;
    this.watch();
    this.render();
  }

  /** The node the inspector shows: the hovered one while the pointer is over a node. */
  get shown() {
    return this.hovered ?? this.selected;
  }

  hover(node) {
    if (node === this.hovered) return;
    this.hovered = node;
    this.watch();
    this.render();
  }

  // ---- messages --------------------------------------------------------------------------------

  /** Shows a message in the lesson's live status line. */
  showStatus(text) {
    const el = this.root.getElementById('status');
    if (el) el.textContent = text;
  }

  /** Shows an error (as text, never HTML); nothing else changes. */
  showError(text) {
    const el = this.root.getElementById('error');
    if (!el) return;
    // A backstop: a message quoting something huge (a link's value, a file's cell) stays readable.
    el.textContent = text.length > 600 ? `${text.slice(0, 600)}…` : text;
    el.hidden = !text;
  }

  // ---- drawing ---------------------------------------------------------------------------------

  /** Adds a view: any object with render(app); it is drawn after every change. */
  addView(view) {
    this.views.push(view);
    if (this.shownWeights) view.render(this);
  }

  /** Redraws on the next animation frame, once however many changes came before it. */
  render(frame = false) {
    this.frames.request(frame);
  }

  renderNow() {
    if (!this.shownWeights) return;
    for (const view of this.views) view.render(this);
  }
}
