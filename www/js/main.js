// Entry point: waits for the wasm (Trunk's loader sets window.wasmBindings and fires
// TrunkApplicationStarted, in either order relative to this module), builds the app and its
// views, then applies the state in the URL hash (or the defaults, with a note, if it is bad).
import { App } from './app.js';
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
import { readHash, writeHash, applyHide, hideNames, fetchCsv, unpack, replay, trackPulls, dataSource } from './url-state.js';

const DEFAULTS = { rows: 10, cols: 10, data: 'rgb', seed: 1 };

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
  trackPulls(app);
  app.addView(new ExportView($('export-view'), app));
  app.addView(new Announcer());

  await openLink(app, location.hash);
  addEventListener('hashchange', () => openLink(app, location.hash));
  document.body.dataset.ready = 'true';
}

/** Applies a link's hash, or shows the defaults with a note (#error) when it cannot be used. */
async function openLink(app, hash) {
  app.showError('');
  let state;
  try {
    state = readHash(hash);
  } catch (error) {
    state = { hide: [], error };
  }
  app.hidden = state.hide;
  const unknown = applyHide(state.hide);
  try {
    if (state.error) throw state.error;
    await applyLink(app, state);
    if (unknown.length) app.showError(`This link hides ${unknown.join(', ')}, which the page does not have; it can hide ${hideNames().join(', ')}.`);
  } catch (error) {
    app.setPlaying?.(false);
    app.dataSource = { kind: 'builtin' };
    app.build(DEFAULTS);
    app.setTug([]);
    app.pullLog = [];
    resetTour(app);
    app.showError(`This link could not be used (${error.message}), so the page shows the defaults instead.`);
  }
}

function resetTour(app) {
  if (app.tour.index < 0) return;
  app.tour.index = -1;
  app.tour.paint();
}

/**
 * Puts the app into the state a link describes: the data and options, then the tour stop, then
 * the steps (t, the pulls, the phase shown), the tug-of-war rows and the selected node.
 */
async function applyLink(app, state) {
  const csv = state.csv != null ? await fetchCsv(state.csv) : state.csvz != null ? await unpack(state.csvz) : null;
  app.setPlaying?.(false);
  const build = () => {
    if (csv != null) app.build({ ...state.options, data: 'custom' });
    else app.build({ ...DEFAULTS, ...state.options });
  };
  if (csv != null) {
    app.som.loadCsv(csv); // throws, naming the line and column, and keeps the current data
    app.dataSource = state.csv != null ? { kind: 'path', path: state.csv } : { kind: 'inline', packed: state.csvz };
  } else {
    app.dataSource = { kind: 'builtin' };
  }
  build();
  app.pullLog = [];
  if (state.stop != null) {
    if (state.stop > STOPS.length) throw new Error(`stop must be from 1 to ${STOPS.length}, got ${state.stop}`);
    app.tour.go(state.stop - 1);
  } else {
    resetTour(app);
  }
  // A link made by Copy link holds t: the steps replayed from a new map (on a stop's map too).
  const full = state.t != null || state.stop == null;
  if (state.t != null) {
    if (state.stop != null) build();
    replay(app.som, state);
    app.pullLog = state.pulls.map((p) => ({ ...p, version: app.mapVersion }));
    app.train(0);
    if (state.phase) {
      app.stepPhase();
      while (app.phaseName !== state.phase) app.stepPhase();
    }
  }
  const rows = app.som.dataRows();
  const badRow = state.tug.find((r) => r >= rows);
  if (badRow != null) throw new Error(`tug rows must be from 0 to ${rows - 1}, got ${badRow}`);
  if (full || state.tug.length) app.setTug(state.tug);
  if (state.node != null && state.node >= app.shape.nodes) throw new Error(`node must be from 0 to ${app.shape.nodes - 1}, got ${state.node}`);
  if (full || state.node != null) {
    app.selected = -1; // select() ignores the node already selected
    app.select(state.node ?? 0);
  }
  app.sample();
  app.render();
}

/**
 * Writes the state into the address bar and the clipboard, and says what the link holds:
 * it replays the link on a scratch map first and compares the weights bit for bit.
 */
async function copyLink(app) {
  const hash = writeHash(app, { hide: app.hidden });
  const url = location.href.replace(/#.*$/, '') + hash;
  history.replaceState(null, '', hash);
  app.lastLink = url;
  let copied = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    copied = false; // e.g. inside an iframe without clipboard permission: the address bar has it
  }
  const source = dataSource(app);
  let note = ' It reproduces this map step for step.';
  if (source.kind === 'local') {
    const name = source.name || 'my-data.csv';
    note = ` The file you loaded (${name}) is too large to travel in the link: only its settings do. To share the data too, put the file beside the page and add csv=${name} to the link.`;
  } else if (!reproduces(app, hash)) note = ` It holds these settings and the ${app.som.t()} steps, but not these exact weights: the data, its scaling or the map changed while it was training. Press Reset and train again for a link that reproduces the map step for step.`;
  app.showStatus(`${copied ? 'Link copied' : 'Link in the address bar'}.${note}`);
}

/** Whether replaying `state` on a new map gives the live weights exactly (long runs are trusted). */
function reproduces(app, hash) {
  let som;
  try {
    const state = readHash(hash);
    if (state.t > 1_000_000) return true;
    const options = { ...state.options };
    if (options.data) som = new app.wasm.Som(options);
    else som = app.som.withOptions(options);
    replay(som, state);
    if (state.phase) som.stepTrace();
    const a = som.weights();
    const b = app.som.weights();
    return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  } catch {
    return false;
  } finally {
    som?.free();
  }
}

if (window.wasmBindings) start(window.wasmBindings);
else addEventListener('TrunkApplicationStarted', () => start(window.wasmBindings), { once: true });
