// The benchmark runner behind scripts/bench.sh. It serves SITE (the bench page, ml-som wrapped as
// an ES module, and the built page under app/), drives Debian's Chromium through playwright-core,
// runs the peers in the same run, and prints markdown tables with ratios.
//
//   node bench/run.mjs SITE NATIVE_BENCH_BINARY [--quick] [--play-only] [--profile OUT_DIR]
//
// Every figure is the best of REPEATS runs (2 cores, other work on the machine: the best run is
// the one least disturbed); the spread of the runs is printed under the table.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { benchData } from './page/data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const SITE = path.resolve(args[0]);
const NATIVE = args[1];
const QUICK = args.includes('--quick');
const PROFILE_DIR = args.includes('--profile') ? path.resolve(args[args.indexOf('--profile') + 1]) : null;
const REPEATS = QUICK ? 1 : 3;
const SECONDS = QUICK ? 0.25 : 0.5;
const ONLY_PLAY = args.includes('--play-only'); // for profiling the page
const SIDES = ONLY_PLAY ? [] : QUICK ? [10, 64] : [10, 32, 64, 128];
const DIMS = [3, 16];
const ROWS = 1000;
const PLAY_MS = 5000;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
  '--disable-background-networking', '--disable-component-update',
];
const log = (...a) => console.error('bench:', ...a);

// ---- a static server ----------------------------------------------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.wasm': 'application/wasm', '.csv': 'text/csv' };
function serve(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(root)) return res.writeHead(403).end();
      try {
        if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        const body = fs.readFileSync(file);
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---- formatting ---------------------------------------------------------------------------------
const int = (v) => (v == null || !Number.isFinite(v) ? 'n/a' : Math.round(v).toLocaleString('en'));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : 'n/a');
const ms = (v, d = 1) => (v == null ? 'n/a' : `${v.toFixed(d)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
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
    return { stepsPerS: get('steps_per_s'), bmuPerS: get('bmu_per_s') };
  } catch (e) {
    log(`MiniSom unavailable (${String(e.message).split('\n')[0]})`);
    return null;
  }
}

/** The native core: benches/native.rs in its single-map mode (SOM_BENCH_PROFILE=side,dim,steps). */
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

// ---- the real page: play mode, responsiveness, time to interactive ------------------------------
async function playMode(browser, origin, side) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/app/index.html#rows=${side}&cols=${side}&data=rgb&seed=1${process.env.BENCH_PLAY_HASH || ''}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.evaluate(() => {
    const s = document.getElementById('speed');
    s.value = s.max;
    s.dispatchEvent(new Event('input', { bubbles: true }));
    // Responsiveness probe: how long after the browser took a pointerdown did its handler run,
    // and how long until the next frame after it (what the student waits for).
    window.__clicks = [];
    document.addEventListener('pointerdown', (e) => {
      const start = performance.now();
      const rec = { inputDelay: start - e.timeStamp };
      requestAnimationFrame(() => { rec.toNextFrame = performance.now() - e.timeStamp; window.__clicks.push(rec); });
    }, { capture: true });
  });
  await page.click('#btn-play');
  await page.waitForTimeout(1000); // warm up: the slice size settles
  let cdp = null;
  if (PROFILE_DIR) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const start = await page.evaluate(() => {
    window.__frames = 0;
    const count = () => { window.__frames += 1; if (window.__counting) requestAnimationFrame(count); };
    window.__counting = true;
    requestAnimationFrame(count);
    return { t: window.app.som.t(), now: performance.now() };
  });
  const box = await page.locator('[data-testid="map-canvas"]').boundingBox();
  const until = Date.now() + PLAY_MS;
  let k = 0;
  while (Date.now() < until) {
    await page.waitForTimeout(250);
    // click a different node each time (selecting it redraws the views)
    await page.mouse.click(box.x + box.width * (0.2 + 0.6 * ((k * 0.37) % 1)), box.y + box.height * (0.2 + 0.6 * ((k * 0.61) % 1)));
    k += 1;
  }
  const end = await page.evaluate(() => { window.__counting = false; return { t: window.app.som.t(), now: performance.now(), frames: window.__frames, clicks: window.__clicks, playing: window.app.isPlaying() }; });
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `play-${side}.cpuprofile`), JSON.stringify(profile));
    summariseProfile(profile, `play mode ${side}×${side}`);
  }
  await page.click('#btn-play');
  await context.close();
  const secs = (end.now - start.now) / 1000;
  const clicks = end.clicks.slice(1); // the first may land during warm-up
  const sorted = (f) => clicks.map(f).sort((a, b) => a - b);
  const pct = (arr, p) => (arr.length ? arr[Math.min(arr.length - 1, Math.floor(p * arr.length))] : null);
  return {
    fps: end.frames / secs,
    stepsPerS: (end.t - start.t) / secs,
    clicks: clicks.length,
    inputDelayMedian: pct(sorted((c) => c.inputDelay), 0.5),
    inputDelayMax: pct(sorted((c) => c.inputDelay), 1),
    nextFrameMedian: pct(sorted((c) => c.toNextFrame), 0.5),
    nextFrameMax: pct(sorted((c) => c.toNextFrame), 1),
    stillPlaying: end.playing,
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

async function timeToInteractive(browser, origin) {
  const times = [];
  for (let r = 0; r < Math.max(3, REPEATS); r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      new MutationObserver((_, obs) => {
        if (document.body && document.body.dataset.ready === 'true') {
          window.__readyAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/app/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__readyAt));
    await context.close();
  }
  return times;
}

function gzipSizes(dist) {
  const files = (dir, test) => fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && test(d.name))
    .map((d) => path.join(d.parentPath ?? d.path, d.name));
  const gz = (list) => list.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  const raw = (list) => list.reduce((s, f) => s + fs.statSync(f).size, 0);
  const wasmFiles = fs.readdirSync(dist).filter((f) => f.endsWith('_bg.wasm')).map((f) => path.join(dist, f));
  const glue = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => path.join(dist, f));
  const js = files(path.join(dist, 'js'), (n) => n.endsWith('.js'));
  return {
    wasm: { raw: raw(wasmFiles), gz: gz(wasmFiles) },
    glue: { raw: raw(glue), gz: gz(glue) },
    js: { raw: raw(js), gz: gz(js), count: js.length },
  };
}

// ---- main ---------------------------------------------------------------------------------------
const { server, origin } = await serve(SITE);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const chromeVersion = browser.version();
const page = await (await browser.newContext()).newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
await page.goto(`${origin}/index.html`);
await page.waitForSelector('body[data-ready="true"]');
const glue = fs.readdirSync(path.join(SITE, 'app')).find((f) => /\.js$/.test(f) && fs.existsSync(path.join(SITE, 'app', f.replace(/\.js$/, '_bg.wasm'))));
const versions = await page.evaluate((g) => window.bench.load(g), `./app/${glue}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'som-bench-'));

const rows = [];
for (const side of SIDES) {
  for (const dim of DIMS) {
    const dataFile = path.join(tmp, `data-${dim}.f32`);
    fs.writeFileSync(dataFile, Buffer.from(benchData(ROWS, dim).buffer));
    const runs = { wasm: [], ml: [], mini: [], native: [], miniBmu: [] };
    for (let r = 0; r < REPEATS; r++) {
      const w = await page.evaluate(([s, d, t]) => window.bench.wasmSteps(s, d, t), [side, dim, SECONDS]);
      runs.wasm.push(w.stepsPerS);
      runs.ml.push((await page.evaluate(([s, d, t]) => window.bench.mlsomSteps(s, d, t), [side, dim, SECONDS])).stepsPerS);
      runs.native.push(native(side, dim, w.stepsPerS * SECONDS * 1.5));
      const m = minisom(side, dim, dataFile);
      runs.mini.push(m?.stepsPerS);
      runs.miniBmu.push(m?.bmuPerS);
    }
    const row = {
      side, dim,
      wasm: best(runs.wasm, `wasm ${side}×${side}×${dim}`),
      ml: best(runs.ml, `ml-som ${side}×${side}×${dim}`),
      mini: best(runs.mini, `MiniSom ${side}×${side}×${dim}`),
      native: best(runs.native, `native ${side}×${side}×${dim}`),
      miniBmu: best(runs.miniBmu, `MiniSom winner ${side}×${side}×${dim}`),
    };
    rows.push(row);
    log(`${side}×${side}×${dim}: wasm ${int(row.wasm)}, ml-som ${int(row.ml)}, MiniSom ${int(row.mini)}, native ${int(row.native)} steps/s`);
  }
}

const bmu = [];
for (const dim of ONLY_PLAY ? [] : DIMS) {
  const runs = [];
  for (let r = 0; r < REPEATS; r++) runs.push(await page.evaluate(([d]) => window.bench.bmuSearch(64, d, 10_000, 5), [dim]));
  const mini = rows.find((r) => r.side === 64 && r.dim === dim)?.miniBmu;
  bmu.push({
    dim,
    wasmMs: bestLow(runs.map((r) => r.wasmMs), `BMU 10k wasm dim ${dim}`),
    mlMs: bestLow(runs.map((r) => r.mlsomMs), `BMU 10k ml-som dim ${dim}`),
    miniMs: mini ? (10_000 / mini) * 1000 : null,
  });
}

const plays = [];
for (let r = 0; r < (QUICK ? 1 : 2); r++) plays.push(await playMode(browser, origin, 64));
const play = plays.reduce((a, b) => (b.stepsPerS * Math.min(b.fps, 60) > a.stepsPerS * Math.min(a.fps, 60) ? b : a));
if (plays.length > 1) spreads.push({ what: 'play steps/s', spread: Math.abs(plays[0].stepsPerS - plays[1].stepsPerS) / Math.max(plays[0].stepsPerS, plays[1].stepsPerS) });
const ready = await timeToInteractive(browser, origin);
const sizes = gzipSizes(path.join(SITE, 'app'));
await browser.close();
server.close();
fs.rmSync(tmp, { recursive: true, force: true });

// ---- the tables ---------------------------------------------------------------------------------
const out = [];
const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] || os.cpus()[0]?.model;
out.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu} (${os.cpus().length} cores), Chromium ${chromeVersion}, ml-som ${versions.mlsom}, MiniSom 2.3.6; best of ${REPEATS}${QUICK ? ' (--quick)' : ''}.`);
out.push('');
out.push('Online training, steps per second (1,000 rows in [0,1)^dim, the same rows for all; sigma = half the map, learning rate 0.5, gaussian):');
out.push('');
out.push('| map | dim | this project, wasm in the page | ml-som 0.0.6, same page | ratio | MiniSom 2.3.6 (Python) | ratio | native core | native / wasm |');
out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  out.push(`| ${r.side}×${r.side} | ${r.dim} | ${int(r.wasm)} | ${int(r.ml)} | ${ratio(r.wasm, r.ml)} | ${int(r.mini)} | ${ratio(r.wasm, r.mini)} | ${int(r.native)} | ${ratio(r.native, r.wasm)} |`);
}
out.push('');
out.push('The page and its payload:');
out.push('');
out.push('| measure | this project | ml-som 0.0.6 | MiniSom 2.3.6 | target |');
out.push('|---|---:|---:|---:|---|');
for (const b of bmu) {
  out.push(`| BMU of 10,000 rows, 64×64, dim ${b.dim} | ${ms(b.wasmMs)} | ${ms(b.mlMs)} (${ratio(b.mlMs, b.wasmMs)} slower) | ${ms(b.miniMs, 0)} (${ratio(b.miniMs, b.wasmMs)} slower) | ${b.dim === 3 ? '< 50 ms' : ''} |`);
}
out.push(`| Play at max speed, 64×64 rgb, real page: steps/s | ${int(play.stepsPerS)} | | | ≥ 60,000 |`);
out.push(`| … frames per second (map, input space, charts drawing) | ${play.fps.toFixed(1)} | | | ≥ 55 |`);
out.push(`| … click → handler (input delay), median / max of ${play.clicks} | ${ms(play.inputDelayMedian)} / ${ms(play.inputDelayMax)} | | | responsive |`);
out.push(`| … click → next frame, median / max | ${ms(play.nextFrameMedian)} / ${ms(play.nextFrameMax)} | | | |`);
out.push(`| _bg.wasm, gzipped (raw) | ${kb(sizes.wasm.gz)} (${kb(sizes.wasm.raw)}) | | | < 60 KB |`);
out.push(`| wasm-bindgen glue JS, gzipped (raw) | ${kb(sizes.glue.gz)} (${kb(sizes.glue.raw)}) | | | |`);
out.push(`| page JS, ${sizes.js.count} modules, gzipped (raw) | ${kb(sizes.js.gz)} (${kb(sizes.js.raw)}) | | | |`);
out.push(`| navigation → interactive (body[data-ready]), localhost, best / median of ${ready.length} | ${ms(Math.min(...ready), 0)} / ${ms([...ready].sort((a, b) => a - b)[Math.floor(ready.length / 2)], 0)} | | | < 300 ms |`);
out.push('');
const sp = spreads.map((s) => s.spread).sort((a, b) => a - b);
if (sp.length) {
  const worst = spreads.reduce((a, b) => (b.spread > a.spread ? b : a));
  out.push(`Noise: spread (max − min) / max of the repeated runs: median ${(100 * sp[Math.floor(sp.length / 2)]).toFixed(0)}%, worst ${(100 * worst.spread).toFixed(0)}% (${worst.what}).`);
}
if (pageErrors.length || play.errors.length) out.push(`Page errors: ${[...pageErrors, ...play.errors].join('; ')}`);
console.log(out.join('\n'));
