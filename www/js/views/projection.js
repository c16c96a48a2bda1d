// Projects points of input space onto a canvas: 1 or 2 chosen columns as a flat scatter, 3 as
// a cube the student turns by dragging. Drawing geometry only; the points come from the core.

export class Projection {
  constructor() {
    // Turned so that the cube's main diagonal (black to white) runs across the screen, not into
    // it: a ghost pulled from the origin towards a light row moves visibly.
    this.yaw = 0.6;
    this.pitch = 0.45;
  }

  /**
   * Fits the box [lo, hi] per axis into a width × height canvas. `axes` are column indices
   * (two for a flat view, three for the cube).
   */
  setup(axes, lo, hi, width, height) {
    this.axes = axes;
    this.lo = lo;
    this.span = hi.map((h, k) => h - lo[k] || 1);
    this.width = width;
    this.height = height;
    this.cube = axes.length === 3;
    this.size = Math.min(width, height) * (this.cube ? 0.55 : 0.86);
  }

  /** Canvas [x, y, depth] of a point whose coordinates start at values[offset]. */
  project(values, offset) {
    return this.projectUnit(this.axes.map((a, k) => (values[offset + a] - this.lo[k]) / this.span[k]));
  }

  /** Canvas [x, y, depth] of a point given as fractions of the box along each axis. */
  projectUnit(u) {
    const [x, y, z] = u.map((v) => v - 0.5);
    if (!this.cube) return [this.width / 2 + x * this.size, this.height / 2 - (y ?? 0) * this.size, 0];
    const cy = Math.cos(this.yaw), sy = Math.sin(this.yaw);
    const cp = Math.cos(this.pitch), sp = Math.sin(this.pitch);
    const x1 = cy * x + sy * y;
    const y1 = -sy * x + cy * y;
    const z1 = cp * z - sp * y1;
    const depth = sp * z + cp * y1;
    return [this.width / 2 + x1 * this.size, this.height / 2 - z1 * this.size, depth];
  }

  /** Turns the cube by a drag of (dx, dy) pixels. */
  drag(dx, dy) {
    this.yaw += dx * 0.01;
    this.pitch = Math.max(-1.5, Math.min(1.5, this.pitch + dy * 0.01));
  }

  /** The box's 12 edges as pairs of corners, each corner as fractions [0|1, 0|1, 0|1]. */
  boxEdges() {
    const edges = [];
    for (let a = 0; a < 8; a++) {
      for (const bit of [1, 2, 4]) {
        if (!(a & bit)) edges.push([a, a | bit].map((c) => [c & 1, (c >> 1) & 1, (c >> 2) & 1]));
      }
    }
    return edges;
  }
}
