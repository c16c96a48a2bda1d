// The parts of <som-pitfall> (pitfall.js) that say what a side's settings are and let the student
// change them: the labels of the settings in which the sides differ, the core's warnings for the
// pitfall side with a one-click fix each, the note of the fixes applied with "Restore the
// pitfall", and the Play speed. No SOM math here: settings, warnings and fixes come from the core.
import { buttonEl } from './views/form-util.js';

/** Play's speeds, lock steps per drawn frame (the Worker never takes more per frame). */
export const SPEEDS = [
  [1, 'slow, 1 step/frame'],
  [5, '5 steps/frame'],
  [20, '20 steps/frame'],
  [200, '200 steps/frame'],
  [2000, 'fastest, 2,000/frame'],
];
export const DEFAULT_SPEED = 20;

/** How the options that tell the two sides apart are named in their labels. */
const OPTION_NAMES = {
  sigma: 'σ', sigmaEnd: 'σ at the end', sigmaDecay: 'σ schedule',
  learningRate: 'α', learningRateEnd: 'α at the end', learningRateDecay: 'α schedule',
  neighborhood: 'neighbourhood', scaling: 'scaling', topology: 'topology', toroidal: 'wrap-around',
  init: 'start', order: 'row order', steps: 'steps', seed: 'seed',
};
const VALUE_NAMES = { mexicanHat: 'mexican hat', minMax: 'min–max', zScore: 'z-score', none: 'none (raw data)' };

/** `v` for a label: numbers to 3 significant digits (the core's f32 0.30000001 is 0.3), names in words. */
function value(v) {
  if (typeof v === 'number') return Number(v.toPrecision(3)).toLocaleString('en');
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return VALUE_NAMES[v] ?? String(v);
}

/** The settings in which the two sides differ, for one side: "σ = 0.3, σ at the end = 0.3" ('' if none). */
export function describe(options, other) {
  const differs = Object.keys(options).filter((k) => !['data', 'dataRows', 'dim'].includes(k) && options[k] !== other[k]);
  const parts = [];
  if (differs.includes('rows') || differs.includes('cols')) parts.push(`a ${options.rows} × ${options.cols} map`);
  for (const k of differs) {
    if (k === 'rows' || k === 'cols') continue;
    parts.push(`${OPTION_NAMES[k] ?? k} = ${value(options[k])}`);
  }
  return parts.join(', ');
}

/** What a fix sets, in words: "set scaling to min–max". */
const fixText = ({ field, value: v }) => `set ${field} to ${value(v)}`;

/**
 * Fills `container` with the core's warnings for the pitfall side, each with a button that
 * applies its fix (`onFix(code)`), then, when fixes are applied, a note naming them with a
 * "Restore the pitfall" button (`onRestore()`).
 */
export function showWarnings(container, { warnings, fixes }, { onFix, onRestore }) {
  const parts = warnings.map((w) => {
    const p = document.createElement('p');
    p.className = 'warning';
    p.dataset.code = w.code;
    p.append(`Warning: ${w.message} `, buttonEl(`Fix: ${fixText(w.fix)}`, () => onFix(w.code)));
    return p;
  });
  if (fixes.length) {
    const p = document.createElement('p');
    p.className = 'fixed';
    p.setAttribute('role', 'status');
    p.append(`Fixed (${fixes.map(fixText).join(', then ')}): both maps started again from t = 0. `,
      buttonEl('Restore the pitfall', onRestore));
    parts.push(p);
  }
  container.replaceChildren(...parts);
}

/** Fills the speed <select> with SPEEDS; `onChange(stepsPerFrame)` when the student picks one. */
export function mountSpeed(select, onChange) {
  select.replaceChildren(...SPEEDS.map(([steps, text]) => new Option(text, String(steps), false, steps === DEFAULT_SPEED)));
  select.addEventListener('change', () => onChange(Number(select.value)));
}
