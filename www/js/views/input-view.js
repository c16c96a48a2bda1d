// Input space: every data row as a dot, every node as a "ghost" at its weights, joined to its
// grid neighbours by the lines of the elastic net. Two columns give a scatter, three a cube to
// turn by dragging; with more, the student picks the axes. During a traced step the row is
// ringed, the BMU marked, and in the update phase each ghost glides from its old position to
// its new one (both from the core's trace) with an arrow for the pull.
import { Projection } from './projection.js';
import { fitCanvas } from './grid-geometry.js';
import { watchWidth } from './form-util.js';
import { ring, arrow } from './draw-util.js';
import { select } from './map-view.js';
import { CATEGORICAL, channel, rgb, labelColour } from '../colors.js';
import { onAxes } from '../engine/traces.js';

const GLIDE_MS = 600;

export class InputView {
  constructor(container, app) {
    this.projection = new Projection();
    this.axes = [0, 1, 2];
    const bar = document.createElement('div');
    bar.className = 'view-bar';
    this.axisSelects = ['x', 'y', 'z'].map((name, k) =>
      select(`${name} axis`, [], (v) => { this.axes[k] = Number(v); app.watch(this.axes); app.render(); }));
    bar.append(...this.axisSelects.map((s) => s.label));
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.dataset.testid = 'input-canvas';
    this.note = document.createElement('p');
    this.note.className = 'legend';
    container.append(bar, this.canvas, this.note);
    // Measured by a ResizeObserver, not per frame: reading layout in render() forces a reflow.
    this.width = watchWidth(container, app, (w) => { this.width = w; });
    this.listen(app);
  }

  listen(app) {
    // Keyboard: the focused cube turns with the arrow keys, as a drag would.
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('keydown', (e) => {
      const turns = { ArrowLeft: [-12, 0], ArrowRight: [12, 0], ArrowUp: [0, -12], ArrowDown: [0, 12] };
      if (!this.projection.cube || !(e.key in turns)) return;
      e.preventDefault();
      this.projection.drag(...turns[e.key]);
      app.render();
    });
    let drag = null;
    this.canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: false };
      this.canvas.setPointerCapture(e.pointerId);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (drag && this.projection.cube) {
        const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
        this.projection.drag(dx, dy);
        drag.x = e.clientX;
        drag.y = e.clientY;
        app.render();
      } else if (!drag && e.pointerType === 'mouse') {
        app.hover(this.ghostAt(e) ?? null); // a preview: the selection stays
      }
    });
    this.canvas.addEventListener('pointerleave', () => app.hover(null));
    this.canvas.addEventListener('pointerup', (e) => {
      if (drag && !drag.moved) {
        const node = this.ghostAt(e);
        if (node != null) app.select(node);
        else {
          const row = this.rowAt(e);
          if (row != null) app.toggleTugRow(row);
        }
      }
      drag = null;
    });
  }

  /** The node whose ghost is within 10 px of the pointer, nearest first. */
  ghostAt(e) {
    return nearest(this.ghostPoints, e, this.canvas, 10);
  }

  rowAt(e) {
    return nearest(this.dataPoints, e, this.canvas, 8);
  }

  render(app) {
    const { dim, nodes } = app.shape;
    const columns = app.columns.map((c, k) => [String(k), c]);
    if (this.dim !== dim) {
      this.dim = dim;
      this.axes = dim >= 3 ? [0, 1, 2] : dim === 2 ? [0, 1] : [0];
      app.watch(this.axes); // the engine sends each traced step's moves on these axes
    }
    this.axisSelects.forEach((s, k) => {
      s.label.hidden = dim <= 3 || k >= this.axes.length;
      if (!s.label.hidden) s.setOptions(columns, String(this.axes[k]));
    });
    const width = Math.min(this.width || 400, 460, app.budget);
    const height = width;
    const ctx = fitCanvas(this.canvas, width, height);
    ctx.clearRect(0, 0, width, height);

    const ghosts = this.ghostCoords(app);
    // The box holds the data, the ghosts and the origin, where the ghosts start.
    const lo = [], hi = [];
    this.axes.forEach((a, k) => {
      const [dl, dh] = columnExtent(app.data, dim, a);
      const [wl, wh] = columnExtent(ghosts, this.axes.length, k);
      lo[k] = Math.min(0, dl, wl);
      hi[k] = Math.max(1, dh, wh);
    });
    const p = this.projection;
    p.setup(this.axes, lo, hi, width, height);
    // A finger turns the cube; over a flat scatter it scrolls the page.
    this.canvas.style.touchAction = p.cube ? 'none' : 'pan-y';
    if (p.cube) this.drawBox(ctx, app);
    else this.drawAxes(ctx, app, lo, hi);

    this.dataPoints = this.drawData(ctx, app);
    this.ghostPoints = this.drawGhosts(ctx, app, ghosts, nodes);
    this.drawTug(ctx, app);
    if (!app.tugTraces?.length) this.drawTrace(ctx, app);
    this.canvas.setAttribute('aria-label', `Input space: ${app.dataRows} data rows and ${nodes} nodes drawn at their weights.`);
    this.note.textContent = p.cube
      ? 'Drag (or focus and use the arrow keys) to turn the cube. Dots: data rows. Rings: nodes at their weights ("ghosts"), joined to their grid neighbours.'
      : 'Dots: data rows. Rings: nodes at their weights ("ghosts"), joined to their grid neighbours.';
    if (this.gliding) app.render();
  }

  /**
   * Every node's weights on this view's axes (nodes × axes.length): where its ghost is drawn. In
   * the update phase the ghosts glide from the trace's weights before the step to those after.
   */
  ghostCoords(app) {
    const moves = this.moves(app.trace);
    this.gliding = false;
    if (!moves || app.phaseName !== 'update') {
      this.glideStart = null;
      return onAxes(app.displayedWeights(), app.shape.dim, this.axes);
    }
    const now = performance.now();
    if (this.glideMoves !== moves) {
      this.glideMoves = moves;
      this.glideStart = now;
    }
    const f = Math.min(1, (now - this.glideStart) / GLIDE_MS);
    if (f >= 1) return moves.after;
    this.gliding = true;
    return moves.before.map((b, i) => b + (moves.after[i] - b) * f);
  }

  /** A traced step's weights before and after on this view's axes, once the engine sent them. */
  moves(trace) {
    const moves = trace?.moves;
    return moves && moves.axes.join() === this.axes.join() ? moves : null;
  }

  /** Canvas point of node `i` of an array of nodes on this view's axes (nodes × axes.length). */
  projectNode(values, i) {
    const p = this.projection;
    const k = this.axes.length;
    return p.projectUnit(this.axes.map((_, j) => (values[i * k + j] - p.lo[j]) / p.span[j]));
  }

  drawBox(ctx, app) {
    const p = this.projection;
    ctx.strokeStyle = '#bbb';
    ctx.lineWidth = 1;
    for (const [a, b] of p.boxEdges()) {
      const [x1, y1] = p.projectUnit(a), [x2, y2] = p.projectUnit(b);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    }
    ctx.fillStyle = '#444';
    ctx.font = '12px system-ui, sans-serif';
    const labels = [[1.08, 0, 0], [0, 1.08, 0], [0, 0, 1.08]];
    labels.forEach((u, k) => {
      const [x, y] = p.projectUnit(u);
      const text = app.columns[this.axes[k]];
      // Keep the label inside the canvas (long column names at the right edge).
      ctx.fillText(text, Math.max(2, Math.min(x, p.width - ctx.measureText(text).width - 2)), y);
    });
    // The corner where every weight is zero: new maps start in a small cloud here.
    if (p.lo.every((v) => v === 0)) {
      const [ox, oy] = p.projectUnit([0, 0, 0]);
      ctx.fillStyle = '#000';
      ctx.beginPath();
      ctx.arc(ox, oy, 3, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillText('origin (0, 0, 0)', ox + 6, oy + 14);
    }
  }

  drawAxes(ctx, app, lo, hi) {
    const p = this.projection;
    const [x0, y0] = p.projectUnit([0, 0]);
    const [x1, y1] = p.projectUnit([1, 1]);
    ctx.strokeStyle = '#bbb';
    ctx.strokeRect(x0, y1, x1 - x0, y0 - y1);
    ctx.fillStyle = '#444';
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillText(`${app.columns[this.axes[0]]} →`, x1 - 60, y0 + 16);
    if (this.axes.length > 1) ctx.fillText(`↑ ${app.columns[this.axes[1]]}`, x0 - 4, y1 - 6);
    ctx.fillText(`(${lo[0].toFixed(1)}, ${(lo[1] ?? 0).toFixed(1)})`, x0 - 4, y0 + 16);
  }

  /**
   * Data rows as dots: own colour for 3-column data, label colour when labelled. The dots change
   * only with the data or the projection, not while the map trains: they are drawn once into a
   * layer that each frame copies (one drawImage instead of a fill() per row).
   */
  drawData(ctx, app) {
    const p = this.projection;
    const ratio = window.devicePixelRatio || 1;
    const key = [p.axes, p.lo, p.span, p.width, p.height, p.cube && p.yaw, p.cube && p.pitch, ratio].join('|');
    const layer = this.dataLayer;
    if (!layer || layer.key !== key || layer.data !== app.data || layer.labels !== app.labels) {
      const canvas = layer?.canvas ?? document.createElement('canvas');
      canvas.width = Math.round(p.width * ratio);
      canvas.height = Math.round(p.height * ratio);
      const lctx = canvas.getContext('2d');
      lctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      lctx.clearRect(0, 0, p.width, p.height);
      this.dataLayer = { key, data: app.data, labels: app.labels, canvas, points: this.drawDots(lctx, app) };
    }
    ctx.drawImage(this.dataLayer.canvas, 0, 0, p.width, p.height);
    return this.dataLayer.points;
  }

  drawDots(ctx, app) {
    const { dim } = app.shape;
    const data = app.data;
    const rows = data.length / dim;
    const points = [];
    const r = rows > 2000 ? 1.2 : 2.5;
    for (let i = 0; i < rows; i++) {
      const [x, y] = this.projection.project(data, i * dim);
      points.push([x, y, i]);
      ctx.fillStyle = app.labels.length ? labelColour(app.labels[i])
        : dim === 3 ? rgb([channel(data[i * 3]), channel(data[i * 3 + 1]), channel(data[i * 3 + 2])]) : '#888';
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
    }
    return points;
  }

  /** Nodes as ghosts at their weights, with the elastic net between grid neighbours. */
  drawGhosts(ctx, app, ghosts, nodes) {
    const pts = [];
    for (let i = 0; i < nodes; i++) {
      const q = this.projectNode(ghosts, i);
      pts.push([q[0], q[1], i]);
    }
    ctx.strokeStyle = 'rgba(40,40,40,0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    const edges = app.edges;
    for (let e = 0; e < edges.length; e += 2) {
      const a = pts[edges[e]], b = pts[edges[e + 1]];
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
    }
    ctx.stroke();
    const r = nodes > 400 ? 2 : 4;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.strokeStyle = '#222';
    if (nodes > 400) {
      // Thousands of ghosts: two path draws per node cost ~40 ms of rasterising a frame (software
      // canvas). Instead one ghost is drawn once and its pixels stamped into a layer at every
      // node (whole pixels), and the layer is drawn with one drawImage.
      this.stampGhosts(ctx, pts, r);
    } else {
      for (const [x, y] of pts) {
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    ring(ctx, pts[app.selected], 8, '#d4a000', 3);
    return pts;
  }

  stampGhosts(ctx, pts, r) {
    const ratio = window.devicePixelRatio || 1;
    const p = this.projection;
    const w = Math.round(p.width * ratio), h = Math.round(p.height * ratio);
    let layer = this.ghostLayer;
    if (!layer || layer.w !== w || layer.h !== h) {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const image = new ImageData(w, h);
      layer = this.ghostLayer = { w, h, canvas, image, px: new Uint32Array(image.data.buffer) };
    }
    const stamp = ghostStamp(r, ratio);
    const px = layer.px;
    px.fill(0);
    for (const [x, y] of pts) {
      const x0 = Math.round(x * ratio) - stamp.half, y0 = Math.round(y * ratio) - stamp.half;
      for (const [dx, dy, v] of stamp.pixels) {
        const X = x0 + dx, Y = y0 + dy;
        if (X >= 0 && Y >= 0 && X < w && Y < h) px[Y * w + X] = v;
      }
    }
    layer.canvas.getContext('2d').putImageData(layer.image, 0, 0);
    ctx.drawImage(layer.canvas, 0, 0, p.width, p.height);
  }

  /** Tug-of-war rows ringed in their colours; after "Pull", each row's arrows in its colour. */
  drawTug(ctx, app) {
    app.tugRows.forEach((row, k) => ring(ctx, this.dataPoints[row], 8, CATEGORICAL[k], 3));
    (app.tugTraces ?? []).forEach((trace, k) => this.drawPullArrows(ctx, app, trace, CATEGORICAL[k]));
  }

  /**
   * One arrow per node, from its weights before a traced step to its weights after it: its
   * length is α·h·‖x − w‖, as the core computed the update. Arrows under 2 px are left out.
   */
  drawPullArrows(ctx, app, trace, colour) {
    const moves = this.moves(trace);
    if (!moves) return;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.5;
    for (let i = 0; i < app.shape.nodes; i++) {
      const [x1, y1] = this.projectNode(moves.before, i);
      const [x2, y2] = this.projectNode(moves.after, i);
      if ((x2 - x1) ** 2 + (y2 - y1) ** 2 >= 4) arrow(ctx, x1, y1, x2, y2);
    }
  }

  /** The current row, the BMU and, from the neighbourhood phase on, the pull arrows. */
  drawTrace(ctx, app) {
    const trace = app.trace;
    const phase = app.phaseName;
    if (!trace || !phase) return;
    const x = this.projection.projectUnit(this.axes.map((a, k) => (trace.x[a] - this.projection.lo[k]) / this.projection.span[k]));
    ring(ctx, x, 9, '#d00', 3);
    if (phase === 'row' || phase === 'distances') return;
    const ghost = this.ghostPoints[trace.bmu];
    ring(ctx, ghost, 7, '#000', 3);
    if (phase !== 'bmu') this.drawPullArrows(ctx, app, trace, '#d00');
    // Where the BMU's ghost is drawn before and after the update (CSS px on this canvas).
    const moves = this.moves(trace);
    if (!moves) return;
    const from = this.projectNode(moves.before, trace.bmu);
    const to = this.projectNode(moves.after, trace.bmu);
    this.canvas.dataset.bmuMove = [from[0], from[1], to[0], to[1]].map(Math.round).join(',');
  }
}

const stamps = new Map();
/** One ghost (white disc of radius r, dark 1 px outline), drawn once at the device's pixel ratio:
 *  its visible pixels as [dx, dy, RGBA as a little-endian u32] around a centre `half`. */
function ghostStamp(r, ratio) {
  const key = `${r}|${ratio}`;
  let stamp = stamps.get(key);
  if (!stamp) {
    const size = Math.ceil((2 * r + 2) * ratio) | 1; // odd, so the centre is a pixel
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size;
    const c = canvas.getContext('2d', { willReadFrequently: true });
    c.scale(ratio, ratio);
    c.beginPath();
    c.arc(size / ratio / 2, size / ratio / 2, r, 0, 2 * Math.PI);
    c.fillStyle = 'rgba(255,255,255,0.85)';
    c.fill();
    c.strokeStyle = '#222';
    c.lineWidth = 1;
    c.stroke();
    const data = new Uint32Array(c.getImageData(0, 0, size, size).data.buffer);
    const pixels = [];
    for (let i = 0; i < data.length; i++) if (data[i] >>> 24) pixels.push([i % size, Math.floor(i / size), data[i]]);
    stamp = { half: (size - 1) / 2, pixels };
    stamps.set(key, stamp);
  }
  return stamp;
}

/** [min, max] of column `a` of a row-major array with `dim` columns (finite values only). */
function columnExtent(values, dim, a) {
  let lo = Infinity, hi = -Infinity;
  for (let i = a; i < values.length; i += dim) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** The item of `points` ([x, y, id]) nearest to the pointer, within `radius` px. */
function nearest(points, e, canvas, radius) {
  if (!points) return null;
  const r = canvas.getBoundingClientRect();
  const px = e.clientX - r.left, py = e.clientY - r.top;
  let best = null, bestD = radius * radius;
  for (const [x, y, id] of points) {
    const d = (x - px) ** 2 + (y - py) ** 2;
    if (d < bestD) { bestD = d; best = id; }
  }
  return best;
}
