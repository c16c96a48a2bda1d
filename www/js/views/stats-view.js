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
    this.t.textContent = String(inStep ? app.trace.t : app.t);
    this.lr.textContent = fmt(inStep ? app.trace.learningRate : app.learningRate, 4);
    this.sigma.textContent = fmt(inStep ? app.trace.sigma : app.sigma, 3);
    const { rows, cols, nodes, dim } = app.shape;
    this.shape.textContent = `${app.dataRows} rows × ${dim} columns → ${rows}×${cols} map (${nodes} nodes)`;
    for (const li of this.phases) {
      const current = li.dataset.phase === app.phaseName;
      li.classList.toggle('current', current);
      if (current) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
  }
}
