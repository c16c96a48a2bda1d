// Numbers as text for files and links (formatting only: the numbers come from the core).

/** The shortest decimal that reads back as the same 32-bit float (0.01, not 0.009999999776482582). */
export function f32Text(x) {
  if (!Number.isFinite(x)) return String(x);
  const target = Math.fround(x);
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(target.toPrecision(digits)));
    if (Math.fround(Number(text)) === target) return text;
  }
  return String(Number(target.toPrecision(9)));
}
