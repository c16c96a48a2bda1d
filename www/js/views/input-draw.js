// The pieces of the input view (input-view.js) drawn on a canvas: the box or the axes, the
// elastic net, the ghosts, the pull arrows, and the hit testing of the points drawn. Canvas
// geometry only, each style in one path; the numbers come from the core through the snapshots.

/** The cube's edges, its axis labels (`names`) and, when the box starts there, the origin. */
export function drawBox(ctx, p, names) {
  ctx.strokeStyle = '#bbb';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const [a, b] of p.boxEdges()) {
    const [x1, y1] = p.projectUnit(a), [x2, y2] = p.projectUnit(b);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
  }
  ctx.stroke();
  ctx.fillStyle = '#444';
  ctx.font = '12px system-ui, sans-serif';
  const labels = [[1.08, 0, 0], [0, 1.08, 0], [0, 0, 1.08]];
  labels.forEach((u, k) => {
    const [x, y] = p.projectUnit(u);
    const text = names[k];
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

/** The flat scatter's frame, its axis names (`names`) and its lower corner's values `lo`. */
export function drawAxes(ctx, p, names, lo) {
  const [x0, y0] = p.projectUnit([0, 0]);
  const [x1, y1] = p.projectUnit([1, 1]);
  ctx.strokeStyle = '#bbb';
  ctx.lineWidth = 1;
  ctx.strokeRect(x0, y1, x1 - x0, y0 - y1);
  ctx.fillStyle = '#444';
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillText(`${names[0]} →`, x1 - 60, y0 + 16);
  if (names.length > 1) ctx.fillText(`↑ ${names[1]}`, x0 - 4, y1 - 6);
  ctx.fillText(`(${lo[0].toFixed(1)}, ${(lo[1] ?? 0).toFixed(1)})`, x0 - 4, y0 + 16);
}

/** The elastic net: one line per grid edge (`edges`: pairs of node indices), in one stroke. */
export function drawNet(ctx, pts, edges) {
  ctx.strokeStyle = 'rgba(40,40,40,0.55)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let e = 0; e < edges.length; e += 2) {
    const a = pts[edges[e]], b = pts[edges[e + 1]];
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
  }
  ctx.stroke();
}

/**
 * The ghosts at `pts`. Up to 400: every disc in one path, filled once
 * and stroked once. Thousands: two path draws per node cost ~40 ms of rasterising a frame
 * (software canvas), so one ghost is drawn once and its pixels stamped into `layer` at every
 * node (whole pixels), drawn with one drawImage. Returns the layer to keep for the next frame.
 */
export function drawGhosts(ctx, p, pts, layer) {
  const many = pts.length > 400;
  const r = many ? 2 : 4;
  if (many) {
    layer = stampGhosts(ctx, p, pts, r, layer);
  } else {
    ctx.beginPath();
    for (const [x, y] of pts) {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fill();
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  return layer;
}

function stampGhosts(ctx, p, pts, r, layer) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(p.width * ratio), h = Math.round(p.height * ratio);
  if (!layer || layer.w !== w || layer.h !== h) {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const image = new ImageData(w, h);
    layer = { w, h, canvas, image, px: new Uint32Array(image.data.buffer) };
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
  return layer;
}

/** Arrows per path: one huge path rasterises far slower than many small ones (40,000 arrows: seconds). */
const ARROWS_PER_PATH = 256;

/**
 * Arrows from `from[i]` to `to[i]` ([x, y] canvas points) in `colour`, those under 2 px left
 * out: the shafts of each ARROWS_PER_PATH in one stroke, their heads in one fill.
 */
export function drawArrows(ctx, from, to, colour) {
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.5;
  let heads = [];
  const flush = () => {
    ctx.stroke();
    ctx.beginPath();
    for (const [x, y, a] of heads) {
      ctx.moveTo(x, y);
      ctx.lineTo(x - 7 * Math.cos(a - 0.4), y - 7 * Math.sin(a - 0.4));
      ctx.lineTo(x - 7 * Math.cos(a + 0.4), y - 7 * Math.sin(a + 0.4));
      ctx.closePath();
    }
    ctx.fill();
    ctx.beginPath();
    heads = [];
  };
  ctx.beginPath();
  for (let i = 0; i < from.length; i++) {
    const [x1, y1] = from[i], [x2, y2] = to[i];
    if ((x2 - x1) ** 2 + (y2 - y1) ** 2 < 4) continue;
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    heads.push([x2, y2, Math.atan2(y2 - y1, x2 - x1)]);
    if (heads.length === ARROWS_PER_PATH) flush();
  }
  if (heads.length) flush();
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
export function columnExtent(values, dim, a) {
  let lo = Infinity, hi = -Infinity;
  for (let i = a; i < values.length; i += dim) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** The item of `points` ([x, y, id]) nearest to the pointer, within `radius` px. */
export function nearest(points, e, canvas, radius) {
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
