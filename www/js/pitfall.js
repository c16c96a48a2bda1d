// <som-pitfall pair="ID">: one of the core's pitfall pairs (`pitfalls()`) as a custom element: two
// maps on the same data with the same seed, one set up well and one with a single pitfall,
// trained in lock step (both take the same row at every step) by Step, Play and Reset, with each
// map's quantization error, topographic error and the pair's metric under it and the difference
// stated in numbers under the pair.
//
//   <script type="module" src="som/som-playground.js"></script>
//   <som-pitfall pair="sigmaTooSmall"></som-pitfall>
//
// Its own shadow root (pitfall.css, linked by URL beside this module) and its own Engine, whose
// Worker runs a Pair (engine/pair.js) instead of a Lesson. Every number shown comes from the core;
// this file only maps values to colours and text. Public API: `ready`, `t`, `step()`, `play()`,
// `pause()`, `reset()`, `metrics()` (docs/embedding.md, "Pitfall pairs").
import { Engine } from './engine/engine.js';
import { attachLesson } from './markup.js';
import { viridis, channel, extent, rgb } from './colors.js';
import { fmt } from './format.js';

const STYLE_URL = new URL('./pitfall.css', import.meta.url).href;
/** A map's canvas is drawn at about this many pixels across (CSS scales it to fit). */
const CANVAS_PX = 300;
const SIDES = ['good', 'pitfall'];

/** What each metric is called under a map and under the pair. */
const METRIC_NAMES = {
  quantizationError: 'quantization error',
  topographicError: 'topographic error',
  meanUMatrix: 'mean U-matrix',
  emptyNodes: 'share of nodes that win no row',
};
/** How the options that tell the two sides apart are named in their labels. */
const OPTION_NAMES = {
  sigma: 'σ', sigmaEnd: 'σ at the end', sigmaDecay: 'σ schedule',
  learningRate: 'α', learningRateEnd: 'α at the end', learningRateDecay: 'α schedule',
  neighborhood: 'neighbourhood', scaling: 'scaling', topology: 'topology', toroidal: 'wrap-around',
  init: 'start', order: 'row order', steps: 'steps', seed: 'seed',
};
const VALUE_NAMES = { mexicanHat: 'mexican hat', minMax: 'min–max', zScore: 'z-score', none: 'none (raw data)' };

const MARKUP = `
<article class="pair" aria-labelledby="title">
  <h2 id="title" class="title">Pitfall pair</h2>
  <p id="sentence" class="sentence"></p>
  <div class="controls" role="group" aria-label="Train both maps in lock step">
    <button id="btn-step" type="button" disabled>Step</button>
    <button id="btn-play" type="button" aria-pressed="false" disabled>Play</button>
    <button id="btn-reset" type="button" disabled>Reset</button>
    <span id="clock" class="clock" data-testid="clock"></span>
  </div>
  <div class="sides">
    <figure class="side" id="side-good" data-side="good">
      <figcaption><strong>set up well</strong> <span id="setting-good" class="setting"></span></figcaption>
      <canvas id="map-good" role="img" aria-label="The map set up well"></canvas>
      <p id="legend-good" class="legend"></p>
      <dl id="numbers-good" class="numbers"></dl>
    </figure>
    <figure class="side" id="side-pitfall" data-side="pitfall">
      <figcaption><strong>the pitfall: <span id="setting-pitfall"></span></strong></figcaption>
      <canvas id="map-pitfall" role="img" aria-label="The map with the pitfall"></canvas>
      <p id="legend-pitfall" class="legend"></p>
      <dl id="numbers-pitfall" class="numbers"></dl>
      <div id="warnings-pitfall" class="warnings" data-testid="warnings-pitfall"></div>
    </figure>
  </div>
  <p id="verdict" class="verdict" data-testid="verdict"></p>
  <p id="note" class="note" role="alert" hidden></p>
</article>`;

/** `v` for a label: numbers to 3 significant digits (the core's f32 0.30000001 is 0.3), names in words. */
function value(v) {
  if (typeof v === 'number') return Number(v.toPrecision(3)).toLocaleString('en');
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return VALUE_NAMES[v] ?? String(v);
}

/** The settings in which the two sides differ, for one side: "σ = 0.3, σ at the end = 0.3". */
function describe(options, other) {
  const differs = Object.keys(options).filter((k) => !['data', 'dataRows', 'dim'].includes(k) && options[k] !== other[k]);
  const parts = [];
  if (differs.includes('rows') || differs.includes('cols')) parts.push(`a ${options.rows} × ${options.cols} map`);
  for (const k of differs) {
    if (k === 'rows' || k === 'cols') continue;
    parts.push(`${OPTION_NAMES[k] ?? k} = ${value(options[k])}`);
  }
  return parts.join(', ');
}

const steps = (t) => `${t.toLocaleString('en')} step${t === 1 ? '' : 's'}`;

export class SomPitfall extends HTMLElement {
  static get observedAttributes() {
    return ['pair'];
  }

  constructor() {
    super();
    let resolve;
    /** A promise: resolves once the pair is built and drawn, or its note is shown (never rejects). */
    this.ready = new Promise((r) => { resolve = r; });
    this.resolveReady = resolve;
    this.snap = null;
    this.failed = null;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = attachLesson(this, STYLE_URL, MARKUP);
    // Start when first near the viewport; pause Play while off screen.
    this.visibility = new IntersectionObserver((entries) => {
      const visible = entries[entries.length - 1].isIntersecting;
      if (visible && !this.engine) this.start();
      if (!visible && this.snap?.playing) this.call('pause').catch(() => {});
    }, { rootMargin: '200px' });
    this.visibility.observe(this);
  }

  disconnectedCallback() {
    this.visibility?.disconnect();
    this.visibility = null;
    if (this.snap?.playing) this.call('pause').catch(() => {});
  }

  attributeChangedCallback(name, before, after) {
    if (name === 'pair' && this.engine && before !== after) this.load();
  }

  $(id) {
    return this.shadowRoot.getElementById(id);
  }

  async start() {
    this.engine = new Engine((snap, info) => this.apply(snap, info), { kind: 'pair' });
    this.$('btn-step').addEventListener('click', () => this.act('step'));
    this.$('btn-play').addEventListener('click', () => this.act(this.snap?.playing ? 'pause' : 'play'));
    this.$('btn-reset').addEventListener('click', () => this.act('reset'));
    await this.load();
    await new Promise(requestAnimationFrame); // the first maps are drawn
    this.resolveReady();
    this.dispatchEvent(new CustomEvent('ready', { detail: { pair: this.pair, error: this.failed?.message ?? null } }));
  }

  /** The pair's id, as the attribute says. */
  get pair() {
    return this.getAttribute('pair') ?? '';
  }

  /** Builds the attribute's pair, or shows a note naming the allowed ids (the core's message). */
  async load() {
    this.failed = null;
    this.showNote('');
    let info;
    try {
      info = await this.engine.call('build', { pair: this.pair });
    } catch (error) {
      this.failed = error;
      this.spec = null;
      this.snap = null;
      for (const id of ['btn-step', 'btn-play', 'btn-reset']) this.$(id).disabled = true;
      this.$('title').textContent = 'Pitfall pair';
      this.$('sentence').textContent = '';
      this.$('verdict').textContent = '';
      this.$('clock').textContent = '';
      this.shadowRoot.querySelector('.sides').hidden = true;
      this.shadowRoot.querySelector('.controls').hidden = true;
      const given = this.hasAttribute('pair') ? `pair="${this.pair}"` : 'no pair attribute';
      this.showNote(`This element has ${given}, so it shows no maps: ${error.message}. Write, for example, <som-pitfall pair="sigmaTooSmall"></som-pitfall>.`);
      this.dataset.ready = 'error';
      return;
    }
    this.spec = info.spec;
    this.shadowRoot.querySelector('.sides').hidden = false;
    this.shadowRoot.querySelector('.controls').hidden = false;
    for (const id of ['btn-step', 'btn-play', 'btn-reset']) this.$(id).disabled = false;
    this.$('title').textContent = info.spec.title;
    this.$('sentence').textContent = info.spec.sentence;
    this.$('setting-good').textContent = describe(info.good.options, info.pitfall.options);
    this.$('setting-pitfall').textContent = describe(info.pitfall.options, info.good.options);
    // What the parameter panel would say of the pitfall's settings, as the core words it.
    this.$('warnings-pitfall').replaceChildren(...info.pitfall.warnings.map((w) => {
      const p = document.createElement('p');
      p.className = 'warning';
      p.dataset.code = w.code;
      p.textContent = `Warning: ${w.message}`;
      return p;
    }));
    this.grids = {};
    for (const side of SIDES) this.grids[side] = this.layout(side, info[side]);
    this.numberRows();
    this.renderNow();
    this.dataset.pair = info.spec.id;
    this.dataset.ready = 'true';
  }

  /** Sizes a side's canvas to its grid and keeps the node centres for drawing. */
  layout(side, { positions, rows, cols }) {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < positions.length; i += 2) {
      x0 = Math.min(x0, positions[i]); x1 = Math.max(x1, positions[i]);
      y0 = Math.min(y0, positions[i + 1]); y1 = Math.max(y1, positions[i + 1]);
    }
    const cell = Math.max(2, Math.floor(CANVAS_PX / Math.max(x1 - x0 + 1, y1 - y0 + 1)));
    const canvas = this.$(`map-${side}`);
    canvas.width = Math.round((x1 - x0 + 1) * cell);
    canvas.height = Math.round((y1 - y0 + 1) * cell);
    const who = side === 'good' ? 'The map set up well' : 'The map with the pitfall';
    canvas.setAttribute('aria-label', `${who}: ${rows} × ${cols} nodes`);
    return { positions, x0, y0, cell, rows, cols };
  }

  /** The rows of numbers under each map: QE, TE and the pair's metric (once, if it is one of them). */
  numberRows() {
    const { metric, onScaledData } = this.spec;
    const own = !onScaledData && (metric === 'quantizationError' || metric === 'topographicError');
    // On a pair measured on the scaled data, QE and TE are each map's own (in its data's units).
    const where = onScaledData ? ', on its own data' : '';
    this.rowsShown = [
      { key: 'qe', label: `quantization error${where}`, main: own && metric === 'quantizationError' },
      { key: 'te', label: `topographic error${where}`, main: own && metric === 'topographicError' },
    ];
    if (!own) this.rowsShown.push({ key: 'metric', label: this.metricName(), main: true });
    for (const side of SIDES) {
      const dl = this.$(`numbers-${side}`);
      dl.replaceChildren();
      for (const row of this.rowsShown) {
        const wrap = document.createElement('div');
        if (row.main) wrap.className = 'main';
        const dt = document.createElement('dt');
        dt.textContent = row.label;
        const dd = document.createElement('dd');
        dd.dataset.key = row.key;
        wrap.append(dt, dd);
        dl.append(wrap);
      }
    }
  }

  metricName() {
    const name = METRIC_NAMES[this.spec.metric] ?? this.spec.metric;
    return this.spec.onScaledData ? `${name} on the scaled data` : name;
  }

  // ---- commands ----------------------------------------------------------------------------------

  call(cmd, args) {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.engine) return Promise.reject(new Error('the pair has not started yet: await el.ready first'));
    return this.engine.call(cmd, args);
  }

  /** A button's command; its error (if any) shows in the note. */
  async act(cmd) {
    try {
      await this.call(cmd);
    } catch (error) {
      this.showNote(error.message);
    }
  }

  showNote(text) {
    const note = this.$('note');
    note.textContent = text;
    note.hidden = !text;
  }

  // ---- snapshots and drawing -----------------------------------------------------------------------

  apply(snap, { frame = false, error = null } = {}) {
    if (!snap) {
      this.showNote(`The pair stopped: ${error?.message ?? 'unknown error'}. Reload the page to start again.`);
      return;
    }
    this.snap = snap;
    this.dataset.t = String(snap.t);
    this.frameDue ||= frame;
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.renderNow();
      if (this.frameDue) {
        this.frameDue = false;
        this.engine.frameDone();
      }
    });
  }

  renderNow() {
    const snap = this.snap;
    if (!snap || !this.spec || snap.pair !== this.spec.id || !this.grids) return;
    for (const side of SIDES) this.drawSide(side, snap[side]);
    const play = this.$('btn-play');
    play.textContent = snap.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(snap.playing));
    const rows = snap.good.row === snap.pitfall.row ? (snap.good.row == null ? '' : ` · both maps took row ${snap.good.row} last`)
      : ` · rows ${snap.good.row} and ${snap.pitfall.row}`;
    const where = snap.t < snap.horizon ? `of ${snap.horizon.toLocaleString('en')}`
      : snap.t === snap.horizon ? '(the end of the schedules; Play goes on past it)' : `(past the schedules' end at ${snap.horizon.toLocaleString('en')})`;
    this.$('clock').textContent = `t = ${snap.t.toLocaleString('en')} ${where}${rows}`;
    this.$('verdict').textContent = this.verdict(snap);
  }

  /** The difference in numbers, at the t the metrics were taken. */
  verdict(snap) {
    const name = this.metricName();
    const [g, p] = [snap.good.metric, snap.pitfall.metric];
    const numbers = `${name} ${fmt(g)} (set up well) vs ${fmt(p)} (the pitfall)`;
    if (snap.measured === 0) return `Before training: ${numbers}. Press Play and watch them part.`;
    const apart = p > g ? 'higher with the pitfall, as the sentence says' : 'not apart yet';
    return `After ${steps(snap.measured)}: ${numbers}; ${apart}.`;
  }

  drawSide(side, s) {
    const figure = this.$(`side-${side}`);
    figure.dataset.t = String(s.t);
    figure.dataset.row = s.row == null ? '' : String(s.row);
    const canvas = this.$(`map-${side}`);
    const ctx = canvas.getContext('2d');
    const { positions, x0, y0, cell } = this.grids[side];
    const nodes = positions.length / 2;
    const colour = this.colouring(s);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < nodes; i++) {
      ctx.fillStyle = colour(i);
      ctx.fillRect(Math.round((positions[2 * i] - x0) * cell), Math.round((positions[2 * i + 1] - y0) * cell), cell, cell);
    }
    this.legend(side, s);
    for (const dd of this.$(`numbers-${side}`).querySelectorAll('dd')) dd.textContent = fmt(s[dd.dataset.key]);
  }

  /** Node i's colour: its weights as red, green, blue, or its U-matrix value on viridis (this side's range). */
  colouring(s) {
    const c = s.colours;
    if (s.mode === 'rgb') return (i) => rgb([channel(c[3 * i]), channel(c[3 * i + 1]), channel(c[3 * i + 2])]);
    const [lo, hi] = extent(c);
    return (i) => rgb(viridis(hi > lo ? (c[i] - lo) / (hi - lo) : 0));
  }

  legend(side, s) {
    const p = this.$(`legend-${side}`);
    if (s.mode === 'rgb') {
      if (p.dataset.mode !== 'rgb') p.textContent = 'Node colour: its weights as red, green, blue, clipped to 0–1.';
    } else {
      const [lo, hi] = extent(s.colours);
      if (p.dataset.mode !== 'umatrix') {
        const ramp = document.createElement('span');
        ramp.className = 'ramp';
        ramp.setAttribute('aria-hidden', 'true');
        const text = document.createElement('span');
        p.replaceChildren('U-matrix (distance to neighbours): ', text);
        p.insertBefore(ramp, text);
      }
      p.lastChild.textContent = ` ${fmt(lo)} to ${fmt(hi)}`;
    }
    p.dataset.mode = s.mode;
  }

  // ---- the public API (docs/embedding.md) ----------------------------------------------------------

  /** Steps taken so far (both maps take the same number). */
  get t() {
    return this.snap?.t ?? 0;
  }

  /** One lock step: both maps take the same row; resolves to t after it. */
  async step() {
    await this.ready;
    await this.call('step');
    return this.t;
  }

  async play() {
    await this.ready;
    await this.call('play');
  }

  async pause() {
    await this.ready;
    await this.call('pause');
  }

  /** Both maps rebuilt from their start (same data, same seed); resolves to t (0). */
  async reset() {
    await this.ready;
    await this.call('reset');
    return this.t;
  }

  /**
   * Both sides' numbers, measured now by the core: { t, metric, good: { t, row, qe, te, metric },
   * pitfall: { … } }, `metric` naming the pair's measure (higher is worse) and `row` the row each
   * map took last (null before the first step).
   */
  async metrics() {
    await this.ready;
    return this.call('metrics');
  }
}

if (!customElements.get('som-pitfall')) customElements.define('som-pitfall', SomPitfall);
