// Buttons, keyboard shortcuts and the Play loop. Play runs in one of two regimes chosen by the
// speed slider (log scale): slow, one traced phase at a time so each can be watched; fast, many
// untraced steps per animation frame, sliced so a frame never waits long for training.

const PHASE_SPEED_END = 30; // slider positions 0..30: 1 to 20 phases per second
const MAX_STEPS_PER_FRAME = 10_000;
// Fast play: training takes a slice of each frame, between these bounds (ms), so the browser
// still paints at the display's rate and clicks are handled at once.
const MIN_TRAIN_MS = 1;
const MAX_TRAIN_MS = 13;
const ON_TIME_MS = 17.5; // frames closer than this are on time at 60 Hz
const LATE_MS = 20;
const SAMPLE_EVERY_MS = 250; // quantization/topographic error samples for the chart while playing
const SLOW_SAMPLE_MS = 40; // a sample slower than this (huge data) waits until Play stops
const ema = (old, v, k = 0.2) => (old == null ? v : old + k * (v - old));

/** Maps the slider position (0–100) to { phasesPerSecond } or { stepsPerFrame }. */
export function speedFromSlider(v) {
  if (v <= PHASE_SPEED_END) return { phasesPerSecond: 20 ** (v / PHASE_SPEED_END) };
  const f = (v - PHASE_SPEED_END) / (100 - PHASE_SPEED_END);
  return { stepsPerFrame: Math.max(1, Math.round(MAX_STEPS_PER_FRAME ** f)) };
}

export function mountControls(app) {
  const $ = (id) => document.getElementById(id);
  const play = $('btn-play');
  const slider = $('speed');
  const speedText = $('speed-text');
  let playing = false;
  let lastTime = 0;
  let phaseClock = 0;
  let stepsPerFrame = 1;
  let lastSample = 0;
  // Measured costs (exponential moving averages): ms per step and ms per error sample.
  let msPerStep = null;
  let sampleMs = null;
  let trainMs = 4;
  let sampledLast = false;

  const showSpeed = () => {
    const s = speedFromSlider(Number(slider.value));
    speedText.textContent = s.phasesPerSecond
      ? `${s.phasesPerSecond.toFixed(1)} phases/s`
      : `${s.stepsPerFrame.toLocaleString('en')} steps/frame`;
    stepsPerFrame = s.stepsPerFrame || 1;
  };

  const frame = (now) => {
    if (!playing) return;
    const dt = lastTime ? now - lastTime : 0;
    lastTime = now;
    const speed = speedFromSlider(Number(slider.value));
    if (speed.phasesPerSecond) {
      phaseClock += (dt / 1000) * speed.phasesPerSecond;
      while (phaseClock >= 1) {
        phaseClock -= 1;
        app.stepPhase();
      }
    } else {
      // Training gets `trainMs` of each frame, steered by when frames arrive: on time, a little
      // more; late (the page did more than the display allows), a fifth less. A frame that also
      // sampled the errors is late by design and does not steer.
      if (dt > 0 && dt < 250 && !sampledLast) {
        if (dt > LATE_MS) trainMs = Math.max(MIN_TRAIN_MS, trainMs * 0.8);
        else if (dt < ON_TIME_MS) trainMs = Math.min(MAX_TRAIN_MS, trainMs + 0.25);
      }
      // Samples read every row, so a costly one comes less often: at most ~2 % of the time.
      const sampleEvery = Math.max(SAMPLE_EVERY_MS, 50 * (sampleMs ?? 0));
      const sampleDue = now - lastSample >= sampleEvery && !(app.sampleMs > SLOW_SAMPLE_MS);
      sampledLast = sampleDue;
      // The first frames probe the cost of a step with a small slice.
      stepsPerFrame = msPerStep == null ? Math.min(speed.stepsPerFrame, 32)
        : Math.max(1, Math.min(speed.stepsPerFrame, Math.floor(trainMs / msPerStep)));
      const t0 = performance.now();
      app.train(stepsPerFrame);
      const t1 = performance.now();
      // performance.now() is coarse (0.1 ms): learn the cost only from slices long enough.
      if (t1 - t0 >= 0.5 || msPerStep == null) msPerStep = ema(msPerStep, Math.max(t1 - t0, 0.05) / stepsPerFrame);
      if (sampleDue) {
        lastSample = now;
        app.sample();
        sampleMs = ema(sampleMs, performance.now() - t1, 0.5);
      }
      app.renderNow();
    }
    requestAnimationFrame(frame);
  };

  const setPlaying = (on) => {
    playing = on;
    play.setAttribute('aria-pressed', String(on));
    play.firstChild.textContent = on ? 'Pause ' : 'Play ';
    if (on) {
      lastTime = 0;
      phaseClock = 1; // the first phase shows at once
      requestAnimationFrame(frame);
    } else {
      app.sample();
      app.render();
    }
  };

  // Each shortcut belongs to a button; a button a teacher hid (hide=play, …) takes its key with it.
  const actions = {
    p: ['btn-phase', () => app.stepPhase()],
    s: ['btn-row', () => app.stepRow()],
    ' ': ['btn-play', () => setPlaying(!playing)],
    e: ['btn-epoch', () => app.epoch()],
    r: ['btn-reset', () => app.reset()],
  };
  for (const [id, action] of Object.values(actions)) $(id).addEventListener('click', action);
  slider.addEventListener('input', showSpeed);
  showSpeed();

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    // Typing in a field or pressing Space on a focused button is not a shortcut.
    if (target.closest && target.closest('input, textarea, select, button, [contenteditable]')) return;
    const shortcut = actions[event.key.toLowerCase()];
    if (!shortcut || $(shortcut[0]).closest('[hidden]')) return;
    event.preventDefault();
    shortcut[1]();
  });

  app.setPlaying = setPlaying;
  app.isPlaying = () => playing;
}
