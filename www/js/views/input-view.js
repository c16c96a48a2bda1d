// Input space: every data row as a dot, every node as a "ghost" at its weights, joined to its
// grid neighbours by the lines of the elastic net. Two columns give a scatter, three a cube to
// turn by dragging; with more, the student picks the axes. During a traced step the row is
// ringed, the BMU marked, and in the update phase each ghost glides from its old position to
// its new one (both from the core's trace) with an arrow for the pull.
import { Projection } from './projection.js';
import { fitCanvas } from './grid-geometry.js';
import { watchWidth } from './form-util.js';
import { ring } from './draw-util.js';
import { drawBox, drawAxes, drawNet, drawGhosts, drawArrows, columnExtent, nearest } from './input-draw.js';
import { select } from './map-view.js';
import { CATEGORICAL, channel, rgb, labelColour } from '../colors.js';

const GLIDE_MS = 600;
const SLOW_MS = 12;
const REDRAW_FACTOR = 3;

export class InputView {
  constructor(container, app) {
    this.projection = new Projection();
    this.axes = [0, 1, 2];
    const bar = document.createElement('div');
    bar.className = 'view-bar';
    this.axisSelects = ['x', 'y', 'z'].map((name, k) =>
      select(`${name} axis`, [], (v) => { this.axes[k] = Number(v); app.watch({ axes: this.axes }); app.render(); }));
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

  /**
   * Everything the drawing depends on but the selection: the snapshot's revision numbers (the
   * weights drawn, what of them was sent, the trace, the tug rows, the data) and the view's own
   * state (axes, rotation, phase, size), as [what training changes, the rest]. An unchanged key
   * means the picture already shows this.
   */
  drawKey(app, width) {
    const { map, view, trace, tug, data } = app.rev ?? {};
    const p = this.projection;
    return [`${map}|${view}`, [trace, tug, data, this.axes, p.yaw, p.pitch, app.phase, width, window.devicePixelRatio].join('|')];
  }

  /**
   * While playing, a picture slower than SLOW_MS to draw (a large map's ghosts and net) is
   * redrawn at most once per REDRAW_FACTOR × its cost, so that the page's thread keeps time to
   * answer clicks; in between, the last picture stays with the new selection drawn over it.
   */
  mayWait(app, [trained, rest]) {
    const picture = this.picture;
    if (!app.playing || !picture || picture.cost < SLOW_MS || rest !== picture.key[1] || trained === picture.key[0]) return false;
    const wait = picture.cost * REDRAW_FACTOR - (performance.now() - picture.at);
    if (wait <= 0) return false;
    this.pending ??= setTimeout(() => {
      this.pending = null;
      app.render();
    }, wait);
    return true;
  }

  render(app) {
    const { dim } = app.shape;
    if (this.dim !== dim) {
      this.dim = dim;
      this.axes = dim >= 3 ? [0, 1, 2] : dim === 2 ? [0, 1] : [0];
      // The engine sends each traced step's moves, and a large map's weights, on these axes.
      app.watch({ axes: this.axes });
    }
    const width = Math.min(this.width || 400, 460, app.budget);
    const key = this.drawKey(app, width);
    const fresh = this.picture && key.every((part, k) => part === this.picture.key[k]) && !this.gliding;
    if (fresh || this.mayWait(app, key)) {
      if (this.picture.selected !== app.selected) this.show(app, width);
      return;
    }
    const ghosts = this.ghostCoords(app);
    if (!ghosts) return; // drawn when the engine has sent the weights on these axes
    const started = performance.now();
    this.paint(app, width, ghosts);
    this.picture.key = key;
    this.show(app, width);
    this.picture.at = performance.now();
    this.picture.cost = this.picture.at - started;
    if (this.gliding) app.render();
  }

  /** The picture on the canvas, with the selected node's ghost ringed over it. */
  show(app, width) {
    const ctx = fitCanvas(this.canvas, width, width);
    ctx.clearRect(0, 0, width, width);
    ctx.drawImage(this.picture.canvas, 0, 0, width, width);
    ring(ctx, this.ghostPoints[app.selected], 8, '#d4a000', 3);
    this.picture.selected = app.selected;
  }

  /** Draws everything but the selection into the picture (an offscreen canvas). */
  paint(app, width, ghosts) {
    const { dim, nodes } = app.shape;
    if (this.columnsShown !== app.columns) {
      this.columnsShown = app.columns;
      this.columnOptions = app.columns.map((c, k) => [String(k), c]);
    }
    this.axisSelects.forEach((s, k) => {
      s.label.hidden = dim <= 3 || k >= this.axes.length;
      if (!s.label.hidden) s.setOptions(this.columnOptions, String(this.axes[k]));
    });
    const height = width;
    this.picture ??= { canvas: document.createElement('canvas') };
    const ctx = fitCanvas(this.picture.canvas, width, height);
    ctx.clearRect(0, 0, width, height);
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
    const names = this.axes.map((a) => app.columns[a]);
    if (p.cube) drawBox(ctx, p, names);
    else drawAxes(ctx, p, names, lo);

    this.dataPoints = this.drawData(ctx, app);
    this.ghostPoints = Array.from({ length: nodes }, (_, i) => {
      const [x, y] = this.projectNode(ghosts, i);
      return [x, y, i];
    });
    drawNet(ctx, this.ghostPoints, app.edges);
    this.ghostLayer = drawGhosts(ctx, p, this.ghostPoints, this.ghostLayer);
    this.drawTug(ctx, app);
    if (!app.tugTraces?.length) this.drawTrace(ctx, app);
    const label = `Input space: ${app.dataRows} data rows and ${nodes} nodes drawn at their weights.`;
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
    const note = p.cube
      ? 'Drag (or focus and use the arrow keys) to turn the cube. Dots: data rows. Rings: nodes at their weights ("ghosts"), joined to their grid neighbours.'
      : 'Dots: data rows. Rings: nodes at their weights ("ghosts"), joined to their grid neighbours.';
    if (this.note.textContent !== note) this.note.textContent = note;
  }

  /**
   * Every node's weights on this view's axes (nodes × axes.length): where its ghost is drawn, or
   * null until the engine has sent them. In the update phase the ghosts glide from the trace's
   * weights before the step to those after.
   */
  ghostCoords(app) {
    const moves = this.moves(app.trace);
    this.gliding = false;
    if (!moves || app.phaseName !== 'update') {
      this.glideStart = null;
      return app.onColumns(this.axes);
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
    const nodes = Array.from({ length: app.shape.nodes }, (_, i) => i);
    drawArrows(ctx, nodes.map((i) => this.projectNode(moves.before, i)), nodes.map((i) => this.projectNode(moves.after, i)), colour);
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
