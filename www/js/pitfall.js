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
// this file only maps values to colours and text. Each warning of the pitfall side has a Fix
// button (the core's fix, applied to that side; both start again) and a fixed pair a "Restore the
// pitfall" button (pitfall-controls.js). Public API: `ready`, `t`, `speed`, `step()`, `play()`,
// `pause()`, `reset()`, `fix(code)`, `restore()`, `metrics()` (docs/embedding.md, "Pitfall pairs").
import { Engine } from './engine/engine.js';
import { FrameLoop } from './frame-loop.js';
import { attachLesson } from './markup.js';
import { layoutMap, drawMap, showLegend } from './pitfall-map.js';
import { fmt } from './format.js';
import { describe, showWarnings, mountSpeed, SPEEDS, DEFAULT_SPEED } from './pitfall-controls.js';

const STYLE_URL = new URL('./pitfall.css', import.meta.url).href;
const SIDES = ['good', 'pitfall'];

/** What each metric is called under a map and under the pair. */
const METRIC_NAMES = {
  quantizationError: 'quantization error',
  topographicError: 'topographic error',
  meanUMatrix: 'mean U-matrix',
  emptyNodes: 'share of nodes that win no row',
};
const MARKUP = `
<article class="pair" aria-labelledby="title">
  <h2 id="title" class="title">Pitfall pair</h2>
  <p id="sentence" class="sentence"></p>
  <div class="controls" role="group" aria-label="Train both maps in lock step">
    <button id="btn-step" type="button" disabled>Step</button>
    <button id="btn-play" type="button" aria-pressed="false" disabled>Play</button>
    <button id="btn-reset" type="button" disabled>Reset</button>
    <label class="speed">Speed <select id="speed"></select></label>
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
      <figcaption><strong><span id="pitfall-name">the pitfall</span>: <span id="setting-pitfall"></span></strong></figcaption>
      <canvas id="map-pitfall" role="img" aria-label="The map with the pitfall"></canvas>
      <p id="legend-pitfall" class="legend"></p>
      <dl id="numbers-pitfall" class="numbers"></dl>
      <div id="warnings-pitfall" class="warnings" data-testid="warnings-pitfall"></div>
    </figure>
  </div>
  <p id="verdict" class="verdict" data-testid="verdict"></p>
  <p id="note" class="note" role="alert" hidden></p>
</article>`;

const steps = (t) => `${t.toLocaleString('en')} step${t === 1 ? '' : 's'}`;

export class SomPitfall extends HTMLElement {
  static get observedAttributes() {
    return ['pair'];
  }

  constructor() {
    super();
    this.frames = new FrameLoop(() => this.renderNow(), () => this.engine.frameDone());
    let resolve;
    /** A promise: resolves once the pair is built and drawn, or its note is shown (never rejects). */
    this.ready = new Promise((r) => { resolve = r; });
    this.resolveReady = resolve;
    this.snap = null;
    this.failed = null;
    this.fixed = false; // whether the pitfall side has a warning's fix applied
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    attachLesson(this, STYLE_URL, MARKUP);
    mountSpeed(this.$('speed'), () => this.snap?.playing && this.act('play'));
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
    this.shadowRoot.querySelector('.sides').hidden = false;
    this.shadowRoot.querySelector('.controls').hidden = false;
    for (const id of ['btn-step', 'btn-play', 'btn-reset']) this.$(id).disabled = false;
    this.show(info);
    this.dataset.ready = 'true';
  }

  /** Shows a built pair (`build`, `fix` or `restore` in the Worker): its text, settings, warnings and maps. */
  show(info) {
    this.spec = info.spec;
    this.$('title').textContent = info.spec.title;
    this.$('sentence').textContent = info.spec.sentence;
    this.$('setting-good').textContent = describe(info.good.options, info.pitfall.options);
    this.fixed = info.fixes.length > 0;
    this.$('pitfall-name').textContent = this.fixed ? 'the pitfall, fixed' : 'the pitfall';
    this.$('setting-pitfall').textContent = describe(info.pitfall.options, info.good.options)
      || 'now set up as the map set up well';
    // What the parameter panel would say of the pitfall's settings, as the core words it, with its fix.
    showWarnings(this.$('warnings-pitfall'), { warnings: info.pitfall.warnings, fixes: info.fixes }, {
      onFix: (code) => this.act('fix', { code }),
      onRestore: () => this.act('restore'),
    });
    this.grids = {};
    for (const side of SIDES) this.grids[side] = layoutMap(this.$(`map-${side}`), info[side], side === 'good' ? 'The map set up well' : 'The map with the pitfall');
    this.numberRows();
    this.renderNow();
    this.dataset.pair = info.spec.id;
  }

  /** The rows of numbers under each map: QE, TE and the pair's metric (once, if it is one of them). */
  numberRows() {
    const { metric, onScaledData } = this.spec;
    const own = !onScaledData && (metric === 'quantizationError' || metric === 'topographicError');
    // On a pair measured on the scaled data, QE and TE are each map's own (in its data's units).
    const where = onScaledData ? ', on its own data' : '';
    this.rowsShown = [
      { key: 't', label: 't (steps taken)' },
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

  /** Runs `cmd` in the Worker (Play at the speed chosen); a rebuilt pair (`fix`, `restore`) is shown. */
  async call(cmd, args) {
    if (this.failed) throw this.failed;
    if (!this.engine) throw new Error('the pair has not started yet: await el.ready first');
    const value = await this.engine.call(cmd, cmd === 'play' ? { stepsPerFrame: this.speed } : args);
    if (cmd === 'fix' || cmd === 'restore') this.show(value);
    return value;
  }

  /** A button's command; its error (if any) shows in the note. */
  async act(cmd, args) {
    try {
      this.showNote('');
      await this.call(cmd, args);
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
    this.frames.request(frame);
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
      : snap.t === snap.horizon ? "(the schedules' end)" : `(past the schedules' end at ${snap.horizon.toLocaleString('en')})`;
    this.$('clock').textContent = `t = ${snap.t.toLocaleString('en')} ${where}${rows}`;
    this.$('verdict').textContent = this.verdict(snap);
  }

  /** The difference in numbers, at the t the metrics were taken. */
  verdict(snap) {
    const name = this.metricName();
    const [g, p] = [snap.good.metric, snap.pitfall.metric];
    const pitfall = this.fixed ? 'the pitfall, fixed' : 'the pitfall';
    const numbers = `${name} ${fmt(g)} (set up well) vs ${fmt(p)} (${pitfall})`;
    if (snap.measured === 0) return `Before training: ${numbers}. Press Play and watch them ${this.fixed ? 'learn' : 'part'}.`;
    let apart = p > g ? 'higher with the pitfall, as the sentence says' : 'not apart yet';
    if (this.fixed) apart = p > g ? 'still higher on the fixed side' : p < g ? 'lower on the fixed side' : 'the same: fixed, the maps agree';
    return `After ${steps(snap.measured)}: ${numbers}; ${apart}.`;
  }

  drawSide(side, s) {
    const figure = this.$(`side-${side}`);
    figure.dataset.t = String(s.t);
    figure.dataset.row = s.row == null ? '' : String(s.row);
    drawMap(this.$(`map-${side}`), this.grids[side], s);
    showLegend(this.$(`legend-${side}`), s);
    for (const dd of this.$(`numbers-${side}`).querySelectorAll('dd')) {
      dd.textContent = dd.dataset.key === 't' ? s.t.toLocaleString('en') : fmt(s[dd.dataset.key]);
    }
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

  /** Play's speed, lock steps per drawn frame, as the Speed menu shows it (one of its values). */
  get speed() {
    return Number(this.shadowRoot?.getElementById('speed').value ?? DEFAULT_SPEED);
  }

  set speed(stepsPerFrame) {
    const allowed = SPEEDS.map(([n]) => n);
    if (!allowed.includes(stepsPerFrame)) throw new RangeError(`speed must be one of ${allowed.join(', ')} (steps per frame), got ${stepsPerFrame}`);
    this.$('speed').value = String(stepsPerFrame);
    if (this.snap?.playing) this.call('play').catch((error) => this.showNote(error.message));
  }

  /** Plays both maps in lock step at `speed`. */
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

  /** Applies the fix of the pitfall side's warning `code` (as `som.warnings()` names it); both start again. */
  async fix(code) {
    await this.ready;
    await this.call('fix', { code });
  }

  /** Undoes every fix: the pair as the core sets it up, from t = 0. */
  async restore() {
    await this.ready;
    await this.call('restore');
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
