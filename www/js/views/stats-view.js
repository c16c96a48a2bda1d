// The numbers in the header: t, the learning rate and radius at t, and the data's shape.
import { fmt } from '../format.js';

export class StatsView {
  constructor(root) {
    this.t = root.getElementById('stat-t');
    this.lr = root.getElementById('stat-lr');
    this.sigma = root.getElementById('stat-sigma');
    this.shape = root.getElementById('stat-shape');
    this.phases = [...root.querySelectorAll('.phases li')];
  }

  render(app) {
    // While a traced step is shown before its update, the numbers are the step's own: its t and
    // the α and σ it uses (the core has already advanced).
    const inStep = app.trace && app.phaseName && app.phaseName !== 'update';
    const { rows, cols, nodes, dim } = app.shape;
    // Written only when they change: a write, even of the same text, makes the browser redo style.
    setText(this.t, String(inStep ? app.trace.t : app.t));
    setText(this.lr, fmt(inStep ? app.trace.learningRate : app.learningRate, 4));
    setText(this.sigma, fmt(inStep ? app.trace.sigma : app.sigma, 3));
    setText(this.shape, `${app.dataRows} rows × ${dim} columns → ${rows}×${cols} map (${nodes} nodes)`);
    if (this.phaseShown === app.phaseName) return;
    this.phaseShown = app.phaseName;
    for (const li of this.phases) {
      const current = li.dataset.phase === app.phaseName;
      li.classList.toggle('current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
