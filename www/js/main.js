// Entry point: waits for the wasm (Trunk's loader sets window.wasmBindings and fires
// TrunkApplicationStarted, in either order relative to this module), builds the app and its
// views, then applies the state in the URL hash (or the defaults, with a note, if it is bad).
import { App } from './app.js';
import { mountControls } from './controls.js';
import { MapView } from './views/map-view.js';
import { InputView } from './views/input-view.js';
import { StatsView } from './views/stats-view.js';
import { Inspector } from './views/inspector.js';
import { Tour } from './tour.js';
import { NetworkView } from './views/network-view.js';
import { Charts } from './views/charts.js';
import { DataPanel } from './views/data-panel.js';
import { Params } from './views/params.js';
import { TugView } from './views/tug-view.js';
import { readHash, writeHash, applyHide, fetchCsv, unpack } from './url-state.js';

const DEFAULTS = { rows: 10, cols: 10, data: 'rgb', seed: 1 };
const MAX_REPLAY_STEPS = 5_000_000;

async function start(wasm) {
  const app = new App(wasm, DEFAULTS);
  window.app = app; // for tests and the curious: app.som is the live core
  const $ = (id) => document.getElementById(id);
  app.addView(new StatsView());
  app.mapView = new MapView($('map-view'), app);
  app.addView(app.mapView);
  app.addView(new InputView($('input-view'), app));
  app.addView(new TugView($('tug-view'), app));
  app.addView(new Inspector($('inspector')));
  app.addView(new NetworkView($('network-view'), app));
  app.addView(new Charts($('charts'), app));
  app.addView(new DataPanel($('data-view'), app));
  app.addView(new Params($('params'), app));
  app.tour = new Tour($('tour'), app);
  mountControls(app);
  $('btn-link').addEventListener('click', () => copyLink(app));

  const state = readHash(location.hash);
  app.hidden = state.hide;
  applyHide(state.hide);
  try {
    await applyLink(app, state);
  } catch (error) {
    app.dataSource = { kind: 'builtin' };
    app.build(DEFAULTS);
    app.showError(`This link could not be used (${error.message}), so the page shows the defaults instead.`);
  }
  document.body.dataset.ready = 'true';
}

/** Puts the app into the state a link describes: data, options, then tour stop or steps. */
async function applyLink(app, state) {
  const csv = state.csv ? await fetchCsv(state.csv) : state.csvz ? await unpack(state.csvz) : null;
  if (csv != null) {
    app.som.loadCsv(csv); // throws, naming the line and column, and keeps the current data
    app.dataSource = state.csv ? { kind: 'path', path: state.csv } : { kind: 'inline', packed: state.csvz };
    app.build({ ...state.options, data: 'custom' });
  } else if (Object.keys(state.options).length) {
    app.build({ ...DEFAULTS, ...state.options });
  }
  if (state.stop) {
    app.tour.go(Math.max(0, Math.round(state.stop) - 1));
  } else if (state.t > 0) {
    app.train(Math.min(Math.round(state.t), MAX_REPLAY_STEPS));
    app.sample();
  }
  if (state.tug.length && app.setTug) app.setTug(state.tug);
  app.render();
}

/** Writes the state into the address bar and the clipboard, and says what the link holds. */
async function copyLink(app) {
  const atStop = app.tour.index >= 0 && app.tour.enteredAt === app.som.t();
  const hash = writeHash(app, { stop: atStop ? app.tour.index + 1 : null, hide: app.hidden });
  const url = location.href.replace(/#.*$/, '') + hash;
  history.replaceState(null, '', hash);
  let copied = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    copied = false; // e.g. inside an iframe without clipboard permission: the address bar has it
  }
  const local = app.dataSource?.kind === 'local' ? ' The file you loaded is too large to travel in the link: only its settings do.' : '';
  app.showStatus(`${copied ? 'Link copied' : 'Link in the address bar'}: it reproduces this map step for step.${local}`);
}

if (window.wasmBindings) start(window.wasmBindings);
else addEventListener('TrunkApplicationStarted', () => start(window.wasmBindings), { once: true });
