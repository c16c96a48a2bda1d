// Where each node sits on a canvas: the core's node positions (neighbouring centres 1 apart)
// scaled to fit, and hit-testing of pointer positions. Drawing geometry only.

/** Circumradius of a hexagon whose neighbouring centres are 1 apart: 1/√3. */
export const HEX_RADIUS = 0.5773502691896258;

export class GridGeometry {
  constructor(positions, hexagonal, width, height) {
    this.positions = positions;
    this.hexagonal = hexagonal;
    const pad = hexagonal ? HEX_RADIUS : 0.5;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < positions.length; i += 2) {
      minX = Math.min(minX, positions[i]);
      maxX = Math.max(maxX, positions[i]);
      minY = Math.min(minY, positions[i + 1]);
      maxY = Math.max(maxY, positions[i + 1]);
    }
    const spanX = maxX - minX + 2 * pad;
    const spanY = maxY - minY + 2 * pad;
    this.scale = Math.min(width / spanX, height / spanY);
    this.offsetX = (width - spanX * this.scale) / 2 + (pad - minX) * this.scale;
    // Top-aligned: the canvas is cut to the grid's own height.
    this.offsetY = (pad - minY) * this.scale;
    this.height = spanY * this.scale;
  }

  /** Canvas coordinates of node i's centre. */
  centre(i) {
    return [this.offsetX + this.positions[2 * i] * this.scale, this.offsetY + this.positions[2 * i + 1] * this.scale];
  }

  /** Traces node i's cell (square or pointy-top hexagon) as the current path. */
  cellPath(ctx, i, inset = 0) {
    const [x, y] = this.centre(i);
    ctx.beginPath();
    if (this.hexagonal) {
      const r = HEX_RADIUS * this.scale - inset;
      for (let k = 0; k < 6; k++) {
        const a = Math.PI / 3 * k - Math.PI / 2;
        ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
    } else {
      const h = this.scale / 2 - inset;
      ctx.rect(x - h, y - h, 2 * h, 2 * h);
    }
  }

  /** The node whose centre is nearest to canvas point (x, y), if within one cell. */
  nodeAt(x, y) {
    let best = null;
    let bestD = (this.scale * 0.75) ** 2;
    for (let i = 0; i < this.positions.length / 2; i++) {
      const [cx, cy] = this.centre(i);
      const d = (cx - x) ** 2 + (cy - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
}

/** Sizes a canvas for crisp drawing at the device's pixel ratio; returns its 2-D context. */
export function fitCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
