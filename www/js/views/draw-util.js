// Small canvas shapes shared by the views: drawing only.

/** A circle of radius `r` around `point` ([x, y]), stroked. */
export function ring(ctx, point, r, colour, width) {
  if (!point) return;
  ctx.beginPath();
  ctx.arc(point[0], point[1], r, 0, 2 * Math.PI);
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}
