// Buttons, keyboard shortcuts and Play. Play runs in the engine's Worker, in one of two regimes
// chosen by the speed slider (log scale): slow, one traced phase at a time so each can be watched;
// fast, continuous training with at most the chosen number of steps per displayed frame. The
// page's thread only draws the newest snapshot.

const PHASE_SPEED_END = 30; // slider positions 0..30: 1 to 20 phases per second
const MAX_STEPS_PER_FRAME = 10_000;

/** Maps the slider position (0–100) to { phasesPerSecond } or { stepsPerFrame }. */
export function speedFromSlider(v) {
  if (v <= PHASE_SPEED_END) return { phasesPerSecond: 20 ** (v / PHASE_SPEED_END) };
  const f = (v - PHASE_SPEED_END) / (100 - PHASE_SPEED_END);
  return { stepsPerFrame: Math.max(1, Math.round(MAX_STEPS_PER_FRAME ** f)) };
}

/**
 * Wires the lesson's buttons (looked up in `root`, the element's shadow root) to `app`; the
 * keyboard shortcuts listen on `keyTarget` (the element). Returns { setPlaying }.
 */
export function mountControls(app, root, keyTarget) {
  const $ = (id) => root.getElementById(id);
  const play = $('btn-play');
  const slider = $('speed');
  const speedText = $('speed-text');

  const showSpeed = () => {
    const s = speedFromSlider(Number(slider.value));
    speedText.textContent = s.phasesPerSecond
      ? `${s.phasesPerSecond.toFixed(1)} phases/s`
      : `${s.stepsPerFrame.toLocaleString('en')} steps/frame`;
    if (app.playing) app.play(s);
  };

  const setPlaying = (on) => {
    if (on === app.playing) return Promise.resolve();
    return on ? app.play(speedFromSlider(Number(slider.value)), app.t >= app.options.steps) : app.pause();
  };

  // Each shortcut belongs to a button; a button a teacher hid (hide=play, …) takes its key with it.
  const actions = {
    p: ['btn-phase', () => app.stepPhase()],
    s: ['btn-row', () => app.stepRow()],
    ' ': ['btn-play', () => setPlaying(!app.playing)],
    e: ['btn-epoch', () => app.epoch()],
    r: ['btn-reset', () => app.reset()],
  };
  for (const [id, action] of Object.values(actions)) $(id).addEventListener('click', action);
  slider.addEventListener('input', showSpeed);
  showSpeed();

  keyTarget.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0];
    // Typing in a field or pressing Space on a focused button is not a shortcut.
    if (target.closest && target.closest('input, textarea, select, button, [contenteditable]')) return;
    const shortcut = actions[event.key.toLowerCase()];
    if (!shortcut || $(shortcut[0]).closest('[hidden]')) return;
    event.preventDefault();
    shortcut[1]();
  });

  // The Play button's label follows the engine (it stops by itself at the schedule's horizon).
  app.addView({
    render: () => {
      play.setAttribute('aria-pressed', String(app.playing));
      play.firstChild.textContent = app.playing ? 'Pause ' : 'Play ';
    },
  });
  return { setPlaying };
}
