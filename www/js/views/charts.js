// Two small plots over time: (a) the schedules α(t) and σ(t) over 0..steps, from the core's
// scheduleCurve, with a marker at the current t; (b) quantization and topographic error as
// training goes on, from the samples in app.history. Each curve has its own scale, labelled.
import { fitCanvas } from './grid-geometry.js';
import { extent } from '../colors.js';
import { fmt } from '../format.js';
import { watchWidth } from './form-util.js';

const HEIGHT = 150;
const THROTTLE_MS = 100;
const PAD = { left: 46, right: 46, top: 20, bottom: 26 };
const BLUE = '#0072B2';
const VERMILION = '#C24100'; // Okabe–Ito vermilion, darkened for 4.5:1 text contrast on white
const INK = '#1d1d1f';
const MUTED = '#4a4a55';

export class Charts {
  constructor(container, app) {
    const make = (title, testid) => {
      const figure = document.createElement('figure');
      figure.className = 'chart';
      const caption = document.createElement('figcaption');
      caption.textContent = title;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      canvas.dataset.testid = testid;
      const legend = document.createElement('p');
      legend.className = 'legend chart-legend';
      figure.append(caption, canvas, legend);
      container.append(figure);
      return { canvas, legend };
    };
    this.schedule = make('Learning rate α and radius σ over the training horizon', 'schedule-chart');
    this.errors = make('How well the map fits the data', 'error-chart');
    this.available = watchWidth(container, app, (w) => { this.available = w; });
  }

  render(app) {
    const width = Math.min(this.available || 320, 560);
    const t = app.t;
    this.curve = app.scheduleCurve;
    const scheduleKey = `${t}|${width}|${app.budget}`;
    if (scheduleKey !== this.scheduleKey || this.drawnVersion !== app.mapVersion) {
      // While training fast (t moving, no trace), redraw at most ten times a second.
      const onlyT = this.drawnVersion === app.mapVersion && width === this.width && !app.trace;
      if (onlyT && performance.now() - this.drawnAt < THROTTLE_MS) {
        this.pending ??= setTimeout(() => {
          this.pending = null;
          app.render();
        }, THROTTLE_MS);
      } else {
        this.scheduleKey = scheduleKey;
        this.drawnVersion = app.mapVersion;
        this.width = width;
        this.drawnAt = performance.now();
        this.drawSchedule(app, width, t);
      }
    }
    const h = app.history;
    const last = h[h.length - 1];
    const errorKey = `${h.length}|${last ? last.t : ''}|${width}|${app.budget}`;
    if (errorKey !== this.errorKey || this.history !== h) {
      this.errorKey = errorKey;
      this.history = h;
      this.drawErrors(app, width);
    }
  }

  drawSchedule(app, width, t) {
    const c = this.curve;
    const n = c.length / 3;
    const steps = c[c.length - 3];
    const alpha = Array.from({ length: n }, (_, k) => c[3 * k + 1]);
    const sigma = Array.from({ length: n }, (_, k) => c[3 * k + 2]);
    const aTop = extent(alpha)[1] || 1;
    const sTop = extent(sigma)[1] || 1;
    const height = chartHeight(app);
    const ctx = fitCanvas(this.schedule.canvas, width, height);
    const plot = frame(ctx, width, height);
    const px = (v) => plot.x0 + ((plot.x1 - plot.x0) * Math.min(v, steps)) / (steps || 1);
    const py = (v, top) => plot.y1 - ((plot.y1 - plot.y0) * v) / top;
    line(ctx, c, 3, (k) => px(c[3 * k]), (k) => py(alpha[k], aTop), BLUE, []);
    line(ctx, c, 3, (k) => px(c[3 * k]), (k) => py(sigma[k], sTop), VERMILION, [6, 4]);
    axes(ctx, plot, { left: [fmt(aTop, 3), '0'], right: [fmt(sTop, 2), '0'], bottom: ['0', `steps = ${steps.toLocaleString('en')}`] });
    // The current t: a vertical marker and the core's α(t), σ(t) as dots on the curves.
    const lr = app.learningRate;
    const sg = app.sigma;
    const mx = px(t);
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1;
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(mx, plot.y0);
    ctx.lineTo(mx, plot.y1);
    ctx.stroke();
    ctx.setLineDash([]);
    dot(ctx, mx, py(lr, aTop), BLUE);
    dot(ctx, mx, py(sg, sTop), VERMILION);
    ctx.fillStyle = INK;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'bottom';
    ctx.textAlign = mx > (plot.x0 + plot.x1) / 2 ? 'right' : 'left';
    ctx.fillText(`t = ${t.toLocaleString('en')}`, mx + (ctx.textAlign === 'left' ? -2 : 2), plot.y0 - 3);
    const first = (arr) => arr[0];
    const lastOf = (arr) => arr[arr.length - 1];
    const beyond = t > steps ? ` t is past the horizon (${steps.toLocaleString('en')} steps).` : '';
    const text = [
      `α, learning rate (blue, solid, left scale): ${fmt(first(alpha), 3)} → ${fmt(lastOf(alpha), 3)}; now ${fmt(lr, 4)}.`,
      `σ, radius (vermilion, dashed, right scale): ${fmt(first(sigma), 2)} → ${fmt(lastOf(sigma), 2)}; now ${fmt(sg, 3)}.${beyond}`,
    ];
    setLegend(this.schedule.legend, text, [BLUE, VERMILION]);
    this.schedule.canvas.setAttribute('aria-label', `Schedules over 0 to ${steps} steps, now at t = ${t}. ${text.join(' ')}`);
  }

  drawErrors(app, width) {
    const h = app.history;
    const height = chartHeight(app);
    const ctx = fitCanvas(this.errors.canvas, width, height);
    const plot = frame(ctx, width, height);
    const t0 = h.length ? h[0].t : 0;
    const t1 = h.length ? h[h.length - 1].t : 0;
    const qeTop = extent(h.map((s) => s.qe))[1] || 1;
    const px = (v) => plot.x0 + ((plot.x1 - plot.x0) * (v - t0)) / (t1 - t0 || 1);
    const py = (v, top) => plot.y1 - ((plot.y1 - plot.y0) * v) / top;
    if (h.length > 1) {
      line(ctx, h, 1, (k) => px(h[k].t), (k) => py(h[k].qe, qeTop), BLUE, []);
      line(ctx, h, 1, (k) => px(h[k].t), (k) => py(h[k].te, 1), VERMILION, [6, 4]);
    } else if (h.length === 1) {
      dot(ctx, px(t0), py(h[0].qe, qeTop), BLUE);
      dot(ctx, px(t0), py(h[0].te, 1), VERMILION);
    }
    axes(ctx, plot, { left: [fmt(qeTop, 3), '0'], right: ['1', '0'], bottom: [`t = ${t0.toLocaleString('en')}`, `t = ${t1.toLocaleString('en')}`] });
    const now = h[h.length - 1];
    const text = now
      ? [
          `Quantization error (blue, solid, left scale): ${fmt(now.qe, 4)}, the mean distance from a row to its BMU.`,
          `Topographic error (vermilion, dashed, right scale 0–1): ${fmt(now.te, 3)}, the share of rows whose two closest nodes are not grid neighbours.`,
        ]
      : ['No samples yet.'];
    setLegend(this.errors.legend, text, now ? [BLUE, VERMILION] : []);
    this.errors.canvas.setAttribute('aria-label', `Errors from t = ${t0} to t = ${t1}. ${text.join(' ')}`);
  }
}

/** A chart's height: HEIGHT, or less when the lesson fits one screen (two charts share the stage). */
function chartHeight(app) {
  return Math.round(Math.max(70, Math.min(HEIGHT, (app.budget - 140) / 2)));
}

/** The plotting rectangle inside the canvas, cleared and framed. */
function frame(ctx, width, height) {
  ctx.clearRect(0, 0, width, height);
  const plot = { x0: PAD.left, x1: width - PAD.right, y0: PAD.top, y1: height - PAD.bottom };
  ctx.strokeStyle = '#d6d6de';
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x0, plot.y0, plot.x1 - plot.x0, plot.y1 - plot.y0);
  return plot;
}

/** A polyline through `count(points)` points given by the coordinate functions. */
function line(ctx, points, stride, fx, fy, colour, dash) {
  const n = points.length / stride;
  ctx.beginPath();
  for (let k = 0; k < n; k++) ctx.lineTo(fx(k), fy(k));
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.stroke();
  ctx.setLineDash([]);
}

function dot(ctx, x, y, colour) {
  ctx.beginPath();
  ctx.arc(x, y, 4, 0, 2 * Math.PI);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** Tick labels: top and bottom of the left (blue) and right (vermilion) scales, both ends of x. */
function axes(ctx, plot, { left, right, bottom }) {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillStyle = BLUE;
  ctx.fillText(left[0], plot.x0 - 4, plot.y0);
  ctx.fillText(left[1], plot.x0 - 4, plot.y1);
  ctx.textAlign = 'left';
  ctx.fillStyle = VERMILION;
  ctx.fillText(right[0], plot.x1 + 4, plot.y0);
  ctx.fillText(right[1], plot.x1 + 4, plot.y1);
  ctx.fillStyle = MUTED;
  ctx.textBaseline = 'top';
  ctx.fillText(bottom[0], plot.x0, plot.y1 + 6);
  ctx.textAlign = 'right';
  ctx.fillText(bottom[1], plot.x1, plot.y1 + 6);
}

/** Legend lines, each led by a swatch of its curve's colour. */
function setLegend(el, lines, colours) {
  const key = lines.join('\n');
  if (el.dataset.key === key) return; // unchanged: the DOM is left alone
  el.dataset.key = key;
  el.replaceChildren(...lines.map((text, k) => {
    const span = document.createElement('span');
    span.className = 'chart-key';
    if (colours[k]) {
      const swatch = document.createElement('span');
      swatch.className = `swatch${k ? ' dashed' : ''}`;
      swatch.style.borderColor = colours[k];
      swatch.setAttribute('aria-hidden', 'true');
      span.append(swatch);
    }
    span.append(text);
    return span;
  }));
}
