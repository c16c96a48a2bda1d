// Entry point: waits for the wasm (Trunk's loader sets window.wasmBindings and fires
// TrunkApplicationStarted, in either order relative to this module), then builds the app.
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

function start(wasm) {
  const app = new App(wasm, { rows: 10, cols: 10, data: 'rgb', seed: 1 });
  window.app = app; // for tests and the curious: app.som is the live core
  app.addView(new StatsView());
  app.mapView = new MapView(document.getElementById('map-view'), app);
  app.addView(app.mapView);
  app.addView(new InputView(document.getElementById('input-view'), app));
  app.addView(new Inspector(document.getElementById('inspector')));
  app.addView(new NetworkView(document.getElementById('network-view'), app));
  app.addView(new Charts(document.getElementById('charts'), app));
  app.addView(new DataPanel(document.getElementById('data-view'), app));
  app.addView(new Params(document.getElementById('params'), app));
  app.tour = new Tour(document.getElementById('tour'), app);
  mountControls(app);
  document.body.dataset.ready = 'true';
}

if (window.wasmBindings) start(window.wasmBindings);
else addEventListener('TrunkApplicationStarted', () => start(window.wasmBindings), { once: true });
