// <som-playground>: one lesson as a custom element. Each element has its own shadow root (the
// course page's CSS stays out, the lesson's stays in), its own App and its own Engine in a
// Worker; all elements on a page share one download and compile of the wasm.
//
//   <script type="module" src="som/som-playground.js"></script>
//   <som-playground rows="3" cols="3" stop="5" layout="compact"></som-playground>
//
// Attributes are the link: every key of the page's URL hash (rows, cols, every map option, data,
// csv, stop, tug, hide, …) is an attribute, read by the same parser, and changing one applies it
// like a new link (HTML lower-cases attribute names: `learningrate` is the option table's
// `learningRate`). `layout` is "full" (the workbench) or "compact" (views, tour and step
// controls, for a column of course notes). With the `hash` attribute the element reads and
// writes the page's location.hash (the standalone index.html does); otherwise it leaves the
// course page's URL alone. docs/embedding.md documents the public API below.
import { App } from './app.js';
import { Engine, ready } from './engine/engine.js';
import { mountControls } from './controls.js';
import { MapView } from './views/map-view.js';
import { InputView } from './views/input-view.js';
import { StatsView } from './views/stats-view.js';
import { Inspector } from './views/inspector.js';
import { Tour, STOPS } from './tour.js';
import { NetworkView } from './views/network-view.js';
import { Charts } from './views/charts.js';
import { DataPanel } from './views/data-panel.js';
import { Params } from './views/params.js';
import { TugView } from './views/tug-view.js';
import { ExportView } from './views/export.js';
import { Announcer } from './views/announcer.js';
import { ShareDialog } from './views/share.js';
import { MARKUP, attachLesson } from './markup.js';
import { readHash, writeHash, applyHide, hideNames, fetchCsv, unpack, dataSource, quote } from './url-state.js';
import './pitfall.js';

export { ready };

const DEFAULTS = { rows: 10, cols: 10, data: 'rgb', seed: 1 };
/** A link replays at most this many node-weight updates (t × nodes × columns): about ten seconds. */
const MAX_REPLAY_WORK = 1e10;
/** Attributes of the element itself, not link keys. */
const OWN_ATTRIBUTES = new Set(['layout', 'hash', 'id', 'class', 'style', 'title', 'lang', 'dir', 'hidden', 'tabindex', 'slot', 'part']);
const STYLE_URL = new URL('./style.css', import.meta.url).href;
const PAGE_URL = new URL('./index.html', import.meta.url).href;
const MODULE_URL = import.meta.url;

export class SomPlayground extends HTMLElement {
  constructor() {
    super();
    let resolve;
    /** A promise: resolves once the lesson has its first map (rejects never; errors show inside). */
    this.ready = new Promise((r) => { resolve = r; });
    this.resolveReady = resolve;
  }

  connectedCallback() {
    if (this.shadowRoot) return;
    const root = attachLesson(this, STYLE_URL, MARKUP);
    // Beside this module, wherever the page that embeds it lives.
    root.getElementById('pitfalls-link').href = new URL('./pitfalls.html', import.meta.url).href;
    // Start when first near the viewport; pause Play while off screen.
    this.visibility = new IntersectionObserver((entries) => {
      const visible = entries[entries.length - 1].isIntersecting;
      if (visible && !this.app) this.start();
      if (!visible && this.app?.playing) this.controls.setPlaying(false);
    }, { rootMargin: '200px' });
    this.visibility.observe(this);
  }

  disconnectedCallback() {
    this.visibility?.disconnect();
    if (this.app?.playing) this.controls.setPlaying(false);
  }

  /** Builds the App, its views and its Engine, then applies the attributes (or the hash). */
  async start() {
    const root = this.shadowRoot;
    const $ = (id) => root.getElementById(id);
    const emit = (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail }));
    const app = new App(root, new Engine((snap, info) => app.apply(snap, info)), emit);
    this.app = app;
    this.controls = mountControls(app, root, this);
    app.addView(new StatsView(root));
    this.mapView = new MapView($('map-view'), app);
    app.addView(this.mapView);
    app.addView(new InputView($('input-view'), app));
    app.addView(new TugView($('tug-view'), app));
    app.addView(new Inspector($('inspector')));
    app.addView(new NetworkView($('network-view'), app));
    app.addView(new Charts($('charts'), app));
    app.addView(new DataPanel($('data-view'), app));
    const schema = await app.call('schema');
    this.optionNames = schema.map((o) => o.name);
    app.addView(new Params($('params'), app, schema));
    app.addView(new ExportView($('export-view'), app));
    app.addView(new Announcer(root));
    // In one-screen mode a view's canvas is at most as tall as its share of the stage allows.
    const stage = root.querySelector('.stage');
    const fitViews = () => {
      const fit = 'fit' in root.querySelector('.lesson').dataset;
      // Side by side the stage has a height of its own; stacked (a phone) the views share the
      // screen with the controls above and the tour's sheet below.
      const stacked = stage.clientWidth <= 600;
      // Stacked: the room between the top of the main view (the first panel's canvas, below its
      // menus, whatever their fonts make of them) and the tour's sheet.
      const sheet = root.getElementById('tour-panel').offsetHeight;
      const main = stacked && fit && this.mainPanel?.querySelector('canvas');
      const budget = !fit ? Infinity
        : stacked ? Math.max(200, innerHeight - sheet - (main ? main.getBoundingClientRect().top + scrollY : stage.getBoundingClientRect().top + 84) - 6)
          : Math.max(160, stage.clientHeight - 120);
      app.setRoom(budget, stacked);
    };
    const sizes = new ResizeObserver(fitViews);
    sizes.observe(stage);
    sizes.observe(root.getElementById('tour-panel'));
    sizes.observe(root.querySelector('.controls')); // the stage moves when the controls wrap
    this.tour = new Tour($('tour'), app, {
      setPlaying: (on) => this.controls.setPlaying(on),
      setColour: (mode) => this.mapView.setMode(app, mode),
      changed: (index) => {
        this.spotlight();
        fitViews();
        emit('stopchange', { stop: index + 1 });
      },
    });
    $('btn-link').addEventListener('click', () => this.copyLink());
    const share = new ShareDialog(root, () => ({ hash: writeHash(app), page: this.pageUrl(), module: MODULE_URL }), STOPS.map((s) => s.title));
    $('btn-share').addEventListener('click', () => share.open(this.stop));
    this.addEventListener('pointerdown', () => app.hover(null));

    await this.openLink(this.linkText());
    await new Promise(requestAnimationFrame); // the views have drawn the first map
    new MutationObserver((changes) => {
      if (changes.some((c) => c.attributeName === 'layout')) this.spotlight();
      if (changes.some((c) => isLinkKey(c.attributeName))) this.openLink(this.linkText());
    }).observe(this, { attributes: true });
    if (this.hasAttribute('hash')) addEventListener('hashchange', () => this.openLink(location.hash));
    this.dataset.ready = 'true';
    this.resolveReady();
    emit('ready', {});
  }

  /** The link this element shows: the page's hash (with `hash`), else its attributes. */
  linkText() {
    if (this.hasAttribute('hash')) return location.hash;
    const params = new URLSearchParams();
    for (const { name, value } of this.attributes) {
      if (isLinkKey(name)) params.append(this.optionNames.find((k) => k.toLowerCase() === name) ?? name, value);
    }
    return `#${params}`;
  }

  /** Applies a link's state, or shows the defaults with a note (inside this element) when it cannot be used. */
  async openLink(hash) {
    const app = this.app;
    app.showError('');
    let state;
    try {
      state = readHash(hash);
    } catch (error) {
      state = { hide: [], error };
    }
    this.hidden_ = state.hide;
    const unknown = applyHide(this.shadowRoot, state.hide);
    try {
      if (state.error) throw state.error;
      await this.applyLink(state);
      if (unknown.length) app.showError(`This link hides ${[...new Set(unknown)].slice(0, 5).map(quote).join(', ')}, which the page does not have; it can hide ${hideNames(this.shadowRoot).join(', ')}.`);
    } catch (error) {
      app.setDataSource({ kind: 'builtin' });
      try {
        await app.build(DEFAULTS);
        await app.setTug([]);
      } catch { /* the engine itself failed: its note is already shown */ }
      if (this.tour.index >= 0) this.tour.close();
      app.showError(`This link could not be used (${error.message}), so the lesson shows the defaults instead.`);
    }
    this.spotlight();
  }

  /**
   * Puts the lesson into the state a link describes: the data and options, then the tour stop,
   * then the steps (t, the pulls, the phase shown), the tug-of-war rows and the selected node.
   */
  async applyLink(state) {
    const app = this.app;
    const base = this.hasAttribute('hash') ? location.href : document.baseURI;
    const csv = state.csv != null ? await fetchCsv(state.csv, base) : state.csvz != null ? await unpack(state.csvz) : null;
    await this.controls.setPlaying(false);
    const build = () => app.build(csv != null ? { ...state.options, data: 'custom' } : { ...DEFAULTS, ...state.options });
    if (csv != null) {
      if (!app.shape) await app.build(DEFAULTS); // the engine reads a CSV into a map's data: the first link needs a map
      await app.call('loadCsv', { text: csv }); // rejects, naming the line and column, and keeps the current data
      app.setDataSource(state.csv != null ? { kind: 'path', path: state.csv } : { kind: 'inline', packed: state.csvz });
    } else {
      app.setDataSource({ kind: 'builtin' });
    }
    await build();
    if (state.stop != null) {
      if (state.stop > STOPS.length) throw new Error(`stop must be from 1 to ${STOPS.length}, got ${state.stop}`);
      await this.tour.go(state.stop - 1);
    } else if (this.tour.index >= 0) {
      this.tour.close();
    }
    // A link made by Copy link holds t: the steps replayed from a new map (on a stop's map too).
    const full = state.t != null || state.stop == null;
    if (state.t != null) {
      if (state.stop != null) await build();
      const { rows, cols, nodes, dim } = app.shape;
      const most = Math.floor(MAX_REPLAY_WORK / (nodes * dim));
      if (state.t > most) throw new Error(`t = ${state.t.toLocaleString('en')} is too many steps to replay on a ${rows}×${cols} map with ${dim} columns: a link replays at most ${most.toLocaleString('en')} steps on it`);
      app.showStatus(`Replaying the link's ${state.t.toLocaleString('en')} steps…`);
      await app.call('replay', { t: state.t, pulls: state.pulls, phase: state.phase ?? null });
      app.showStatus('');
    }
    const badRow = state.tug.find((r) => r >= app.dataRows);
    if (badRow != null) throw new Error(`tug rows must be from 0 to ${app.dataRows - 1}, got ${badRow}`);
    if (full || state.tug.length) await app.setTug(state.tug);
    if (state.node != null && state.node >= app.shape.nodes) throw new Error(`node must be from 0 to ${app.shape.nodes - 1}, got ${state.node}`);
    if (full || state.node != null) {
      app.selectAfresh(state.node ?? 0);
    }
  }

  /**
   * Marks the panels the tour stop talks about. While the tour is open, or in the compact layout,
   * the lesson fits one screen (`data-fit`) and shows only those panels, in the stop's order (the
   * compact layout outside the tour: the map and input space).
   */
  spotlight() {
    const root = this.shadowRoot;
    const touring = this.tour?.index >= 0;
    const compact = this.getAttribute('layout') === 'compact';
    const panels = touring ? this.tour.panels : compact ? ['map-panel', 'input-panel'] : [];
    for (const el of root.querySelectorAll('.panel[id]')) {
      el.classList.toggle('spotlight', panels.includes(el.id));
      // The first panel a stop names is its main view: first on the screen (on a phone, the one above the sheet).
      el.style.order = panels.includes(el.id) ? String(panels.indexOf(el.id)) : '';
    }
    this.mainPanel = root.getElementById(panels[0]) ?? null;
    const lesson = root.querySelector('.lesson');
    if (touring || compact) lesson.dataset.fit = '';
    else delete lesson.dataset.fit;
  }

  /**
   * Copies a link to this state: the page's own address with `hash`, else the standalone page
   * beside this module. Where the clipboard is refused (a frame without permission), the link
   * is shown in a field to select. It also says whether the link reproduces the map exactly.
   */
  async copyLink() {
    const app = this.app;
    const hash = writeHash(app, { hide: this.hidden_, stop: this.tour.index });
    const url = this.pageUrl() + hash;
    if (this.hasAttribute('hash')) history.replaceState(null, '', hash);
    const field = this.shadowRoot.getElementById('link-field');
    field.value = url;
    let copied = true;
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      copied = false;
    }
    field.hidden = copied;
    if (!copied) field.select();
    const source = dataSource(app);
    const same = source.kind === 'local' ? false : await this.reproduces(hash);
    let note = ' It reproduces this map step for step.';
    if (source.kind === 'local') {
      const name = source.name || 'my-data.csv';
      note = ` The file you loaded (${name}) is too large to travel in the link: only its settings do. To share the data too, put the file beside the page and add csv=${name} to the link.`;
    } else if (same === null) {
      note = ` It holds these settings and the ${app.t.toLocaleString('en')} steps; opening it replays them (too many to check here that the weights come out the same).`;
    } else if (!same) {
      note = ` It holds these settings and the ${app.t} steps, but not these exact weights: the data, its scaling or the map changed while it was training. Press Reset and train again for a link that reproduces the map step for step.`;
    }
    app.showStatus(`${copied ? 'Link copied' : 'The clipboard is not available here: select the link in the field and copy it'}.${note}`);
    return url;
  }

  /** The page a link opens: this page with `hash`, else the standalone page beside this module. */
  pageUrl() {
    return this.hasAttribute('hash') ? location.href.replace(/#.*$/, '') : PAGE_URL;
  }

  /**
   * Whether replaying the link's steps on a new map gives the live weights exactly (the engine
   * checks); null when the replay would take too long to check.
   */
  async reproduces(hash) {
    const state = readHash(hash);
    const { nodes, dim } = this.app.shape;
    if (state.t * nodes * dim > MAX_REPLAY_WORK / 10) return null; // too long to check here (a second or more)
    return this.app.call('reproduces', {
      options: { ...state.options },
      keepData: !state.options.data,
      state: { t: state.t, pulls: state.pulls, phase: state.phase ?? null },
    });
  }

  // ---- the public API (docs/embedding.md) ----------------------------------------------------------

  /** Steps taken so far. */
  get t() {
    return this.app?.t ?? 0;
  }

  /** The tour stop shown (1-based), or 0 outside the tour. */
  get stop() {
    return (this.tour?.index ?? -1) + 1;
  }

  /**
   * What the lesson shows, as a plain object (a copy): { t, phase, selected, tugRows, colour,
   * stop, playing, options, shape: { rows, cols, nodes, dim, dataRows }, columns, labelClasses,
   * bmu, dataSource }. Null before the first map.
   */
  get state() {
    const app = this.app;
    if (!app?.shape) return null;
    return structuredClone({
      t: app.t,
      phase: app.phaseName,
      selected: app.selected,
      tugRows: app.tugRows,
      colour: this.mapView.mode,
      stop: this.stop,
      playing: app.playing,
      options: app.options,
      shape: app.shape,
      columns: app.columns,
      labelClasses: app.labelClasses,
      bmu: app.trace?.bmu ?? null,
      dataSource: app.dataSource,
    });
  }

  /** `steps` untraced steps at once; resolves to t after them. */
  async train(steps) {
    await this.ready;
    await this.app.call('train', { steps });
    return this.app.t;
  }

  /** One whole step (one row); resolves to t after it. */
  async step() {
    await this.ready;
    await this.app.call('stepRow');
    return this.app.t;
  }

  /** One phase of a step (row, distances, BMU, neighbourhood, update); resolves to the phase's name. */
  async stepPhase() {
    await this.ready;
    await this.app.call('stepPhase');
    return this.app.phaseName;
  }

  async play() {
    await this.ready;
    await this.controls.setPlaying(true);
  }

  async pause() {
    await this.ready;
    await this.controls.setPlaying(false);
  }

  async reset() {
    await this.ready;
    await this.app.call('reset');
  }

  /** Goes to tour stop `n` (1-based). */
  async goToStop(n) {
    await this.ready;
    await this.tour.go(n - 1);
  }

  /** A copy of the weights, node-major (node i's weight k at i·dim + k). */
  async weights() {
    await this.ready;
    return this.app.call('weights');
  }

  /** Makes CSV text the data (every numeric column); rejects with the line and column at fault. */
  async loadCsv(text) {
    await this.ready;
    if (typeof text !== 'string') throw new TypeError(`loadCsv takes the CSV as a string, got ${typeof text}`);
    await this.app.call('loadCsv', { text });
    this.app.setDataSource({ kind: 'local', name: 'loadCsv()' });
  }
}

/** Whether an attribute is a link key (not the element's own, nor data-* or aria-*). */
function isLinkKey(name) {
  return !OWN_ATTRIBUTES.has(name) && !name.startsWith('data-') && !name.startsWith('aria-');
}

if (!customElements.get('som-playground')) customElements.define('som-playground', SomPlayground);
