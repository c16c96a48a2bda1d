// Buttons, keyboard shortcuts and the Play loop. Play runs in one of two regimes chosen by the
// speed slider (log scale): slow, one traced phase at a time so each can be watched; fast, many
// untraced steps per animation frame, sliced so a frame never waits long for training.

const PHASE_SPEED_END = 30; // slider positions 0..30: 1 to 20 phases per second
const MAX_STEPS_PER_FRAME = 10_000;
const FRAME_BUDGET_MS = 10; // training time per frame before the slice is cut back

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
      const t0 = performance.now();
      app.train(stepsPerFrame);
      const spent = performance.now() - t0;
      // Cut the slice when it costs more than the frame budget; grow it back towards the
      // slider's value when there is room.
      if (spent > FRAME_BUDGET_MS && stepsPerFrame > 1) stepsPerFrame = Math.max(1, Math.floor(stepsPerFrame / 2));
      else if (spent < FRAME_BUDGET_MS / 2) stepsPerFrame = Math.min(speed.stepsPerFrame, stepsPerFrame * 2);
      if (now - lastSample > 100) {
        lastSample = now;
        app.sample();
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

  const actions = {
    p: () => app.stepPhase(),
    s: () => app.stepRow(),
    ' ': () => setPlaying(!playing),
    e: () => app.epoch(),
    r: () => app.reset(),
  };
  $('btn-phase').addEventListener('click', actions.p);
  $('btn-row').addEventListener('click', actions.s);
  play.addEventListener('click', actions[' ']);
  $('btn-epoch').addEventListener('click', actions.e);
  $('btn-reset').addEventListener('click', actions.r);
  slider.addEventListener('input', showSpeed);
  showSpeed();

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    // Typing in a field or pressing Space on a focused button is not a shortcut.
    if (target.closest && target.closest('input, textarea, select, button, [contenteditable]')) return;
    const action = actions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action();
  });

  app.setPlaying = setPlaying;
  app.isPlaying = () => playing;
}
