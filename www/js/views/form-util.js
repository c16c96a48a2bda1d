// Small helpers shared by the panels: labelled form fields built from DOM nodes (all text goes
// in as textContent), and a width watcher.

/** A <label> holding `text` and a control; optional hint shown under it (aria-describedby). */
export function labelled(text, control, hint) {
  const label = document.createElement('label');
  label.className = 'field';
  const span = document.createElement('span');
  span.textContent = text;
  label.append(span, control);
  if (hint) {
    const small = document.createElement('small');
    small.id = `${control.id || control.name}-hint`;
    small.textContent = hint;
    control.setAttribute('aria-describedby', small.id);
    label.append(small);
  }
  return label;
}

/** A <select> with [value, text] options. */
export function selectEl(name, options) {
  const el = document.createElement('select');
  el.name = name;
  el.id = `f-${name}`;
  el.append(...options.map(([v, t]) => new Option(t, v)));
  return el;
}

/** A <button type="button">; `label` becomes its aria-label (say the visible text in it). */
export function buttonEl(text, onClick, { id, label } = {}) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (id) b.id = id;
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** An <input type="number">. */
export function numberEl(name, { min, max, step = 'any' } = {}) {
  const el = document.createElement('input');
  el.type = 'number';
  el.name = name;
  el.id = `f-${name}`;
  if (min != null) el.min = String(min);
  if (max != null) el.max = String(max);
  el.step = String(step);
  el.inputMode = step === 1 ? 'numeric' : 'decimal';
  return el;
}

/** The number in a number input, or NaN when it is blank (the core then names the field). */
export function numberOf(el) {
  return el.value.trim() === '' ? NaN : Number(el.value);
}

/**
 * The content width of `el` now, then `onWidth(width)` and a redraw whenever it changes, so the
 * views never read layout while rendering (a read after a DOM write forces a synchronous layout).
 */
export function watchWidth(el, app, onWidth) {
  let last = el.clientWidth;
  new ResizeObserver((entries) => {
    const width = Math.floor(entries[0].contentRect.width);
    if (width === last) return;
    last = width;
    onWidth(width);
    app.render();
  }).observe(el);
  return last;
}
