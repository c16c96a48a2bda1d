// The benchmark runner behind scripts/bench.sh. It serves SITE (the bench page, ml-som wrapped as
// an ES module, and the built page under app/), drives Debian's Chromium through playwright-core
// (the flags of tests/e2e/harness.mjs), runs the peers in the same run, and prints markdown tables
// in which every ratio stands beside the two figures it divides, then the targets met and missed.
// It prints figures and asserts nothing.
//
//   node bench/run.mjs SITE [NATIVE_BENCH_BINARY] [--quick] [--play-only] [--profile OUT_DIR]
//
// QUICK=1 in the environment is --quick. BENCH_PLAY_HASH is appended to Play's link (e.g.
// "&steps=1000000" to play inside the schedule instead of past its horizon).
// Every figure is the best of several runs (a shared 2-core machine: the best run is the one
// least disturbed); the spread of the runs is printed under the tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { benchData } from './page/data.js';
import { csvWhilePlaying, CSV_ROWS } from './csv-load.mjs';
import { serve, timeToInteractive, gzipSizes, LOADS, WIFI, READY } from './load.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--profile');
const SITE = path.resolve(positional[0]);
const NATIVE = positional[1] || '';
const QUICK = flags.has('--quick') || process.env.QUICK === '1';
const PROFILE_DIR = flags.has('--profile') ? path.resolve(args[args.indexOf('--profile') + 1]) : null;
const ONLY_PLAY = flags.has('--play-only'); // for profiling the page
const REPEATS = QUICK ? 2 : 3;
const SECONDS = QUICK ? 0.25 : 0.5;
const SIDES = ONLY_PLAY ? [] : QUICK ? [10, 64] : [10, 32, 64, 128];
const DIMS = [3, 16];
const ROWS = 1000;
const PLAY_MS = QUICK ? 3000 : 5000;
const PLAY_SIDES = [64, 32];
const PLAY_RUNS = QUICK ? 1 : 2;
// "School Wi-Fi": Chromium's network emulation (CDP Network.emulateNetworkConditions).
const log = (...a) => console.error('bench:', ...a);

// ---- formatting and statistics ------------------------------------------------------------------
const int = (v) => (v == null || !Number.isFinite(v) ? 'n/a' : Math.round(v).toLocaleString('en'));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : 'n/a');
const pct = (a, b) => (a && b ? `${((100 * a) / b).toFixed(0)} %` : 'n/a');
const ms = (v, d = 1) => (v == null || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(d)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const spreads = [];
/** Best (max) of runs, recording the spread (max − min) / max. */
function best(values, what) {
  const v = values.filter((x) => x != null && Number.isFinite(x));
  if (!v.length) return null;
  const hi = Math.max(...v);
  if (v.length > 1) spreads.push({ what, spread: (hi - Math.min(...v)) / hi });
  return hi;
}
function bestLow(values, what) {
  const v = values.filter((x) => x != null && Number.isFinite(x));
  if (!v.length) return null;
  const lo = Math.min(...v);
  if (v.length > 1) spreads.push({ what, spread: (Math.max(...v) - lo) / Math.max(...v) });
  return lo;
}

// ---- peers outside the page ---------------------------------------------------------------------
function minisom(side, dim, dataFile) {
  try {
    const out = execFileSync('python3', [path.join(ROOT, 'bench/peers/minisom_bench.py'), String(side), String(side), '0', String(ROWS), String(dim)], {
      env: { ...process.env, MINISOM_DATA: dataFile, MINISOM_SECONDS: String(SECONDS + 0.2) },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const get = (k) => Number(out.match(new RegExp(`${k}=([0-9.]+)`))?.[1]);
    return { stepsPerS: get('steps_per_s'), cpuStepsPerS: get('steps_per_cpu_s'), bmuPerS: get('bmu_per_s') };
  } catch (e) {
    log(`MiniSom unavailable (${String(e.message).split('\n')[0]})`);
    return null;
  }
}

/** The native core: bench/native.rs in its single-map mode (SOM_BENCH_PROFILE=side,dim,steps). */
function native(side, dim, steps) {
  if (!NATIVE) return null;
  try {
    const out = execFileSync(NATIVE, [], { env: { ...process.env, SOM_BENCH_PROFILE: `${side},${dim},${Math.round(steps)}` }, encoding: 'utf8' });
    return Number(out.match(/: ([0-9,]+) steps\/s/)[1].replace(/,/g, ''));
  } catch (e) {
    log(`native bench failed (${String(e.message).split('\n')[0]})`);
    return null;
  }
}

// ---- the real page: Play ------------------------------------------------------------------------

/**
 * Play at the fastest speed in the real page, driven through the element's public API: the link
 * #rows=S&cols=S&data=rgb&seed=1, the speed slider (in the element's shadow root) at its top,
 * `el.play()` (again when Play stops at the schedule's horizon, as a student would press it), a
 * warm-up, then PLAY_MS of measuring while clicking a map node and the Step phase button by turns.
 * The raw core is timed in the same page before and after (`ready()`, `new Som(...)`, `train(n)`).
 */
async function playMode(browser, origin, side) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Timestamps of the page's frameDone messages to the engine's Worker (the page has drawn a
  // snapshot and hands its buffer back): with the snapshots' arrival ('step') and the frames,
  // they show where a frame's time goes. Only observed, nothing changed.
  await context.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message && message.cmd === 'frameDone' && window.__bench?.counting) window.__bench.frameDoneAt.push(performance.now());
      return post.call(this, message, ...rest);
    };
  });
  await page.goto(`${origin}/app/index.html#rows=${side}&cols=${side}&data=rgb&seed=1${process.env.BENCH_PLAY_HASH || ''}`);
  await page.waitForSelector(READY, { timeout: 60_000 });
  await page.evaluate(() => document.querySelector('som-playground').ready);

  // CPU time of the renderer (CDP): its main thread, and the whole process (the main thread, the
  // engine's Worker, the compositor and raster threads).
  const perf = await context.newCDPSession(page);
  await perf.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpuNow = async () => { const m = Object.fromEntries((await perf.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value])); return { thread: m.ThreadTime, process: m.ProcessTime, wall: Date.now() / 1000 }; };
  // The raw core in this page: wall-clock steps/s, and steps per CPU-second of the page's thread.
  const raw = async () => {
    const steps = await page.evaluate(async () => {
      const { ready } = await import('./som-playground.js');
      const wasm = await ready();
      const el = document.querySelector('som-playground');
      const { rows, cols } = el.state.shape;
      const som = new wasm.Som({ rows, cols, data: 'rgb', seed: 1 });
      som.train(10_000); // untimed: the schedule's horizon, where Play runs after its warm-up
      const t0 = performance.now();
      som.train(2000);
      window.__raw = som;
      return Math.max(2000, Math.round((2000 / ((performance.now() - t0) / 1000)) * 0.5));
    });
    const c0 = await cpuNow();
    const dt = await page.evaluate((n) => {
      const t0 = performance.now();
      window.__raw.train(n);
      const d = (performance.now() - t0) / 1000;
      window.__raw.free();
      return d;
    }, Math.round(steps * (SECONDS / 0.5)));
    const c1 = await cpuNow();
    const n = Math.round(steps * (SECONDS / 0.5));
    return { wall: n / dt, cpu: n / (c1.thread - c0.thread) };
  };
  const rawRuns = [await raw()];

  await page.locator('#speed').fill('100'); // the slider at its top: 10,000 steps per frame
  const speedText = await page.locator('#speed-text').textContent();
  await page.evaluate(() => {
    const el = document.querySelector('som-playground');
    window.__bench = { horizonStops: 0 };
    el.play();
  });
  // Warm-up (1.5 s): Play stops at the schedule's horizon (10,000 steps): press it again.
  const warmUntil = Date.now() + 1500;
  while (Date.now() < warmUntil) {
    await page.waitForTimeout(100);
    await page.evaluate(() => {
      const el = document.querySelector('som-playground');
      if (!el.state.playing) { window.__bench.horizonStops += 1; el.play(); }
    });
  }
  const cpu0 = await cpuNow();
  let cdp = null;
  if (PROFILE_DIR) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const start = await page.evaluate(() => {
    const el = document.querySelector('som-playground');
    const b = window.__bench;
    Object.assign(b, { frames: 0, drawn: 0, newMap: false, maxGap: 0, last: null, longTasks: [], clicks: [], counting: true, frameDoneAt: [], snapAt: [], frameAt: [] });
    // Frames with a new map: a snapshot arrived ('step': t changed) since the last frame.
    el.addEventListener('step', () => { b.newMap = true; if (b.counting) b.snapAt.push(performance.now()); });
    const frame = (now) => {
      if (!b.counting) return;
      b.frames += 1;
      b.frameAt.push(now);
      if (b.newMap) { b.drawn += 1; b.newMap = false; }
      if (b.last != null) b.maxGap = Math.max(b.maxGap, now - b.last);
      b.last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    b.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); });
    b.observer.observe({ type: 'longtask' });
    // Long animation frames (≥ 50 ms): where their time went: scripts (event handlers, messages,
    // requestAnimationFrame callbacks) and style, layout and paint after the callbacks.
    b.loaf = [];
    b.loafObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = [...e.scripts].sort((x, y) => y.duration - x.duration);
        b.loaf.push({
          duration: e.duration,
          script: scripts.reduce((t, x) => t + x.duration, 0),
          paint: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          top: scripts[0] ? `${scripts[0].invoker || scripts[0].invokerType} ${scripts[0].sourceFunctionName || ''} ${Math.round(scripts[0].duration)} ms`.trim() : '',
        });
      }
    });
    try { b.loafObserver.observe({ type: 'long-animation-frame' }); } catch { /* not in this browser */ }
    // Clicks: the delay before the handler runs and the time to the frame after it. Listening on
    // the document in the bubbling phase, the lesson's own handlers (and their requestAnimationFrame)
    // come first, so the frame this one waits for is the frame that draws the answer.
    document.addEventListener('pointerdown', (e) => {
      const rec = { target: e.composedPath()[0]?.id || e.composedPath()[0]?.tagName, inputDelay: performance.now() - e.timeStamp };
      const canvas = el.shadowRoot.querySelector('#map-view canvas');
      if (rec.target === 'CANVAS') rec.wanted = String(el.state.selected); // the map's handler has selected the node
      requestAnimationFrame(() => {
        rec.toNextFrame = performance.now() - e.timeStamp;
        rec.selected = canvas?.dataset.selected;
        b.clicks.push(rec);
      });
    });
    return { t: el.t, now: performance.now() };
  });
  const canvas = page.locator('som-playground #map-view canvas').first();
  const box = await canvas.boundingBox();
  const until = Date.now() + PLAY_MS;
  for (let k = 0; Date.now() < until; k++) {
    await page.waitForTimeout(300);
    // A different node each time: selecting it redraws the map, the input space and the inspector.
    if (box) await page.mouse.click(box.x + box.width * (0.1 + 0.8 * ((k * 0.37) % 1)), box.y + box.height * (0.1 + 0.8 * ((k * 0.61) % 1)));
  }
  const end = await page.evaluate(() => {
    const el = document.querySelector('som-playground');
    const b = window.__bench;
    b.counting = false;
    b.observer.disconnect();
    b.loafObserver.disconnect();
    // The handshake: for each frameDone, the time from its frame's start (the last frame callback
    // before it) and the time until the next snapshot arrived; for each snapshot, the time to the
    // next frame.
    const before = (list, t) => { let x = null; for (const v of list) { if (v <= t) x = v; else break; } return x; };
    const after = (list, t) => list.find((v) => v > t) ?? null;
    const draw = [];
    const turnaround = [];
    for (const d of b.frameDoneAt) {
      const f = before(b.frameAt, d);
      const s = after(b.snapAt, d);
      if (f != null) draw.push(d - f);
      if (s != null) turnaround.push(s - d);
    }
    const wait = b.snapAt.map((s) => { const f = after(b.frameAt, s); return f == null ? null : f - s; }).filter((v) => v != null);
    return { t: el.t, now: performance.now(), frames: b.frames, drawn: b.drawn, maxGap: b.maxGap, longTasks: b.longTasks, loaf: b.loaf, clicks: b.clicks, horizonStops: b.horizonStops, playing: el.state.playing, handshake: { draw, turnaround, wait } };
  });
  const cpu1 = await cpuNow();
  const wallS = cpu1.wall - cpu0.wall;
  const cpu = { main: (cpu1.thread - cpu0.thread) / wallS, process: (cpu1.process - cpu0.process) / wallS };
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `play-${side}.cpuprofile`), JSON.stringify(profile));
    summariseProfile(profile, `play mode ${side}×${side} (page thread)`);
  }
  // Then the Step phase button, 5 times while playing: the click's next frame, and whether Play
  // goes on after it (t still growing 1 s after the last click).
  const phase = { clicks: 0, stalledAfter: null, tBefore: null, tAfter: null };
  for (let k = 1; k <= 5; k++) {
    await page.waitForTimeout(400);
    await page.locator('#btn-phase').click();
    phase.clicks = k;
    const t0 = await page.evaluate(() => document.querySelector('som-playground').t);
    await page.waitForTimeout(600);
    const t1 = await page.evaluate(() => document.querySelector('som-playground').t);
    if (t1 === t0) { phase.stalledAfter = k; phase.tBefore = t0; break; }
  }
  if (phase.stalledAfter) {
    await page.waitForTimeout(1000);
    phase.tAfter = await page.evaluate(() => document.querySelector('som-playground').t);
  }
  phase.records = (await page.evaluate(() => window.__bench.clicks)).filter((c) => c.target === 'btn-phase');
  await page.evaluate(() => document.querySelector('som-playground').pause());
  rawRuns.push(await raw());
  await context.close();

  const secs = (end.now - start.now) / 1000;
  const clicks = end.clicks;
  const mapClicks = clicks.filter((c) => c.target === 'CANVAS');
  // A map click is answered in its next frame when that frame shows the clicked node selected.
  const answered = mapClicks.filter((c) => c.selected === c.wanted).length;
  return {
    side,
    rawRuns,
    stepsPerS: (end.t - start.t) / secs,
    fps: end.drawn / secs,
    rafPerS: end.frames / secs,
    maxGap: end.maxGap,
    longTasks: end.longTasks,
    loaf: end.loaf,
    clicks: clicks.length,
    mapClicks: mapClicks.length,
    answered,
    inputDelayMedian: median(clicks.map((c) => c.inputDelay)),
    inputDelayMax: clicks.length ? Math.max(...clicks.map((c) => c.inputDelay)) : null,
    nextFrameMedian: median(clicks.map((c) => c.toNextFrame)),
    nextFrameMax: clicks.length ? Math.max(...clicks.map((c) => c.toNextFrame)) : null,
    horizonStops: end.horizonStops,
    stillPlaying: end.playing,
    phase,
    cpu,
    handshake: { draw: median(end.handshake.draw), turnaround: median(end.handshake.turnaround), wait: median(end.handshake.wait), n: end.handshake.turnaround.length },
    speedText,
    errors,
  };
}

/** Self time per function in a CDP CPU profile, printed to stderr (top 15). */
function summariseProfile(profile, title) {
  const self = new Map();
  const dt = new Map();
  const ids = profile.samples;
  for (let i = 0; i < ids.length; i++) dt.set(ids[i], (dt.get(ids[i]) || 0) + (profile.timeDeltas[i + 1] ?? 0));
  let total = 0;
  for (const node of profile.nodes) {
    const t = (dt.get(node.id) || 0) / 1000;
    total += t;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) + ':' + (f.lineNumber + 1) : ''}`.trim();
    self.set(key, (self.get(key) || 0) + t);
  }
  log(`CPU profile, ${title}: self time of the top functions (of ${total.toFixed(0)} ms sampled)`);
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, v]) => log(`  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`));
}

// ---- the machine ----------------------------------------------------------------------------------
function machine() {
  const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const field = (k) => (info.match(new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm')) || [])[1];
  const model = field('model name') || os.cpus()[0]?.model || 'unknown CPU';
  const fam = field('cpu family');
  const mod = field('model');
  return `${model}${fam ? ` (family ${fam}, model ${mod})` : ''}, ${os.cpus().length} cores`;
}
const load = () => os.loadavg().map((v) => v.toFixed(1)).join(' / ');

// ---- main ---------------------------------------------------------------------------------------
const startedAt = new Date();
const loadBefore = load();
const wall0 = Date.now();
const { server, origin } = await serve(SITE);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
const chromeVersion = browser.version();
const benchContext = await browser.newContext();
const page = await benchContext.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
await page.goto(`${origin}/index.html`);
await page.waitForSelector('body[data-ready="true"]');
const versions = await page.evaluate(() => window.bench.load());
// The bench page's thread CPU time (CDP ThreadTime) around each timed run: steps per CPU-second
// do not count the time another process had the core, and the share of the wall time the
// thread ran says how disturbed the run was (100 % = not at all).
const cdp = await benchContext.newCDPSession(page);
await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
const share = { thread: 0, wall: 0 };
/** Prepares a run in the page (`bench.prepareWasm` / `bench.prepareMl` with `arg`), then times `bench.run()`. */
async function timedRun(prepare, arg) {
  await page.evaluate(([name, a]) => window.bench[name](...a), [prepare, arg]);
  const c0 = await threadTime();
  const r = await page.evaluate(() => window.bench.run());
  const cpu = (await threadTime()) - c0;
  share.thread += cpu;
  share.wall += r.seconds;
  return { ...r, cpuStepsPerS: r.steps / cpu };
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'som-bench-'));

const rows = [];
for (const side of SIDES) {
  for (const dim of DIMS) {
    const dataFile = path.join(tmp, `data-${dim}.f32`);
    fs.writeFileSync(dataFile, Buffer.from(benchData(ROWS, dim).buffer));
    const runs = { wasm: [], ml: [], mini: [], native: [], miniBmu: [], wasmCpu: [], mlCpu: [], miniCpu: [] };
    // Warm-up (untimed): the wasm at this size, and ml-som's probe (its rate sizes the runs).
    await timedRun('prepareWasm', [side, dim, 0.1]);
    let mlRate = (await timedRun('prepareMl', [side, dim, 0.1])).stepsPerS;
    for (let r = 0; r < REPEATS; r++) {
      const w = await timedRun('prepareWasm', [side, dim, SECONDS]);
      runs.wasm.push(w.stepsPerS);
      runs.wasmCpu.push(w.cpuStepsPerS);
      const m = await timedRun('prepareMl', [side, dim, SECONDS, {}, mlRate]);
      mlRate = m.stepsPerS;
      runs.ml.push(m.stepsPerS);
      runs.mlCpu.push(m.cpuStepsPerS);
      runs.native.push(native(side, dim, w.stepsPerS * SECONDS * 1.5));
      const p = minisom(side, dim, dataFile);
      runs.mini.push(p?.stepsPerS);
      runs.miniCpu.push(p?.cpuStepsPerS);
      runs.miniBmu.push(p?.bmuPerS);
    }
    const row = {
      side, dim,
      wasm: best(runs.wasm, `wasm ${side}×${side}×${dim}`),
      ml: best(runs.ml, `ml-som ${side}×${side}×${dim}`),
      mini: best(runs.mini, `MiniSom ${side}×${side}×${dim}`),
      native: best(runs.native, `native ${side}×${side}×${dim}`),
      miniBmu: best(runs.miniBmu, `MiniSom winner ${side}×${side}×${dim}`),
      wasmCpu: Math.max(...runs.wasmCpu),
      mlCpu: Math.max(...runs.mlCpu),
      miniCpu: runs.miniCpu.some(Number.isFinite) ? Math.max(...runs.miniCpu.filter(Number.isFinite)) : null,
    };
    rows.push(row);
    log(`${side}×${side}×${dim}: wasm ${int(row.wasm)}, ml-som ${int(row.ml)}, MiniSom ${int(row.mini)}, native ${int(row.native)} steps/s`);
  }
}

// Why the bench reported ml-som at half its speed before: the same 64×64×3 run five ways.
const VARIANTS = [
  ['the bench before: the page\'s realm after other runs, old LCG for data, weights and rows, probe then run', { realm: 'page', data: 'oldLcg', rng: 'oldLcg' }],
  ['the page\'s realm, mulberry32 (only the generator fixed)', { realm: 'page' }],
  ['the page\'s realm, Math.random (ml-som\'s default generator)', { realm: 'page', rng: 'math' }],
  ['a fresh realm, mulberry32 (the table above: its fastest fair setting)', {}],
  ['a fresh realm, Math.random', { rng: 'math' }],
  ['a fresh realm, mulberry32, torus: true (ml-som\'s default grid)', { torus: true }],
];
const variants = [];
if (!ONLY_PLAY && SIDES.includes(64)) {
  const runs = VARIANTS.map(() => []);
  const rate = rows.find((r) => r.side === 64 && r.dim === 3)?.ml;
  const cpu = VARIANTS.map(() => []);
  for (let r = 0; r < REPEATS; r++) {
    for (const [i, [, v]] of VARIANTS.entries()) {
      const m = await timedRun('prepareMl', [64, 3, SECONDS, v, rate]);
      runs[i].push(m.stepsPerS);
      cpu[i].push(m.cpuStepsPerS);
    }
  }
  for (const [i, [label, v]] of VARIANTS.entries()) {
    const work = await page.evaluate(([vv]) => window.bench.mlsomWork(64, 3, 3, vv), [v]);
    variants.push({ label, stepsPerS: best(runs[i], `ml-som variant ${i + 1}`), cpuStepsPerS: Math.max(...cpu[i]), ...work });
  }
  log(`ml-som variants: ${variants.map((v) => int(v.stepsPerS)).join(', ')}`);
}

const bmu = [];
for (const dim of ONLY_PLAY ? [] : DIMS) {
  const runs = [];
  for (let r = 0; r < REPEATS; r++) runs.push(await page.evaluate(([d, q]) => window.bench.bmuSearch(64, d, 10_000, q ? 3 : 5, q ? 1 : 2), [dim, QUICK]));
  const mini = rows.find((r) => r.side === 64 && r.dim === dim)?.miniBmu;
  bmu.push({
    dim,
    wasmMs: bestLow(runs.map((r) => r.wasmMs), `BMU 10k wasm dim ${dim}`),
    mlMs: bestLow(runs.map((r) => r.mlsomMs), `BMU 10k ml-som dim ${dim}`),
    miniMs: mini ? (10_000 / mini) * 1000 : null,
  });
}
const threadShare = share.wall ? share.thread / share.wall : null;

const plays = [];
for (const side of PLAY_SIDES) {
  const list = [];
  for (let r = 0; r < PLAY_RUNS; r++) {
    list.push(await playMode(browser, origin, side));
    log(`Play ${side}×${side}: ${int(list.at(-1).stepsPerS)} steps/s (raw ${list.at(-1).rawRuns.map((r) => int(r.wall)).join(' / ')}), ${list.at(-1).fps.toFixed(1)} fps`);
  }
  const pick = list.reduce((a, b) => (b.stepsPerS * Math.min(b.fps, 60) > a.stepsPerS * Math.min(a.fps, 60) ? b : a));
  best(list.map((p) => p.stepsPerS), `Play ${side}×${side} steps/s`);
  best(list.map((p) => p.fps), `Play ${side}×${side} fps`);
  // The raw core is a property of the build: its best run in any of the Play pages (before and
  // after each Play) is the least disturbed figure to divide by.
  plays.push({
    ...pick,
    raw: best(list.flatMap((p) => p.rawRuns.map((r) => r.wall)), `raw core ${side}×${side} in the Play pages`),
    rawCpu: Math.max(...list.flatMap((p) => p.rawRuns.map((r) => r.cpu))),
    rawCount: list.length * 2,
  });
}
const csvLoad = ONLY_PLAY ? null : await csvWhilePlaying(browser, origin);
if (csvLoad) log(`CSV of ${int(CSV_ROWS)} rows while playing: read in ${int(csvLoad.readMs)} ms, ${csvLoad.clicks.length} clicks, slowest ${ms(Math.max(...csvLoad.clicks, 0), 0)}`);
const local = await timeToInteractive(browser, `${origin}/app/`);
const wifi = await timeToInteractive(browser, `${origin}/app/`, WIFI);
const sizes = gzipSizes(path.join(SITE, 'app'));
await browser.close();
server.close();
fs.rmSync(tmp, { recursive: true, force: true });

// ---- the tables ---------------------------------------------------------------------------------
const out = [];
const stamp = startedAt.toISOString().slice(0, 16).replace('T', ' ');
out.push(`Measured ${stamp} UTC on ${machine()}, load average ${loadBefore} (1/5/15 min) at the start and ${load()} at the end; Chromium ${chromeVersion}, Node ${process.version}, ml-som ${versions.mlsom}, MiniSom 2.3.6; best of ${REPEATS} after a warm-up${QUICK ? ' (QUICK=1)' : ''}; the run took ${Math.round((Date.now() - wall0) / 1000)} s.`);
if (threadShare != null) out.push(`The bench page's thread was on a CPU ${(100 * threadShare).toFixed(0)} % of the wall time of its timed runs (CDP ThreadTime; 100 % = nothing else took the core from it).`);
out.push('');
if (rows.length) {
  out.push(`Online training, steps per second (${ROWS.toLocaleString('en')} rows in [0,1)^dim from mulberry32, the same rows for all; sigma = half the map, learning rate 0.5, gaussian):`);
  out.push('');
  out.push('| map | dim | this project, wasm in the page | ml-som 0.0.6, same page | ratio | MiniSom 2.3.6 (Python) | ratio | native core | native / wasm |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) out.push(`| ${r.side}×${r.side} | ${r.dim} | ${int(r.wasm)} | ${int(r.ml)} | ${ratio(r.wasm, r.ml)} | ${int(r.mini)} | ${ratio(r.wasm, r.mini)} | ${int(r.native)} | ${ratio(r.native, r.wasm)} |`);
  out.push('');
  out.push('The same runs in steps per CPU-second (the steps over the CPU time of the thread that ran them: the bench page\'s thread from CDP, MiniSom\'s process from time.process_time(); time another process had the core is not counted, so these ratios hold on a busy machine):');
  out.push('');
  out.push('| map | dim | this project, wasm | ml-som 0.0.6 | ratio | MiniSom 2.3.6 | ratio |');
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) out.push(`| ${r.side}×${r.side} | ${r.dim} | ${int(r.wasmCpu)} | ${int(r.mlCpu)} | ${ratio(r.wasmCpu, r.mlCpu)} | ${int(r.miniCpu)} | ${ratio(r.wasmCpu, r.miniCpu)} |`);
  out.push('');
  const r64 = rows.find((r) => r.side === 64 && r.dim === 3);
  if (r64) {
    const flops = 6 * 64 * 64 * 3;
    out.push(`Flop count: a step costs about 6 × nodes × columns = ${flops.toLocaleString('en')} flops at 64×64×3, so ${int(r64.wasm)} steps/s in the page is ${((r64.wasm * flops) / 1e9).toFixed(1)} GFLOP/s${r64.native ? ` and ${int(r64.native)} natively ${((r64.native * flops) / 1e9).toFixed(1)} GFLOP/s` : ''}.`);
    out.push('');
  }
}
if (variants.length) {
  out.push('ml-som at 64×64×3, five ways (steps/s, best of the same runs; nodes updated per step and rows used counted on a 3-epoch run):');
  out.push('');
  out.push('| ml-som run | steps/s | vs the fair setting | steps per CPU-second | vs the fair setting | nodes updated per step | distinct rows trained | nodes that start as a copy of a row |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  const fair = variants[3];
  for (const v of variants) out.push(`| ${v.label} | ${int(v.stepsPerS)} | ${pct(v.stepsPerS, fair.stepsPerS)} | ${int(v.cpuStepsPerS)} | ${pct(v.cpuStepsPerS, fair.cpuStepsPerS)} | ${v.updatedPerStep.toFixed(0)} | ${v.distinctRows} | ${v.copies} |`);
  out.push('');
  out.push(`Generators: mulberry32 gives ${versions.distinct.mulberry32.toLocaleString('en')} distinct values in 100,000 draws, the old LCG ${versions.distinct.oldLcg.toLocaleString('en')}.`);
  out.push('');
}
if (bmu.length) {
  out.push('The BMU search alone, milliseconds for the BMU of each of 10,000 rows (wasm `bmus()`, ml-som\'s `_findBestMatchingUnit` in a fresh realm, MiniSom\'s `winner()`), the best of the runs:');
  out.push('');
  out.push('| BMU of 10,000 rows on 64×64 | this project | ml-som 0.0.6 | ratio | MiniSom 2.3.6 | ratio | target |');
  out.push('|---|---:|---:|---:|---:|---:|---|');
  for (const b of bmu) out.push(`| dim ${b.dim} | ${ms(b.wasmMs)} | ${ms(b.mlMs)} | ${ratio(b.mlMs, b.wasmMs)} slower | ${ms(b.miniMs, 0)} | ${ratio(b.miniMs, b.wasmMs)} slower | ${b.dim === 3 ? '< 50 ms' : ''} |`);
  out.push('');
}
out.push(`Play in the real page (app/index.html#rows=S&cols=S&data=rgb&seed=1${process.env.BENCH_PLAY_HASH || ''}, speed slider at 100 = "${plays[0]?.speedText}", all views drawing, past the schedule's horizon; ${(PLAY_MS / 1000).toFixed(0)} s, best of ${PLAY_RUNS}; the raw core timed in the same pages, before and after each Play, with \`ready()\`, \`new Som({ rows, cols, data: 'rgb', seed: 1 })\`, \`train(n)\` after 10,000 untimed steps, best of ${plays[0]?.rawCount ?? 2}):`);
out.push('');
out.push('| map | Play steps/s | raw core steps/s, same page | Play / raw | target | raw core per CPU-second | Play / that | frames with a new map /s | page frames /s | target | longest task ≥ 50 ms | longest gap between frames | target | click → next frame, median / max | map clicks drawn in their next frame | input delay, median / max |');
out.push('|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|');
for (const p of plays) {
  const lt = p.longTasks.length ? `${ms(Math.max(...p.longTasks), 0)} (${p.longTasks.length})` : 'none';
  out.push(`| ${p.side}×${p.side} | ${int(p.stepsPerS)} | ${int(p.raw)} | ${pct(p.stepsPerS, p.raw)} | ≥ 70 % | ${int(p.rawCpu)} | ${pct(p.stepsPerS, p.rawCpu)} | ${p.fps.toFixed(1)} | ${p.rafPerS.toFixed(1)} | ≥ ${p.side >= 64 ? 55 : 58} | ${lt} | ${ms(p.maxGap, 0)} | ≤ 50 ms | ${ms(p.nextFrameMedian)} / ${ms(p.nextFrameMax)} | ${p.answered} of ${p.mapClicks} | ${ms(p.inputDelayMedian)} / ${ms(p.inputDelayMax)} |`);
}
out.push('');
const total = sizes.reduce((s, f) => s + f.gz, 0);
const totalRaw = sizes.reduce((s, f) => s + f.raw, 0);
const loaded = sizes.filter((f) => local.files.includes(f.name));
const loadedGz = loaded.reduce((s, f) => s + f.gz, 0);
out.push('The built page, gzip -9 (the bench server sends them gzipped, as hosts do):');
out.push('');
out.push('| file | gzipped | raw | loaded by index.html |');
out.push('|---|---:|---:|---|');
for (const f of sizes) out.push(`| ${f.name} | ${kb(f.gz)} | ${kb(f.raw)} | ${local.files.includes(f.name) ? 'yes' : ''} |`);
out.push(`| **all ${sizes.length} files** | **${kb(total)}** | ${kb(totalRaw)} | |`);
out.push(`| **the ${loaded.length} files index.html loads** | **${kb(loadedGz)}** | ${kb(loaded.reduce((s, f) => s + f.raw, 0))} | |`);
out.push('');
if (csvLoad) {
  const c = csvLoad;
  const seen = c.progress.filter((v) => v > 0 && v < 1).length;
  out.push(`A ${int(CSV_ROWS)}-row CSV (${(c.bytes / 1e6).toFixed(1)} MB, 4 columns) picked while Play ran on ${c.side}×${c.side} at the fastest speed, a map node clicked every 150 ms while it was read:`);
  out.push('');
  out.push('| read in chunks (Worker) | progress bar: partial values shown | t while reading | clicks → the frame after, median / max | longest gap between frames | longest main-thread task | Load (adopt and rebuild) | rows loaded |');
  out.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${ms(c.readMs, 0)} | ${seen} | +${int(c.tGrew)} | ${ms(median(c.clicks))} / ${ms(Math.max(...c.clicks, 0))} (${c.clicks.length}) | ${ms(c.gap, 0)} | ${c.longTask ? ms(c.longTask, 0) : 'none ≥ 50 ms'} | ${ms(c.loadMs, 0)} | ${int(c.rows)} |`);
  out.push('');
}
const sorted = (v) => [...v].sort((a, b) => a - b);
out.push('Navigation → interactive (som-playground[data-ready]: the first map drawn), a new browser context each time:');
out.push('');
out.push(`| network | best | median | all ${LOADS} | target |`);
out.push('|---|---:|---:|---|---|');
out.push(`| localhost | ${ms(Math.min(...local.times), 0)} | ${ms(median(local.times), 0)} | ${sorted(local.times).map((t) => t.toFixed(0)).join(', ')} ms | < 300 ms |`);
out.push(`| "school Wi-Fi": 1.5 Mbit/s down, 0.75 up, 150 ms round trip | ${ms(Math.min(...wifi.times), 0)} | ${ms(median(wifi.times), 0)} | ${sorted(wifi.times).map((t) => t.toFixed(0)).join(', ')} ms | < 2 s |`);
out.push('');

// ---- the targets --------------------------------------------------------------------------------
const targets = [];
const goal = (what, measured, ok, by) => targets.push(`| ${what} | ${measured} | ${ok == null ? 'not measured' : ok ? 'met' : `missed${by ? ` by ${by}` : ''}`} |`);
const p64 = plays.find((p) => p.side === 64);
const p32 = plays.find((p) => p.side === 32);
if (p64) {
  const r = p64.stepsPerS / p64.raw;
  goal('Play 64×64 steps/s ≥ 70 % of the raw core in the same page', `${int(p64.stepsPerS)} of ${int(p64.raw)} = ${pct(p64.stepsPerS, p64.raw)} (of the raw core's ${int(p64.rawCpu)} per CPU-second: ${pct(p64.stepsPerS, p64.rawCpu)})`, r >= 0.7, `${(70 - 100 * r).toFixed(1)} points`);
  goal('Play 64×64 ≥ 55 fps (frames with a new map)', `${p64.fps.toFixed(1)} fps`, p64.fps >= 55, `${(55 - p64.fps).toFixed(1)} fps`);
  const longest = Math.max(p64.maxGap, ...p64.longTasks);
  goal('longest main-thread task during Play 64×64 ≤ 50 ms', `${p64.longTasks.length ? `longest task ${ms(Math.max(...p64.longTasks), 0)}` : 'no task ≥ 50 ms'}; longest gap between frames ${ms(p64.maxGap, 0)}`, longest <= 50, ms(longest - 50, 0));
  const stalls = plays.filter((p) => p.phase.stalledAfter).map((p) => `${p.side}×${p.side}`);
  goal('a click answered in the next frame (Play 64×64)', `${p64.answered} of ${p64.mapClicks} map clicks drawn in their next frame; click → next frame max ${ms(p64.nextFrameMax)}${stalls.length ? `; Step phase while playing stalled Play (${stalls.join(', ')})` : ''}`, p64.mapClicks > 0 && p64.answered === p64.mapClicks && !stalls.length, stalls.length ? 'a stall' : `${p64.mapClicks - p64.answered} clicks`);
}
if (p32) goal('Play 32×32 ≥ 58 fps', `${p32.fps.toFixed(1)} fps`, p32.fps >= 58, `${(58 - p32.fps).toFixed(1)} fps`);
const r64 = rows.find((r) => r.side === 64 && r.dim === 3);
if (r64) {
  goal('raw core 64×64×3 in the page ≥ 50× MiniSom', `${int(r64.wasm)} vs ${int(r64.mini)} = ${ratio(r64.wasm, r64.mini)} (per CPU-second ${int(r64.wasmCpu)} vs ${int(r64.miniCpu)} = ${ratio(r64.wasmCpu, r64.miniCpu)})`, r64.mini ? r64.wasm / r64.mini >= 50 : null, r64.mini ? `${(50 - r64.wasm / r64.mini).toFixed(1)}×` : '');
  goal('raw core 64×64×3 in the page ≥ 15× ml-som', `${int(r64.wasm)} vs ${int(r64.ml)} = ${ratio(r64.wasm, r64.ml)} (per CPU-second ${int(r64.wasmCpu)} vs ${int(r64.mlCpu)} = ${ratio(r64.wasmCpu, r64.mlCpu)})`, r64.wasm / r64.ml >= 15, `${(15 - r64.wasm / r64.ml).toFixed(1)}×`);
  goal('native core 64×64×3 ≥ 50× MiniSom', r64.native ? `${int(r64.native)} vs ${int(r64.mini)} = ${ratio(r64.native, r64.mini)}` : 'native bench not run', r64.native && r64.mini ? r64.native / r64.mini >= 50 : null, r64.native && r64.mini ? `${(50 - r64.native / r64.mini).toFixed(2)}×` : '');
  goal('native core 64×64×3 ≥ 15× ml-som', r64.native ? `${int(r64.native)} vs ${int(r64.ml)} = ${ratio(r64.native, r64.ml)}` : 'native bench not run', r64.native ? r64.native / r64.ml >= 15 : null, r64.native ? `${(15 - r64.native / r64.ml).toFixed(2)}×` : '');
}
const wasmFile = sizes.find((f) => f.name.endsWith('_bg.wasm'));
if (wasmFile) goal('_bg.wasm ≤ 60 KB gzipped', kb(wasmFile.gz), wasmFile.gz <= 60 * 1024, kb(wasmFile.gz - 60 * 1024));
goal('all of the page\'s files ≤ 150 KB gzipped', `${kb(loadedGz)} (the ${loaded.length} files index.html loads); ${kb(total)} (all ${sizes.length} files in dist)`, loadedGz <= 150 * 1024, kb(loadedGz - 150 * 1024));
goal('navigation → interactive < 300 ms on localhost (best of 3)', `${ms(Math.min(...local.times), 0)} best, ${ms(median(local.times), 0)} median`, Math.min(...local.times) < 300, ms(Math.min(...local.times) - 300, 0));
goal('navigation → interactive < 2 s on "school Wi-Fi" (best of 3)', `${ms(Math.min(...wifi.times), 0)} best, ${ms(median(wifi.times), 0)} median`, Math.min(...wifi.times) < 2000, ms(Math.min(...wifi.times) - 2000, 0));
if (csvLoad) {
  const worst = Math.max(...csvLoad.clicks, 0);
  const ok = csvLoad.rows === CSV_ROWS && csvLoad.tGrew > 0 && csvLoad.clicks.length > 0 && worst <= 100 && csvLoad.progress.some((v) => v > 0 && v < 1);
  goal('200,000-row CSV loads with a progress bar while playing, clicks answered within 100 ms', `${int(csvLoad.rows)} rows; t +${int(csvLoad.tGrew)} while reading; ${csvLoad.clicks.length} clicks, slowest ${ms(worst, 0)} to the next frame`, ok, worst > 100 ? ms(worst - 100, 0) : 'a condition');
} else goal('200,000-row CSV loads while playing, clicks answered within 100 ms', 'not run (--play-only)', null);
out.push('Targets (issue 12):');
out.push('');
out.push('| target | measured | |');
out.push('|---|---|---|');
out.push(...targets);
out.push('');
const sp = spreads.map((s) => s.spread).sort((a, b) => a - b);
if (sp.length) {
  const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a));
  out.push(`Noise: spread (max − min) / max of the repeated runs: median ${(100 * sp[Math.floor(sp.length / 2)]).toFixed(0)} %, worst ${(100 * worst.spread).toFixed(0)} % (${worst.what}).`);
}
for (const p of plays) {
  const h = p.handshake;
  out.push(`Play ${p.side}×${p.side}, one frame's handshake (medians of ${h.n}): from the frame's start to the page's frameDone (drawing the snapshot) ${ms(h.draw)}, from frameDone to the Worker's next snapshot ${ms(h.turnaround)}, from that snapshot to the next frame ${ms(h.wait)}; ${(p.rafPerS / Math.max(p.fps, 0.01)).toFixed(1)} page frames per new map.`);
  out.push(`Play ${p.side}×${p.side}: the page's renderer process used ${p.cpu.process.toFixed(2)} CPU-seconds per second of the ${os.cpus().length} cores (CDP ProcessTime): its main thread ${p.cpu.main.toFixed(2)}, the engine's Worker, compositor and raster threads together ${(p.cpu.process - p.cpu.main).toFixed(2)}.`);
}
for (const p of plays) {
  const r = p.phase.records;
  const next = r.length ? `click → next frame median ${ms(median(r.map((c) => c.toNextFrame)))}, max ${ms(Math.max(...r.map((c) => c.toNextFrame)))}` : 'no click recorded';
  out.push(`Play ${p.side}×${p.side}, then the Step phase button clicked while playing: ${next}; ${p.phase.stalledAfter ? `**Play stalled after click ${p.phase.stalledAfter}**: t stayed at ${int(p.phase.tBefore)} (${int(p.phase.tAfter)} 1 s later) while the page still said it was playing` : `Play went on after all ${p.phase.clicks} clicks`}.`);
}
for (const p of plays) {
  if (!p.loaf.length) continue;
  const sum = (f) => p.loaf.reduce((t, x) => t + f(x), 0);
  const worst = p.loaf.reduce((a, b) => (b.duration > a.duration ? b : a));
  out.push(`Play ${p.side}×${p.side}: ${p.loaf.length} long animation frames (≥ 50 ms), ${ms(sum((x) => x.duration), 0)} in all: scripts ${ms(sum((x) => x.script), 0)}, style, layout and paint ${ms(sum((x) => x.paint), 0)}, the rest (${ms(sum((x) => x.duration - x.script - x.paint), 0)}) the thread waiting for a CPU or the browser's own work; the longest ${ms(worst.duration, 0)} (scripts ${ms(worst.script, 0)}${worst.top ? `, most in ${worst.top}` : ''}; style, layout and paint ${ms(worst.paint, 0)}).`);
}
const horizon = plays.map((p) => `${p.side}×${p.side}: Play stopped at the horizon ${p.horizonStops} time(s) in the warm-up and was pressed again${p.stillPlaying ? '' : '; NOT playing at the end'}`).join('; ');
if (horizon) out.push(`Play: ${horizon}.`);
const errs = [...pageErrors, ...plays.flatMap((p) => p.errors), ...(csvLoad?.errors ?? [])];
if (errs.length) out.push(`Page errors: ${errs.join('; ')}`);
console.log(out.join('\n'));
