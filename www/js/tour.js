// The guided tour: "Next" walks the ideas of the lecture in order. Each stop puts the page into
// the state that shows its idea (a 3×3 map on three-column data first, as the lecture does, then
// a larger map) and says it in a sentence or two. The stops drive the core; they compute nothing.

import { buttonEl } from './views/form-util.js';

/** The lecture's small example: 3 columns (red, green, blue), 3×3 = 9 nodes. */
const SMALL = { rows: 3, cols: 3, data: 'rgb', dataRows: 60, seed: 4, sigma: 1, sigmaEnd: 0.5, learningRate: 0.5 };
const LARGE = { rows: 16, cols: 16, data: 'rgb', dataRows: 500, seed: 4, steps: 5000 };

/** Builds `options` fresh, then shows the phase `phase` of the `steps`-th traced step. */
function show(app, options, { steps = 0, phase = null, select = null } = {}) {
  // A teacher's own data (from a link or a file) stays; the stop sets only the map.
  const custom = app.dataSource.kind !== 'builtin';
  app.build(custom ? { ...options, data: 'custom', dataRows: undefined } : options);
  for (let k = 0; k < steps; k++) app.stepRow();
  if (phase) {
    app.stepPhase();
    while (app.phaseName !== phase) app.stepPhase();
  }
  if (select === 'neighbour') {
    // A node on the BMU's edge of the neighbourhood: pulled, but less than the BMU.
    const h = Array.from(app.trace.h);
    const pulled = h.filter((v) => v < 0.99);
    select = pulled.length ? h.indexOf(Math.max(...pulled)) : 'bmu'; // a 1-node map has no neighbour
  }
  app.select(select === 'bmu' ? app.trace.bmu : select ?? 0);
}

/** Two rows (among the first 500) whose BMUs lie farthest apart on the grid, by the core's numbers. */
function farthestPair(app) {
  const bmus = app.som.bmus();
  const n = Math.min(bmus.length, 500);
  let pair = [0, Math.min(1, n - 1)];
  let best = -1;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = app.som.gridDistance(bmus[a], bmus[b]);
      if (d > best) {
        best = d;
        pair = [a, b];
      }
    }
  }
  return pair;
}

export const STOPS = [
  {
    title: 'N columns are N dimensions; the map is a 2-D grid',
    text: 'Each row of this data set has 3 columns (red, green, blue), so it is a point in 3-D space. The map is a 3×3 grid: 9 nodes. The data lives in input space; the map is the grid.',
    panels: ['map-panel', 'input-panel'],
    enter: (app) => show(app, SMALL),
  },
  {
    title: 'The same network, turned around',
    text: 'Drawn as layers, every input x1..x3 is joined to every map node by a synapse W_ij (node i, input j). There is no activation function: the synapses hold the node\'s weights.',
    panels: ['network-panel'],
    enter: (app) => show(app, SMALL),
  },
  {
    title: 'Weights are coordinates: each node is a "ghost" data point',
    text: 'A node\'s weights are not multipliers: they are its position in input space. The rings in input space are the nodes, drawn at their weights and joined to their grid neighbours like an elastic net.',
    panels: ['input-panel', 'inspector-panel'],
    enter: (app) => show(app, SMALL, { select: 4 }),
  },
  {
    title: 'Weights start random, close to zero but not zero',
    text: 'After Reset every ghost sits in a small cloud near the origin, and the map is nearly black: the inspector shows small values such as 0.05.',
    panels: ['input-panel', 'inspector-panel'],
    enter: (app) => show(app, SMALL, { select: 4 }),
  },
  {
    title: 'Every node measures its distance to the row',
    text: 'A row is picked (ringed in red). Each node computes its Euclidean distance to it; the numbers are on the cells, and the inspector writes out the formula for the selected node.',
    panels: ['map-panel', 'inspector-panel'],
    enter: (app) => show(app, SMALL, { phase: 'distances', select: 4 }),
  },
  {
    title: 'The closest node wins: the best matching unit',
    text: 'The node with the smallest distance is the BMU, marked in white on the map, in black in input space and in the diagram.',
    panels: ['map-panel', 'input-panel', 'network-panel'],
    enter: (app) => show(app, SMALL, { phase: 'bmu', select: 'bmu' }),
  },
  {
    title: 'The BMU is pulled towards the row',
    text: 'Update: w ← w + α·h·(x − w). In input space the BMU\'s ghost glides towards the ringed row along its arrow; on the BMU h = 1, so it moves α of the way.',
    panels: ['input-panel', 'inspector-panel'],
    enter: (app) => show(app, SMALL, { phase: 'update', select: 'bmu' }),
  },
  {
    title: 'Every node within the radius is pulled too, harder the closer it is',
    text: 'The dashed ring has radius σ around the BMU. Each node\'s h (written on it) says how hard it is pulled: 1 on the BMU, less further away on the grid. Each arrow in input space is α × h × the node\'s distance to the row long.',
    panels: ['map-panel', 'input-panel'],
    enter: (app) => show(app, SMALL, { phase: 'update', select: 'neighbour' }),
  },
  {
    title: 'Two rows, two BMUs: a tug of war',
    text: 'Two rows whose BMUs sit in different places pull on the nodes in between. A node near the blue BMU turns blue, one near the green BMU green, one in between greenish-blue. Press Pull to apply both updates and watch each node\'s two arrows.',
    panels: ['map-panel', 'input-panel'],
    enter: (app) => {
      show(app, SMALL);
      app.epoch();
      const [a, b] = farthestPair(app);
      app.setTug([a, b]);
      const pulls = app.tugPulls();
      const nodes = app.shape.nodes;
      // Select the node pulled most evenly by both rows: the one in the middle of the tug.
      let best = 0;
      for (let i = 1; i < nodes; i++) if (Math.min(pulls[i], pulls[nodes + i]) > Math.min(pulls[best], pulls[nodes + best])) best = i;
      app.select(best);
    },
  },
  {
    title: 'Over time the radius and the pull shrink, and the map settles',
    text: 'A larger map after 3,000 steps: σ and α have decayed along their schedules (marker at t), the quantization and topographic errors have fallen, and neighbouring nodes hold similar colours. Press Play to go on.',
    panels: ['charts-panel', 'map-panel'],
    enter: (app) => {
      show(app, LARGE);
      for (let k = 0; k < 30; k++) {
        app.train(100);
        app.sample();
      }
      app.render();
    },
  },
];

export class Tour {
  constructor(container, app) {
    this.app = app;
    this.index = -1;
    this.heading = document.createElement('h3');
    this.heading.dataset.testid = 'tour-title';
    this.text = document.createElement('p');
    this.text.dataset.testid = 'tour-text';
    const nav = document.createElement('div');
    nav.className = 'buttons';
    this.prev = buttonEl('Back', () => this.go(this.index - 1));
    this.next = buttonEl('Next', () => this.go(this.index + 1));
    this.next.id = 'tour-next';
    this.prev.id = 'tour-prev';
    this.counter = document.createElement('span');
    nav.append(this.prev, this.next, this.counter);
    container.append(this.heading, this.text, nav);
    this.paint();
  }

  /** Goes to stop `index` (clamped) and puts the page in its state. */
  go(index) {
    if (index < 0 || index >= STOPS.length) return;
    this.index = index;
    const stop = STOPS[index];
    if (this.app.setPlaying) this.app.setPlaying(false);
    stop.enter(this.app);
    this.enteredAt = this.app.som.t();
    this.paint();
    if (this.onChange) this.onChange(index);
  }

  paint() {
        const stop = STOPS[this.index];
    this.heading.textContent = stop ? `${this.index + 1}. ${stop.title}` : 'Ten ideas, one stop each';
    this.text.textContent = stop ? stop.text : 'Press Next to walk through how a Self-Organizing Map learns, from a 3×3 map on three-column data to a map that has settled.';
    this.prev.disabled = this.index <= 0;
    this.next.disabled = this.index >= STOPS.length - 1;
    this.next.textContent = this.index < 0 ? 'Start the tour' : 'Next';
    this.counter.textContent = stop ? `Stop ${this.index + 1} of ${STOPS.length}` : '';
    for (const el of document.querySelectorAll('.spotlight')) el.classList.remove('spotlight');
    for (const id of stop?.panels ?? []) document.getElementById(id)?.classList.add('spotlight');
  }

  render() {}
}
