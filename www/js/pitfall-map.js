// A pitfall pair's map (pitfall.js): each node a square of the grid, coloured by its weights as
// red, green, blue (three columns) or by its U-matrix value on viridis (any other number), with
// the legend under it. Display only: the colours are the core's weights or U-matrix.
import { viridis, channel, extent, rgb } from './colors.js';
import { fmt } from './format.js';

/** A map's canvas is drawn at about this many pixels across (CSS scales it to fit). */
const CANVAS_PX = 300;

/** Sizes `canvas` to a side's grid (`positions`: the core's node centres) and returns what drawing needs. */
export function layoutMap(canvas, { positions, rows, cols }, name) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 2) {
    x0 = Math.min(x0, positions[i]); x1 = Math.max(x1, positions[i]);
    y0 = Math.min(y0, positions[i + 1]); y1 = Math.max(y1, positions[i + 1]);
  }
  const cell = Math.max(2, Math.floor(CANVAS_PX / Math.max(x1 - x0 + 1, y1 - y0 + 1)));
  canvas.width = Math.round((x1 - x0 + 1) * cell);
  canvas.height = Math.round((y1 - y0 + 1) * cell);
  canvas.setAttribute('aria-label', `${name}: ${rows} × ${cols} nodes`);
  return { positions, x0, y0, cell };
}

/** Draws a side's snapshot `s` (its `mode` and `colours`) on `canvas`, laid out by `layoutMap`. */
export function drawMap(canvas, { positions, x0, y0, cell }, s) {
  const ctx = canvas.getContext('2d');
  const colour = colouring(s);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < positions.length / 2; i++) {
    ctx.fillStyle = colour(i);
    ctx.fillRect(Math.round((positions[2 * i] - x0) * cell), Math.round((positions[2 * i + 1] - y0) * cell), cell, cell);
  }
}

/** Node i's colour: its weights as red, green, blue, or its U-matrix value on viridis (this side's range). */
function colouring(s) {
  const c = s.colours;
  if (s.mode === 'rgb') return (i) => rgb([channel(c[3 * i]), channel(c[3 * i + 1]), channel(c[3 * i + 2])]);
  const [lo, hi] = extent(c);
  return (i) => rgb(viridis(hi > lo ? (c[i] - lo) / (hi - lo) : 0));
}

/** The legend `p` under a map: what the colours mean (and the U-matrix's range on this side). */
export function showLegend(p, s) {
  if (s.mode === 'rgb') {
    if (p.dataset.mode !== 'rgb') p.textContent = 'Node colour: its weights as red, green, blue, clipped to 0–1.';
  } else {
    const [lo, hi] = extent(s.colours);
    if (p.dataset.mode !== 'umatrix') {
      const ramp = document.createElement('span');
      ramp.className = 'ramp';
      ramp.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      p.replaceChildren('U-matrix (distance to neighbours): ', ramp, text);
    }
    p.lastChild.textContent = ` ${fmt(lo)} to ${fmt(hi)}`;
  }
  p.dataset.mode = s.mode;
}
