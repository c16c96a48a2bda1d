// The same network, turned around: the classic layer diagram. Input nodes x1..xN on the left,
// the map's nodes on the right, joined by synapses W_ij labelled with their weights (node i's
// coordinate along input j, from the core). Small maps show every node and synapse; larger ones
// show the map as a compact grid and only the selected node's synapses. Of many inputs the first
// INPUTS_DRAWN are drawn (the inspector and the diagram's text give every weight).
import { GridGeometry, fitCanvas } from './grid-geometry.js';
import { fmt } from '../format.js';
import { numberEl, watchWidth } from './form-util.js';

const FULL_UP_TO = 25;       // nodes: drawn as a full layer, every synapse drawn
const LABEL_ALL_UP_TO = 12;  // synapses (nodes × inputs): all labelled, where the labels fit
const INPUTS_DRAWN = 40;     // inputs drawn at most (a 1,000-column diagram would be 18,000 px tall)
const THROTTLE_MS = 100;     // while training fast, the numbers redraw at most ten times a second
const MAX_WIDTH = 640;
const DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n) => String(n).replace(/\d/g, (d) => DIGITS[d]);
const INK = '#1d1d1f';
const MUTED = '#4a4a55';
const ACCENT = '#0a5bb5';
const SELECTED = '#ffd60a';

export class NetworkView {
  constructor(container, app) {
    const bar = document.createElement('div');
    bar.className = 'view-bar';
    const label = document.createElement('label');
    label.textContent = 'Selected node ';
    this.nodeInput = numberEl('node', { min: 0, step: 1 });
    this.nodeInput.className = 'node-number';
    this.nodeInput.addEventListener('change', () => {
      const v = Number(this.nodeInput.value);
      if (Number.isInteger(v)) app.select(Math.max(0, Math.min(app.shape.nodes - 1, v)));
    });
    label.append(this.nodeInput);
    bar.append(label);
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.tabIndex = 0;
    this.canvas.dataset.testid = 'network-canvas';
    this.canvas.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Home End');
    this.legend = document.createElement('p');
    this.legend.className = 'legend';
    const sentence = document.createElement('p');
    sentence.className = 'network-note';
    sentence.textContent = 'Weights are not multipliers: W_ij is node i\'s coordinate along input j.';
    container.append(bar, this.canvas, this.legend, sentence);
    this.available = watchWidth(container, app, (w) => { this.available = w; });
    this.canvas.addEventListener('pointerdown', (event) => {
      const r = this.canvas.getBoundingClientRect();
      const node = this.nodeAt(event.clientX - r.left, event.clientY - r.top);
      if (node != null) app.select(node);
    });
    this.canvas.addEventListener('keydown', (event) => this.onKey(event, app));
  }

  /** Arrow keys walk the selection through the nodes (up/down by a grid row on large maps). */
  onKey(event, app) {
    const { nodes, cols } = app.shape;
    const row = nodes > FULL_UP_TO ? cols : 1;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: row, ArrowUp: -row };
    let next = null;
    if (event.key in moves) next = app.selected + moves[event.key];
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = nodes - 1;
    if (next == null) return;
    event.preventDefault();
    app.select(Math.max(0, Math.min(nodes - 1, next)));
  }

  nodeAt(x, y) {
    if (this.grid) {
      const { geometry, x: gx, y: gy } = this.grid;
      return geometry.nodeAt(x - gx, y - gy);
    }
    let best = null;
    let bestD = Infinity;
    for (const [i, cx, cy, r] of this.hits || []) {
      const d = (cx - x) ** 2 + (cy - y) ** 2;
      if (d <= (r + 6) ** 2 && d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  render(app) {
    const { nodes, dim } = app.shape;
    const width = Math.min(this.available || 400, MAX_WIDTH);
    const t = app.t;
    const key = [app.phase, app.selected, width, nodes, dim, app.options.topology, app.rev?.view].join('|');
    const same = key === this.key && this.som === app.som && this.columns === app.columns && this.traceObj === app.trace;
    if (same && t === this.t) return;
    // Only t moved (fast play, no trace): the weight labels change too fast to read anyway.
    if (same && !app.trace && performance.now() - this.drawnAt < THROTTLE_MS) {
      this.pending ??= setTimeout(() => {
        this.pending = null;
        app.render();
      }, THROTTLE_MS);
      return;
    }
    this.key = key;
    this.t = t;
    this.som = app.som;
    this.columns = app.columns;
    this.traceObj = app.trace;
    this.drawnAt = performance.now();
    this.nodeInput.max = String(nodes - 1);
    if (document.activeElement !== this.nodeInput) this.nodeInput.value = String(app.selected);
    this.draw(app, width);
  }

  draw(app, width) {
    const { nodes, dim: columns, cols } = app.shape;
    const dim = Math.min(columns, INPUTS_DRAWN); // the inputs drawn
    const full = nodes <= FULL_UP_TO;
    const labelAll = full && nodes * dim <= LABEL_ALL_UP_TO;
    const trace = app.trace && app.phase >= 0 ? app.trace : null;
    const x = trace ? trace.x : null;
    const bmu = trace && app.phase >= 2 ? trace.bmu : null;
    const sel = app.selected;
    // Every node's weights on small maps (labelAll), else the selected node's (the engine sends them).
    const weights = labelAll ? app.onColumns([...Array(columns).keys()]) : null;
    const selW = app.nodeWeights(sel);
    const weight = (i, j) => (i === sel ? selW?.[j] : weights?.[i * columns + j]);

    // Layout: input labels | input nodes | synapses | map nodes (a column, or a compact grid).
    // The widest input name, measured once per set of columns.
    if (this.measured?.columns !== app.columns) {
      const measure = this.canvas.getContext('2d');
      measure.font = '600 12px system-ui, sans-serif';
      let width = 0;
      for (let j = 0; j < dim; j++) width = Math.max(width, measure.measureText(`x${sub(j + 1)} ${app.columns[j]}`).width);
      this.measured = { columns: app.columns, width };
    }
    const nameW = this.measured.width;
    const labelW = Math.min(Math.max(nameW, 56), width * 0.3);
    const rIn = dim > 12 ? 6 : 9;
    const inX = 4 + labelW + 8 + rIn;
    const top = 12;
    const oneLine = dim > 12; // many inputs: name and value on one line, closer together
    const inGap = oneLine ? 18 : 40;
    let height;
    let nodeSpacing = 0;
    this.grid = null;
    if (full) {
      nodeSpacing = labelAll ? 72 : nodes > 12 ? 22 : 32;
      height = Math.max(200, Math.max(nodes * nodeSpacing, dim * inGap) + 2 * top);
    } else {
      const size = Math.min(width * 0.42, 240);
      const geometry = new GridGeometry(app.positions, app.options.topology === 'hexagonal', size, size);
      height = Math.max(200, geometry.height + 2 * top, dim * inGap + 2 * top);
      this.grid = { geometry, x: width - size - 4, y: (height - geometry.height) / 2, size };
    }
    const inY = (j) => top + ((j + 0.5) * (height - 2 * top)) / dim;
    const nodeX = width - 64;
    const nodeR = full ? Math.min(10, nodeSpacing / 2 - 2) : 0;
    const nodeY = (i) => top + ((i + 0.5) * (height - 2 * top)) / nodes;
    const centre = (i) => {
      if (full) return [nodeX, nodeY(i)];
      const [cx, cy] = this.grid.geometry.centre(i);
      return [this.grid.x + cx, this.grid.y + cy];
    };

    const ctx = fitCanvas(this.canvas, width, Math.ceil(height));
    ctx.clearRect(0, 0, width, height);
    if (!full) this.drawGrid(ctx, app);

    // Synapses: every one on small maps (the selected node's last, on top), else the selected node's.
    // One path per style: all the other nodes' synapses in one stroke, the selected node's in another.
    const synapses = (nodesOf, colour, lineWidth) => {
      ctx.beginPath();
      for (const i of nodesOf) {
        const [ex, ey] = centre(i);
        for (let j = 0; j < dim; j++) {
          ctx.moveTo(inX + rIn, inY(j));
          ctx.lineTo(ex - nodeR, ey);
        }
      }
      ctx.strokeStyle = colour;
      ctx.lineWidth = lineWidth;
      ctx.stroke();
    };
    if (full) synapses([...Array(nodes).keys()].filter((i) => i !== sel), '#a9a9b6', 1);
    synapses([sel], ACCENT, 2);

    // Map nodes.
    this.hits = [];
    if (full) {
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      for (let i = 0; i < nodes; i++) {
        const [cx, cy] = centre(i);
        this.hits.push([i, cx, cy, nodeR]);
        ctx.beginPath();
        ctx.arc(cx, cy, nodeR, 0, 2 * Math.PI);
        ctx.fillStyle = i === sel ? SELECTED : '#e6e6ee';
        ctx.fill();
        ctx.lineWidth = i === bmu ? 4 : i === sel ? 2 : 1;
        ctx.strokeStyle = i === bmu || i === sel ? INK : MUTED;
        ctx.stroke();
        ctx.fillStyle = i === sel || i === bmu ? INK : MUTED;
        ctx.font = `${i === sel || i === bmu ? '600 ' : ''}12px system-ui, sans-serif`;
        ctx.fillText(`${i}${i === bmu ? ' BMU' : ''}`, cx + nodeR + 5, cy);
      }
    } else {
      this.markCell(ctx, sel, SELECTED, 2);
      if (bmu != null) this.markCell(ctx, bmu, null, 4);
    }

    // Input nodes, with the row's values while a traced step is shown.
    // The circles in one path (they never overlap: at least 18 px apart, radius at most 9).
    ctx.beginPath();
    for (let j = 0; j < dim; j++) {
      ctx.moveTo(inX + rIn, inY(j));
      ctx.arc(inX, inY(j), rIn, 0, 2 * Math.PI);
    }
    ctx.fillStyle = '#dbe6f6';
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = ACCENT;
    ctx.stroke();
    ctx.textAlign = 'right';
    for (let j = 0; j < dim; j++) {
      const y = inY(j);
      ctx.fillStyle = INK;
      ctx.font = '600 12px system-ui, sans-serif';
      const value = x && oneLine ? ` = ${fmt(x[j], 2)}` : '';
      const name = fitText(ctx, `x${sub(j + 1)} ${app.columns[j]}`, labelW - ctx.measureText(value).width) + value;
      ctx.fillText(name, inX - rIn - 6, x && !oneLine ? y - 7 : y);
      if (x && !oneLine) {
        ctx.font = '12px system-ui, sans-serif';
        ctx.fillText(`= ${fmt(x[j], 3)}`, inX - rIn - 6, y + 8);
      }
    }

    // Weight labels on the synapses: the selected node's first, then (small maps) the others
    // wherever along their line a label fits without covering one already placed.
    const labelled = labelAll ? [sel, ...[...Array(nodes).keys()].filter((i) => i !== sel)] : [sel];
    const tries = labelAll ? [0.5, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8] : [0.45];
    const placed = [];
    let skipped = 0;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const i of labelled) {
      const [ex, ey] = centre(i);
      for (let j = 0; j < dim; j++) {
        const v = weight(i, j);
        const text = `W${sub(i)},${sub(j + 1)} = ${v == null ? '…' : fmt(v, 3)}`;
        const strong = i === sel;
        ctx.font = `${strong ? '600 ' : ''}12px system-ui, sans-serif`;
        const half = ctx.measureText(text).width / 2 + 4;
        const at = (f) => [inX + rIn + (ex - nodeR - inX - rIn) * f, inY(j) + (ey - inY(j)) * f];
        const free = (x0, y0) => placed.every(([x1, y1, h1]) => Math.abs(x0 - x1) > half + h1 + 2 || Math.abs(y0 - y1) > 19);
        let spot = tries.map(at).find(([lx, ly]) => free(lx, ly));
        if (!spot && strong) spot = at(tries[0]);
        if (!spot) {
          skipped += 1;
          continue;
        }
        placed.push([spot[0], spot[1], half]);
        pill(ctx, text, spot[0], spot[1], strong);
      }
    }

    const w = Array.from({ length: columns }, (_, j) => `W${sub(sel)},${sub(j + 1)} (${app.columns[j]}) = ${selW ? fmt(selW[j], 3) : '…'}`);
    const row = Math.floor(sel / cols);
    let text = full
      ? `Every node is connected to all ${columns} inputs. Node ${sel} (yellow) is selected`
      : `${nodes} nodes, drawn as the map's grid; only the synapses of node ${sel} (yellow, row ${row}, column ${sel % cols}) are drawn`;
    text += bmu != null ? `; the BMU, node ${bmu}, has a thick black outline.` : '.';
    if (x) text += ` The inputs carry row ${trace.row}, scaled.`;
    if (columns > dim) text += ` The first ${dim} of the ${columns.toLocaleString('en')} inputs are drawn; the inspector lists every weight.`;
    if (skipped) text += ` ${skipped} labels that would overlap are left out; select a node to see its weights.`;
    text += ' Click a node, or focus the diagram and use the arrow keys.';
    this.legend.textContent = text;
    this.canvas.dataset.selected = String(sel);
    this.canvas.dataset.bmu = bmu == null ? '' : String(bmu);
    this.canvas.setAttribute('aria-label', `Layer diagram: ${columns} inputs (${app.columns.join(', ')}) each connected to the ${nodes} map nodes. Node ${sel}: ${w.join(', ')}.${bmu != null ? ` The BMU is node ${bmu}.` : ''}`);
  }

  /** The compact grid of all nodes, drawn once per shape and size into an offscreen canvas. */
  drawGrid(ctx, app) {
    const { geometry, x, y, size } = this.grid;
    const ratio = window.devicePixelRatio || 1;
    const key = `${size}|${ratio}|${app.options.topology}`;
    if (!this.layer || this.layerKey !== key || this.layerPositions !== app.positions) {
      this.layerKey = key;
      this.layerPositions = app.positions;
      this.layer = document.createElement('canvas');
      this.layer.width = Math.ceil(size * ratio);
      this.layer.height = Math.ceil(geometry.height * ratio);
      const lc = this.layer.getContext('2d');
      lc.setTransform(ratio, 0, 0, ratio, 0, 0);
      lc.fillStyle = '#d9d9e1';
      const gap = geometry.scale > 6 ? 1 : 0;
      for (let i = 0; i < app.shape.nodes; i++) {
        geometry.cellPath(lc, i, gap);
        lc.fill();
      }
    }
    ctx.drawImage(this.layer, x, y, this.layer.width / ratio, this.layer.height / ratio);
  }

  /** Fills (when `fill`) and outlines one cell of the compact grid. */
  markCell(ctx, i, fill, lineWidth) {
    const { geometry, x, y } = this.grid;
    ctx.save();
    ctx.translate(x, y);
    geometry.cellPath(ctx, i, 0);
    if (fill) {
      ctx.fillStyle = fill;
      ctx.fill();
    }
    ctx.lineWidth = lineWidth;
    ctx.strokeStyle = INK;
    ctx.stroke();
    ctx.restore();
  }
}

/** Text on a white rounded box so it stays legible over the lines. */
function pill(ctx, text, x, y, strong) {
  ctx.font = `${strong ? '600 ' : ''}12px system-ui, sans-serif`;
  const w = ctx.measureText(text).width + 8;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = strong ? ACCENT : '#a9a9b6';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(x - w / 2, y - 9, w, 18, 4);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.fillText(text, x, y + 0.5);
}

/** `text`, shortened with an ellipsis to fit `max` pixels in the context's font. */
function fitText(ctx, text, max) {
  if (ctx.measureText(text).width <= max) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > max) s = s.slice(0, -1);
  return `${s}…`;
}
