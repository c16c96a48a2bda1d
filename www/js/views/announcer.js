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
    const rest = `${app.phase}|${app.mapVersion}|${app.tugTraces?.length ?? 0}`;
    const key = `${t}|${rest}`;
    if (key === this.key && !this.playing) return;
    // Pause takes effect in the engine's Worker, which may have trained on after the last frame
    // drawn: its final snapshot (only t moved on) can come after "Paused at" was said. Then the
    // sentence is said again with the t Play really stopped at.
    const late = this.paused && !this.playing && rest === this.paused.rest && t > this.paused.t && performance.now() - this.paused.at < PAUSE_SETTLE_MS;
    this.key = key;
    this.paused = null;
    if (!this.armed) return;
    let text;
    if (this.playing || late) {
      this.playing = false;
      this.paused = { rest, t, at: performance.now() };
      text = `Paused at t = ${t}.${app.trace ? ` Last BMU: node ${app.trace.bmu}.` : ''}`;
    } else {
      text = message(app, t);
    }
    this.el.textContent = text;
  }
}

/** How long after "Paused at" the engine's final snapshot may still correct its t (ms). */
const PAUSE_SETTLE_MS = 2000;

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
