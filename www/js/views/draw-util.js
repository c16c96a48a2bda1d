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

/** A line from (x1, y1) to (x2, y2) with an arrowhead at its end. */
export function arrow(ctx, x1, y1, x2, y2) {
  const a = Math.atan2(y2 - y1, x2 - x1);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x2, y2);
  ctx.lineTo(x2 - 7 * Math.cos(a - 0.4), y2 - 7 * Math.sin(a - 0.4));
  ctx.lineTo(x2 - 7 * Math.cos(a + 0.4), y2 - 7 * Math.sin(a + 0.4));
  ctx.closePath();
  ctx.fill();
}
