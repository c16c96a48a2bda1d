// Number formatting shared by the views (display only: the numbers come from the core).

/** `x` with `digits` decimals, or an en dash when it is not a finite number. */
export function fmt(x, digits = 3) {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}
