// Play in a Worker, paced by the page's frames: train in slices of about SLICE_MS, look at the
// mail between slices (so the page's commands get in at once), post the newest snapshot when the
// page has drawn the last one, and never more than `stepsPerFrame` steps per drawn frame. Lesson
// (one map) and Pair (a pitfall pair in lock step) both play with it.

/** Play trains in slices of about this many ms, then looks at its mail. */
const SLICE_MS = 8;

export class Player {
  /**
   * @param host what is played:
   *   advance(steps)   takes `steps` steps
   *   horizonLeft()    steps left to the schedule's horizon, or null when playing past it
   *   measure()        takes the metrics (error samples); returns nothing
   *   measureMs()      what the last measurement cost, ms (a costly one comes less often)
   *   frame()          posts a snapshot as a Play frame (the page answers with frameDone)
   *   stopped()        Play stopped at the horizon: take the metrics and post a snapshot
   * @param every        metrics while playing at most every this many ms…
   * @param costFactor   …and at most a 1/costFactor share of the time
   * @param slowest      a measurement slower than this (ms) waits until Play stops
   */
  constructor(host, { every = 250, costFactor = 50, slowest = Infinity } = {}) {
    this.host = host;
    this.options = { every, costFactor, slowest };
    this.cap = 0; // steps per drawn frame, 0 while stopped
    this.drawn = true;
    this.waiting = false;
    this.ticker = new MessageChannel();
    this.ticker.port1.onmessage = () => this.tick();
  }

  get playing() {
    return this.cap > 0;
  }

  /** Plays at most `stepsPerFrame` steps per drawn frame (a new cap while playing applies at once). */
  start(stepsPerFrame) {
    const was = this.playing;
    this.cap = Math.max(1, stepsPerFrame);
    this.frameSteps = 0;
    this.lastMeasure = performance.now();
    // A step's cost is learnt anew on each start (the map may have changed since): the first
    // slice is one step, so a map where one step takes 50 ms does not start with a 40 s slice.
    if (!was) this.msPerStep = null;
    if (!was) {
      this.drawn = true;
      this.waiting = false;
      this.schedule();
    }
  }

  stop() {
    this.cap = 0;
  }

  /** The page drew the last frame: the steps taken since go out at once, not after another slice. */
  frameDone() {
    this.drawn = true;
    if (!this.playing) return;
    if (this.frameSteps > 0) {
      this.frameSteps = 0;
      this.drawn = false;
      this.host.frame();
    }
    if (this.waiting) {
      this.waiting = false;
      this.schedule();
    }
  }

  schedule() {
    this.ticker.port2.postMessage(null); // a macrotask at once, after any message waiting
  }

  tick() {
    if (!this.playing) return;
    const { host } = this;
    const left = host.horizonLeft();
    if (left === 0) {
      this.stop();
      host.stopped();
      return;
    }
    if (this.frameSteps < this.cap) {
      const started = performance.now();
      let steps = Math.max(1, Math.min(this.cap - this.frameSteps, this.msPerStep == null ? 1 : Math.floor(SLICE_MS / this.msPerStep)));
      if (left != null) steps = Math.min(steps, left);
      host.advance(steps);
      this.frameSteps += steps;
      // performance.now() is coarse in a worker: learn the cost only from slices long enough;
      // after a shorter one, the next slice takes twice the steps.
      const ms = performance.now() - started;
      this.msPerStep = ms >= 0.5 ? ms / steps : SLICE_MS / (2 * steps);
    }
    const now = performance.now();
    const { every, costFactor, slowest } = this.options;
    const cost = host.measureMs() ?? 0;
    if (now - this.lastMeasure >= Math.max(every, costFactor * cost) && cost <= slowest) {
      this.lastMeasure = now;
      host.measure();
    }
    if (this.drawn) {
      this.frameSteps = 0;
      this.drawn = false;
      host.frame();
    }
    if (this.frameSteps >= this.cap && !this.drawn) this.waiting = true; // the page is behind: wait for it
    else this.schedule();
  }
}
