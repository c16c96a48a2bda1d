// A polite live region for screen readers: says what each step did (its phase, the BMU, t) when
// the student steps by hand, and where the map stands when Play stops. While Play runs it stays
// quiet (fast play changes t on every frame). All numbers come from the core's trace and t.
import { fmt } from '../format.js';

export class Announcer {
  constructor(root) {
    this.el = document.createElement('div');
    this.el.id = 'announcer';
    this.el.className = 'visually-hidden';
    this.el.setAttribute('role', 'status');
    this.el.setAttribute('aria-live', 'polite');
    this.el.setAttribute('aria-atomic', 'true');
    this.el.dataset.testid = 'announcer';
    root.append(this.el);
    this.key = null;
    this.playing = false;
    // Quiet until the student does something: loading a page or a link is not news.
    this.armed = false;
    const arm = () => { this.armed = true; };
    root.addEventListener('pointerdown', arm, { capture: true, once: true });
    root.addEventListener('keydown', arm, { capture: true, once: true });
  }

  render(app) {
    const playing = app.playing;
    if (playing) {
      this.playing = true;
      return;
    }
    const t = app.t;
    const key = `${t}|${app.phase}|${app.mapVersion}|${app.tugTraces?.length ?? 0}`;
    if (key === this.key && !this.playing) return;
    this.key = key;
    if (!this.armed) return;
    let text;
    if (this.playing) {
      this.playing = false;
      text = `Paused at t = ${t}.${app.trace ? ` Last BMU: node ${app.trace.bmu}.` : ''}`;
    } else {
      text = message(app, t);
    }
    this.el.textContent = text;
  }
}

/** What the last change did, in one sentence or two. */
function message(app, t) {
  const trace = app.trace;
  if (app.tugTraces?.length) {
    const steps = app.tugTraces.map((s) => `row ${s.row} pulled its BMU node ${s.bmu}`);
    return `Tug of war: ${steps.join(', then ')}. t = ${t}.`;
  }
  if (!trace || app.phase < 0) return t === 0 ? 'New map, t = 0.' : `t = ${t}.`;
  switch (app.phaseName) {
    case 'row': return `Phase 1 of 5: row ${trace.row} is presented.`;
    case 'distances': return `Phase 2 of 5: every node's distance to row ${trace.row} is measured.`;
    case 'bmu': return `Phase 3 of 5: the best matching unit is node ${trace.bmu}.`;
    case 'neighborhood': return `Phase 4 of 5: the neighbourhood of node ${trace.bmu}, radius σ = ${fmt(trace.sigma, 2)}.`;
    default: return `Step done: row ${trace.row}, BMU node ${trace.bmu}; the BMU and its neighbours moved towards the row. t = ${t}.`;
  }
}
