// The guided tour: "Next" walks the ideas of the lecture in order. Each stop is a complete state,
// written as data: the map's options, what the engine does to it (`prepare`: steps, an epoch, a
// phase, the tug rows), the map's colouring and the node selected. Reaching a stop by Next, Back
// or a link gives the same screen. The stops drive the core; they compute nothing.

import { buttonEl } from './views/form-util.js';

/** The lecture's small example: 3 columns (red, green, blue), 3×3 = 9 nodes. */
const SMALL = { rows: 3, cols: 3, data: 'rgb', dataRows: 60, seed: 4, sigma: 1, sigmaEnd: 0.5, learningRate: 0.5 };
/** The tug of war needs room between the two BMUs: a 10×10 map after one epoch. */
const TUG = { rows: 10, cols: 10, data: 'rgb', dataRows: 200, seed: 4, sigma: 3, sigmaEnd: 1, steps: 2000 };
const LARGE = { rows: 16, cols: 16, data: 'rgb', dataRows: 500, seed: 4, steps: 5000 };
/** Fisher's Iris in centimetres, not scaled: columns of different ranges, far from the weights' start. */
const UNSCALED = { rows: 8, cols: 8, data: 'iris', scaling: 'none', seed: 4, steps: 2000 };

export const STOPS = [
  {
    title: 'N columns are N dimensions; the map is a 2-D grid',
    text: 'Each row of this data set has 3 columns (red, green, blue), so it is a point in 3-D space. The map is a 3×3 grid: 9 nodes. The data lives in input space; the map is the grid.',
    panels: ['map-panel', 'input-panel'],
    options: SMALL,
  },
  {
    title: 'The same network, turned around',
    text: 'Drawn as layers, every input x1..x3 is joined to every map node by a synapse W_ij (node i, input j). There is no activation function: the synapses hold the node\'s weights.',
    panels: ['network-panel'],
    options: SMALL,
  },
  {
    title: 'Weights are coordinates: each node is a "ghost" data point',
    text: 'A node\'s weights are not multipliers: they are its position in input space. The rings in input space are the nodes, drawn at their weights among the data points and joined to their grid neighbours like an elastic net. After 60 steps they have spread out among the colours.',
    panels: ['input-panel', 'inspector-panel'],
    options: SMALL,
    prepare: { steps: 60 },
    select: 4,
  },
  {
    title: 'Weights start random, close to zero but not zero',
    text: 'A new map, before any step: every ghost sits in a small cloud at the origin (0, 0, 0), the corner where all weights are zero; the inspector shows small values such as 0.05.',
    panels: ['input-panel', 'inspector-panel'],
    options: SMALL,
    select: 4,
  },
  {
    title: 'Every node measures its distance to the row',
    text: 'A row is picked (ringed in red). Each node computes its Euclidean distance to it; the numbers are on the cells, and the inspector writes out the formula for the selected node.',
    panels: ['map-panel', 'inspector-panel'],
    options: SMALL,
    prepare: { phase: 'distances', row: 'far' },
    colour: 'distance',
    select: 4,
  },
  {
    title: 'The closest node wins: the best matching unit',
    text: 'The node with the smallest distance is the BMU, marked in white on the map, in black in input space and in the diagram.',
    panels: ['map-panel', 'input-panel', 'network-panel'],
    options: SMALL,
    prepare: { phase: 'bmu', row: 'far' },
    colour: 'distance',
    select: 'bmu',
  },
  {
    title: 'The BMU is pulled towards the row',
    text: 'Update: w ← w + α·h·(x − w). In input space the BMU\'s ghost glides towards the ringed row along its arrow; on the BMU h = 1, so it moves α of the way.',
    panels: ['input-panel', 'inspector-panel'],
    options: SMALL,
    prepare: { phase: 'update', row: 'far' },
    select: 'bmu',
  },
  {
    title: 'Every node within the radius is pulled too, harder the closer it is',
    text: 'The dashed ring has radius σ around the BMU. Each node\'s h (written on it) says how hard it is pulled: 1 on the BMU, less further away on the grid. Each arrow in input space is α × h × the node\'s distance to the row long.',
    panels: ['map-panel', 'input-panel'],
    options: SMALL,
    prepare: { steps: 1, phase: 'update', row: 'far' },
    select: 'neighbour',
  },
  {
    title: 'Two rows, two BMUs: a tug of war',
    text: 'On a 10×10 map, two rows whose BMUs sit far apart pull on the nodes in between. A node near the blue BMU turns blue, one near the green BMU green, one in between greenish-blue. Press Pull to apply both updates and watch each node\'s two arrows.',
    panels: ['map-panel', 'input-panel'],
    options: TUG,
    prepare: { epoch: true, tug: 'farthest' },
    colour: 'pull',
    select: 'middle',
  },
  {
    title: 'Over time the radius and the pull shrink, and the map settles',
    text: 'A larger map after 3,000 steps: σ and α have decayed along their schedules (marker at t), the quantization and topographic errors have fallen, and neighbouring nodes hold similar colours. Press Play to go on.',
    panels: ['map-panel', 'charts-panel'],
    options: LARGE,
    prepare: { trainFor: 3000, sampleEvery: 100 },
  },
  {
    title: 'First of all: scale the inputs',
    text: 'Everything so far had columns in [0, 1]. Here is Iris in centimetres, not scaled: the ghosts start near 0, at the marked origin, far from every flower, and as the distance adds up squared differences column by column, the widest columns would decide every BMU. The core warns in the parameter panel: press its Fix to scale each column to [0, 1]: every column then counts alike, and the data start close to the ghosts.',
    panels: ['params-panel', 'input-panel'],
    options: UNSCALED,
  },
];

export class Tour {
  /**
   * @param container where the tour strip goes
   * @param app the lesson
   * @param hooks { setPlaying(on), setColour(mode), changed(index) }
   */
  constructor(container, app, hooks) {
    this.app = app;
    this.hooks = hooks;
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
    this.counter.className = 'counter';
    this.leave = buttonEl('Leave the tour', () => this.close());
    this.leave.id = 'tour-leave';
    nav.append(this.prev, this.next, this.counter, this.leave);
    container.append(this.heading, this.text, nav);
    this.paint();
  }

  /**
   * Goes to stop `index` and puts the lesson in its state; resolves when it is there (a later
   * go() wins over one still on its way). Rejects with the core's error.
   */
  async go(index) {
    if (index < 0 || index >= STOPS.length) return;
    const token = (this.token = (this.token ?? 0) + 1);
    this.index = index;
    this.paint();
    const app = this.app;
    const stop = STOPS[index];
    await this.hooks.setPlaying(false);
    // A teacher's own data (from a link or a file) stays; the stop sets only the map.
    const custom = app.dataSource.kind !== 'builtin';
    const options = { ...stop.options };
    if (custom) {
      options.data = 'custom';
      delete options.dataRows;
    }
    await app.build(options);
    const picks = await app.call('prepare', stop.prepare ?? {});
    if (token !== this.token) return;
    this.hooks.setColour(stop.colour ?? 'weights');
    const select = stop.select ?? 0;
    app.selectAfresh(typeof select === 'number' ? Math.min(select, app.shape.nodes - 1) : picks[select]);
    this.hooks.changed(index);
  }

  /** Closes the tour (the lesson stays as it is). */
  close() {
    this.token = (this.token ?? 0) + 1;
    this.index = -1;
    this.paint();
    this.hooks.changed(-1);
  }

  paint() {
    const stop = STOPS[this.index];
    this.heading.textContent = stop ? `${this.index + 1}. ${stop.title}` : `${STOPS.length} ideas, one stop each`;
    this.text.textContent = stop ? stop.text : 'Press Next to walk through how a Self-Organizing Map learns, from a 3×3 map on three-column data to a map that has settled.';
    this.prev.disabled = this.index <= 0;
    this.next.disabled = this.index >= STOPS.length - 1;
    this.next.textContent = this.index < 0 ? 'Start the tour' : 'Next';
    this.counter.textContent = stop ? `Stop ${this.index + 1} of ${STOPS.length}` : '';
    this.leave.hidden = !stop;
  }

  /** The panels the current stop talks about (ids inside the element), or none outside the tour. */
  get panels() {
    return STOPS[this.index]?.panels ?? [];
  }
}
