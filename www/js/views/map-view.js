// The map: the 2-D grid of nodes, each cell coloured by the chosen mode, with the phase of the
// step being shown drawn over it (distances, the BMU, the neighbourhood ring and h).
import { GridGeometry, fitCanvas } from './grid-geometry.js';
import { watchWidth } from './form-util.js';
import { viridis, channel, rgb, extent, mixPulls, CATEGORICAL, labelColour, LABEL_OFFSET, LABEL_COLOUR_NAMES } from '../colors.js';
import { fmt } from '../format.js';

const MODES = [
  ['weights', 'Weights as colour'],
  ['distance', 'Distance to the row'],
  ['umatrix', 'U-matrix (distance to neighbours)'],
  ['hits', 'Hits (rows won)'],
  ['labels', 'Majority label of the rows won'],
  ['pull', 'Tug of war (pull of the chosen rows)'],
];
const NUMBERS_UP_TO = 100; // nodes: small maps get numbers written on their cells

export class MapView {
  constructor(container, app) {
    this.mode = 'weights';
    this.component = 0;
    const bar = document.createElement('div');
    bar.className = 'view-bar';
    this.modeSelect = select('Colour', MODES, (v) => { this.mode = v; this.asked(app); app.render(); });
    this.componentSelect = select('Component', [], (v) => { this.component = Number(v); app.render(); });
    this.modeNote = document.createElement('small');
    this.modeNote.className = 'mode-note';
    this.modeNote.dataset.testid = 'mode-note';
    bar.append(this.modeSelect.label, this.componentSelect.label, this.modeNote);
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.dataset.testid = 'map-canvas';
    this.legend = document.createElement('p');
    this.legend.className = 'legend';
    container.append(bar, this.canvas, this.legend);
    // Measured by a ResizeObserver, not per frame: reading layout in render() forces a reflow.
    this.width = watchWidth(container, app, (w) => { this.width = w; });
    // Hovering previews a node in the inspector; a click or a tap selects it.
    const nodeAt = (event) => {
      const r = this.canvas.getBoundingClientRect();
      return this.geometry?.nodeAt(event.clientX - r.left, event.clientY - r.top);
    };
    // Keyboard: the focused map moves the selection with the arrow keys, by grid row and column.
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('keydown', (event) => {
      const { nodes, cols } = app.shape;
      const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
      if (!(event.key in moves)) return;
      event.preventDefault();
      app.select(Math.max(0, Math.min(nodes - 1, app.selected + moves[event.key])));
    });
    this.canvas.addEventListener('pointermove', (event) => { if (event.pointerType === 'mouse') app.hover(nodeAt(event) ?? null); });
    this.canvas.addEventListener('pointerleave', () => app.hover(null));
    this.canvas.addEventListener('pointerdown', (event) => {
      const node = nodeAt(event);
      if (node != null) app.select(node);
    });
  }

  /** Shows colour mode `mode` (the tour sets it; the menu is the student's way). */
  setMode(app, mode) {
    this.mode = mode;
    this.wasTugging = app.tugRows.length >= 2;
    this.asked(app);
    app.render();
  }

  /**
   * Disables the colourings that cannot be shown now, saying why beside the menu; a disabled
   * mode in force falls back to the weights.
   */
  disableModes(app) {
    // [short reason on the menu, the whole reason]
    const reasons = {
      distance: app.trace ? null : ['after a step', 'take a step first'],
      labels: app.labelClasses.length ? null : ['no labels', 'this data has no label column'],
      pull: app.tugRows.length ? null : ['choose rows', 'choose rows first: click dots in input space or rows of the data table'],
    };
    for (const option of this.modeSelect.el.options) {
      const reason = reasons[option.value];
      option.disabled = Boolean(reason);
      const name = MODES.find(([v]) => v === option.value)[1];
      const text = reason ? `${name} (${reason[0]})` : name;
      if (option.textContent !== text) option.textContent = text; // the DOM only where it changed
      option.title = reason ? reason[1] : '';
    }
    const reason = reasons[this.mode];
    if (reason) {
      this.modeNote.textContent = `${MODES.find(([v]) => v === this.mode)[1]} cannot be shown yet (${reason[1]}), so the map shows its weights.`;
      this.mode = 'weights';
      this.asked(app);
    } else if (this.mode !== 'weights') {
      this.modeNote.textContent = '';
    }
  }

  /** Tells the engine which colouring that reads every row to send with each map, if any. */
  asked(app) {
    const wanted = ['umatrix', 'hits', 'labels'].includes(this.mode) ? this.mode : null;
    if (wanted !== this.wanted) {
      this.wanted = wanted;
      app.want(wanted);
    }
  }

  /** The weight columns the colouring by weights reads: all three (rgb) or the component's. */
  columns(dim) {
    return dim === 3 ? [0, 1, 2] : [Math.min(this.component, dim - 1)];
  }

  /**
   * Per-node colours for the current mode, and a legend sentence; null while the weights on the
   * colouring's columns are on their way (a large map's snapshot carries the watched ones only).
   */
  colours(app, phase) {
    const { nodes, dim } = app.shape;
    const trace = app.trace;
    let mode = this.mode;
    if (mode === 'pull') {
      const k = app.tugRows.length;
      if (k > 0) {
        const colours = mixPulls(app.tugPulls, k, nodes).map(rgb);
        return { colours, legend: `Tug of war: each node mixes the colours of rows ${app.tugRows.join(', ')} in proportion to how hard each row's BMU pulls it (α·h); paler = pulled less.` };
      }
      mode = 'weights';
    }
    // Large maps cannot carry numbers, so the distance phase colours the cells instead.
    if (trace && (phase === 'distances' || phase === 'bmu') && nodes > NUMBERS_UP_TO) mode = 'distance';
    if (mode === 'distance' && trace) {
      const d = trace.distances;
      const [lo, hi] = extent(d);
      return { colours: Array.from(d, (v) => rgb(viridis(1 - (v - lo) / (hi - lo || 1)))), legend: `Distance to row ${trace.row}: bright = close (${fmt(lo, 2)}) … dark = far (${fmt(hi, 2)}).` };
    }
    if (mode === 'labels' && app.labelClasses.length) {
      // Reads every row: the engine computes it with each new map while this mode is shown.
      const labels = derived(app, 'labels');
      if (labels) {
        const colours = Array.from(labels, (c) => (c < 0 ? '#ffffff' : labelColour(c)));
        const names = app.labelClasses.map((name, c) => `${name} (${LABEL_COLOUR_NAMES[(c + LABEL_OFFSET) % LABEL_COLOUR_NAMES.length]})`);
        return { colours, legend: `Each node takes the colour of the label most of its rows carry: ${names.join(', ')}; white: wins no row.` };
      }
    }
    if (mode === 'umatrix' || mode === 'hits' || mode === 'distance') {
      const values = mode === 'distance' ? null : derived(app, mode);
      if (values) {
        const [lo, hi] = extent(values);
        const legend = mode === 'umatrix'
          ? `U-matrix: dark = close to its neighbours (${fmt(lo, 3)}), bright = a border between clusters (${fmt(hi, 3)}).`
          : `Hits: how many of the ${app.dataRows} rows each node wins, 0 (dark) to ${hi} (bright).`;
        return { colours: Array.from(values, (v) => rgb(viridis((v - lo) / (hi - lo || 1)))), legend };
      }
      // distance mode before any traced step: fall through to weights
    }
    const weights = app.onColumns(this.columns(dim));
    if (!weights) return null;
    if (dim === 3) {
      // Bytes, not 'rgb()' strings: the hot case while playing (render() paints them as one image).
      const rgba = this.pixels(app.shape);
      for (let i = 0; i < nodes; i++) {
        rgba[4 * i] = channel(weights[3 * i]);
        rgba[4 * i + 1] = channel(weights[3 * i + 1]);
        rgba[4 * i + 2] = channel(weights[3 * i + 2]);
        rgba[4 * i + 3] = 255;
      }
      return { colours: null, rgba, legend: 'Each node painted with its three weights as red, green and blue: the colour it has learned.' };
    }
    const k = Math.min(this.component, dim - 1);
    const plane = Array.from(weights);
    const [lo, hi] = extent(plane);
    return {
      colours: plane.map((v) => rgb(viridis((v - lo) / (hi - lo || 1)))),
      legend: `Component plane of ${app.columns[k]}: dark = ${fmt(lo, 2)}, bright = ${fmt(hi, 2)}.`,
    };
  }

  /**
   * The map's pixels, one RGBA quadruple per node (row-major, as the nodes are numbered), in one
   * cols × rows ImageData kept from frame to frame, so playing allocates nothing per frame.
   */
  pixels({ rows, cols }) {
    if (this.image?.width !== cols || this.image.height !== rows) this.image = new ImageData(cols, rows);
    return this.image.data;
  }

  /**
   * Everything the drawing depends on: the snapshot's revision numbers (map, trace, tug, data:
   * the engine counts their changes) and the page's own state. An unchanged key means the canvas
   * already shows this, and render() draws nothing (a hover, a click elsewhere, the other views).
   */
  drawKey(app, width) {
    const { map, trace, tug, data, view } = app.rev ?? {};
    return [map, trace, tug, data, view, app.phase, app.selected, this.mode, this.component, width, app.options.topology, app.options.toroidal, app.derived?.mode, window.devicePixelRatio].join('|');
  }

  render(app) {
    const { nodes, dim } = app.shape;
    // Choosing two rows switches to the tug of war; clearing them switches back.
    const tugging = app.tugRows.length >= 2;
    if (tugging !== this.wasTugging) {
      this.wasTugging = tugging;
      if (tugging) this.mode = 'pull';
      else if (this.mode === 'pull') this.mode = 'weights';
    }
    this.disableModes(app);
    app.watch({ columns: this.columns(dim) }); // the engine sends these columns of a large map
    // On one screen the tug-of-war controls (Pull) sit under the map, inside the same share.
    const width = Math.min(this.width || 400, 460, app.budget - (app.tugRows.length && !app.stacked ? 110 : 0));
    const key = this.drawKey(app, width);
    if (key === this.drawn) return;
    const phase = app.phaseName;
    const painted = this.colours(app, phase);
    if (!painted) return; // drawn when the columns arrive
    this.drawn = key;
    this.modeSelect.el.value = this.mode;
    this.componentSelect.setOptions(app.columns.map((c, k) => [String(k), c]), String(this.component));
    this.componentSelect.label.hidden = dim === 3 || this.mode !== 'weights';
    const hexagonal = app.options.topology === 'hexagonal';
    this.geometry = new GridGeometry(app.positions, hexagonal, width, width);
    const g = this.geometry;
    const ctx = fitCanvas(this.canvas, width, Math.ceil(g.height));
    ctx.clearRect(0, 0, width, g.height);
    const trace = app.trace;
    const { colours, rgba, legend } = painted;
    const gap = nodes > 400 ? 0 : 1;
    if (!(gap === 0 && this.paintImage(ctx, app, colours, rgba))) {
      for (let i = 0; i < nodes; i++) {
        g.cellPath(ctx, i, gap);
        ctx.fillStyle = colours ? colours[i] : `rgb(${rgba[4 * i]},${rgba[4 * i + 1]},${rgba[4 * i + 2]})`;
        ctx.fill();
      }
    }
    let text = legend;
    if (trace && phase && this.mode !== 'pull') {
      const showH = phase === 'neighborhood' || phase === 'update';
      if (showH) {
        this.drawNeighbourhood(ctx, app, trace);
        if (app.options.toroidal) text += ' The map wraps around: the shading continues across the edges, where the dashed ring of radius σ is cut off.';
      }
      if (nodes <= NUMBERS_UP_TO && phase !== 'row') {
        const values = showH ? trace.h : trace.distances;
        this.drawNumbers(ctx, values, nodes);
        text += showH ? ' Numbers: h, how hard each node is pulled (1 on the BMU).' : ' Numbers: each node\'s distance to the row.';
      }
      if (phase !== 'row' && phase !== 'distances') this.outline(ctx, trace.bmu, '#fff', 4, '#000');
    }
    if (this.mode === 'pull') this.drawTugBmus(ctx, app);
    this.outline(ctx, app.selected, '#ff0', 2, '#000');
    // The DOM only where it changed (a write, even of the same text, makes the browser redo style).
    if (this.legend.textContent !== text) {
      this.legend.textContent = text;
      this.canvas.setAttribute('aria-label', `Map of ${app.shape.rows} by ${app.shape.cols} nodes. ${text}`);
    }
    this.canvas.dataset.bmu = trace && phase !== 'row' && phase !== 'distances' ? String(trace.bmu) : '';
    this.canvas.dataset.selected = String(app.selected);
  }

  /**
   * Large rectangular maps (cells touching): one cols × rows image, scaled up without smoothing,
   * instead of a fill() per cell. False when the layout is not a plain grid (hexagonal).
   */
  paintImage(ctx, app, colours, rgba) {
    const { rows, cols, nodes } = app.shape;
    const p = app.positions;
    const g = this.geometry;
    if (g.hexagonal || p[2 * nodes - 2] - p[0] !== cols - 1 || p[2 * nodes - 1] - p[1] !== rows - 1) return false;
    if (!rgba) {
      rgba = this.pixels(app.shape);
      for (let i = 0; i < nodes; i++) rgba.set(parseColour(colours[i]), 4 * i);
    }
    if (!this.cells || this.cells.width !== cols || this.cells.height !== rows) {
      this.cells = document.createElement('canvas');
      this.cells.width = cols;
      this.cells.height = rows;
    }
    this.cells.getContext('2d').putImageData(this.image, 0, 0);
    const [x, y] = g.centre(0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.cells, x - g.scale / 2, y - g.scale / 2, cols * g.scale, rows * g.scale);
    ctx.imageSmoothingEnabled = true;
    return true;
  }

  /** Darkens each node by 1 − h and draws the ring of radius σ around the BMU. */
  drawNeighbourhood(ctx, app, trace) {
    const g = this.geometry;
    const h = trace.h;
    for (let i = 0; i < h.length; i++) {
      g.cellPath(ctx, i, 0);
      ctx.fillStyle = `rgba(0,0,0,${0.75 * (1 - Math.min(1, Math.max(0, h[i])))})`;
      ctx.fill();
    }
    const [x, y] = g.centre(trace.bmu);
    ctx.beginPath();
    ctx.arc(x, y, trace.sigma * g.scale, 0, 2 * Math.PI);
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = '#fff';
    ctx.stroke();
    ctx.setLineDash([]);
  }

  /** Rings each tug-of-war row's BMU in that row's colour. */
  drawTugBmus(ctx, app) {
    app.tugBmus.forEach((bmu, k) => this.outline(ctx, bmu, CATEGORICAL[k], 3, '#fff'));
  }

  drawNumbers(ctx, values, nodes) {
    const g = this.geometry;
    ctx.font = `${Math.max(9, Math.min(14, g.scale / 4))}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let i = 0; i < nodes; i++) {
      const [x, y] = g.centre(i);
      const s = fmt(values[i], 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(0,0,0,0.8)';
      ctx.strokeText(s, x, y);
      ctx.fillStyle = '#fff';
      ctx.fillText(s, x, y);
    }
  }

  outline(ctx, node, colour, width, halo) {
    this.geometry.cellPath(ctx, node, width / 2);
    ctx.lineWidth = width + 2;
    ctx.strokeStyle = halo;
    ctx.stroke();
    ctx.lineWidth = width;
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
}

const parsed = new Map();
/** [r, g, b, 255] of a CSS colour as the colour scales write them ('rgb(r,g,b)' or '#rrggbb'). */
function parseColour(c) {
  let v = parsed.get(c);
  if (!v) {
    const m = c.startsWith('#') ? [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)) : c.match(/\d+/g).slice(0, 3).map(Number);
    v = [...m, 255];
    if (parsed.size > 4096) parsed.clear();
    parsed.set(c, v);
  }
  return v;
}

/** A labelled <select>; setOptions replaces its options only when they change. */
export function select(labelText, options, onChange) {
  const label = document.createElement('label');
  label.textContent = `${labelText} `;
  const el = document.createElement('select');
  // A select is as wide as its longest option (a disabled mode names its reason): never wider
  // than the view, or a phone's page scrolls sideways. (CSSOM, which the page's CSP allows.)
  label.style.maxWidth = '100%';
  el.style.maxWidth = '100%';
  label.append(el);
  let key = '';
  const setOptions = (opts, value) => {
    const k = JSON.stringify(opts);
    if (k !== key) {
      key = k;
      el.replaceChildren(...opts.map(([v, text]) => new Option(text, v)));
    }
    if (value != null) el.value = value;
  };
  setOptions(options);
  el.addEventListener('change', () => onChange(el.value));
  return { label, el, setOptions };
}

/** A colouring that reads every row, as the engine sent it for the current map (or null). */
function derived(app, mode) {
  return app.derived?.mode === mode ? app.derived.values : null;
}
