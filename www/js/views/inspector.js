// The inspector: everything the core knows about the selected node, with the formulas filled in
// with the core's numbers: its weights, its distance to the current row, its h and its pull.
import { fmt } from '../format.js';

export class Inspector {
  constructor(container) {
    this.el = container;
  }

  render(app) {
    const i = app.shown;
    const { cols, dim } = app.shape;
    // Null for a moment on a large map, until the engine sends the newly shown node's weights.
    const weights = app.nodeWeights(i);
    const w = weights ? Array.from(weights) : [];
    const trace = app.trace;
    const phase = app.phaseName;
    const parts = [];
    const p = (text, testid, cls) => {
      const el = document.createElement('p');
      el.textContent = text;
      if (testid) el.dataset.testid = testid;
      if (cls) el.className = cls;
      parts.push(el);
      return el;
    };
    p(`Node ${i} (row ${Math.floor(i / cols)}, column ${i % cols})`, 'node-title').style.fontWeight = '600';
    const updated = trace && phase === 'update';
    p(updated ? 'Weights after this step\'s update (its new coordinates in input space):' : trace && phase ? 'Weights before this step\'s update (its coordinates in input space):' : 'Weights (its coordinates in input space):', 'node-weights-label');
    const weightsEl = p(weights ? w.map((v, k) => `${app.columns[k]} = ${fmt(v, 4)}`).join(', ') : '…', 'node-weights', 'formula');
    weightsEl.dataset.values = w.map((v) => fmt(v, 4)).join(',');
    if (trace && phase && phase !== 'row') {
      const x = trace.x;
      // Before the update these are the weights drawn; in it, the engine sends the shown node's.
      const before = app.nodeBefore(i);
      const d = trace.distances[i];
      // The terms carry the digits that give the printed result (f32 values: 4 decimals each).
      const terms = before ? Array.from(x, (xv, k) => `(${fmt(xv, 4)} − ${fmt(before[k], 4)})²`).join(' + ') : '…';
      p(`Distance to row ${trace.row}, from the weights before the update:`);
      p(`√(${terms}) = ${fmt(d, 4)}`, 'node-distance', 'formula').dataset.value = fmt(d, 4);
      if (phase !== 'distances') {
        p(i === trace.bmu ? 'This node is the best matching unit (BMU): the closest of all.' : `The BMU is node ${trace.bmu}.`, 'node-bmu').dataset.value = String(trace.bmu);
      }
      if (phase === 'neighborhood' || phase === 'update') {
        const h = trace.h[i];
        p(`h = ${fmt(h, 4)} (σ = ${fmt(trace.sigma, 3)}); pull α·h = ${fmt(trace.learningRate, 4)} × ${fmt(h, 4)} = ${fmt(trace.pulls[i], 4)}`, 'node-h', 'formula').dataset.value = fmt(h, 4);
        // The mexican hat's rim is negative: those nodes are pushed away from the row, not pulled.
        if (h < 0) p('h is negative here: this node is pushed away from the row (the mexican hat\'s rim), by |α·h| of its distance.', 'node-push');
      }
      if (phase === 'update' && before && weights) {
        p(`Update w += α·h·(x − w): ${w.map((v, k) => `${fmt(before[k], 3)} → ${fmt(v, 3)}`).join(', ')}`, 'node-update', 'formula');
      }
    } else {
      p('Step through a row to see this node\'s distance, h and pull.');
    }
    this.el.replaceChildren(...parts);
  }
}
