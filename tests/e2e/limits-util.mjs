// Shared by tests/e2e/limits.test.mjs, tests/e2e/long-runs.test.mjs and scripts/limits.mjs: the
// page opened at a link, what the worker sends the page (every message counted on arrival, by
// the bytes of its numbers and strings), the worker's wasm memory, the page's JS heap, and a
// click timed to the moment the lesson's state shows its effect.
import { browser, DESKTOP } from './harness.mjs';

export const MiB = 1024 * 1024;

/**
 * Opens the page at `hash` in a new context (with `count`, every message of its workers counted:
 * instrument()) and waits for the lesson; resolves to { page, errors, memory(), close() }.
 */
export async function open(server, hash, { count = false, viewport = DESKTOP } = {}) {
  const context = await (await browser()).newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  if (count) await instrument(page);
  await page.goto(server.url + hash);
  await page.waitForFunction(() => document.querySelector('som-playground')?.dataset.ready === 'true', null, { timeout: 300_000 });
  const cdp = await context.newCDPSession(page);
  const memory = async () => ({ wasm: await wasmBytes(page, server), heap: await heapBytes(cdp) });
  return { page, cdp, errors, memory, close: () => context.close() };
}

/** Counts every message a Worker of `page` posts to it: `window.__sent` = [{ at, bytes, stopped }]. */
export async function instrument(page) {
  await page.addInitScript(() => {
    const size = (v, depth = 0) => {
      if (v == null || depth > 8) return 0;
      if (ArrayBuffer.isView(v)) return v.byteLength;
      if (v instanceof ArrayBuffer) return v.byteLength;
      if (typeof v === 'string') return 2 * v.length;
      if (typeof v !== 'object') return 8;
      let n = 0;
      for (const x of Array.isArray(v) ? v : Object.values(v)) n += size(x, depth + 1);
      return n;
    };
    window.__sent = [];
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', ({ data }) => {
          window.__sent.push({ at: performance.now(), bytes: size(data), frame: data?.id == null && Boolean(data?.snap), stopped: data?.snap?.stopped ?? null });
        });
      }
    };
  });
}

/** The largest message and the sum of all so far, in bytes. */
export function bytesSent(page) {
  return page.evaluate(() => ({
    largest: Math.max(0, ...window.__sent.map((m) => m.bytes)),
    total: window.__sent.reduce((s, m) => s + m.bytes, 0),
  }));
}

/** The engine worker's wasm memory, bytes (its glue, imported again inside it, hands back the instance). */
export async function wasmBytes(page, server) {
  const worker = page.workers().find((w) => /som-worker/.test(w.url()));
  const glue = new URL('som_playground.js', server.url).href;
  return worker.evaluate(async (url) => (await (await import(url)).default()).memory.buffer.byteLength, glue);
}

/** The page's JS heap after a full GC (CDP), bytes. */
export async function heapBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/**
 * Clicks control `id` in the lesson's shadow root (or sets it to `value` and sends change; or,
 * with `apply`, the parameter form's Apply button) and waits until the lesson's state differs
 * in `watch` (t, phase, playing, dataRows or init) and then one frame is drawn. Resolves to the
 * milliseconds that took and the bytes the worker sent meanwhile; after `timeout` ms, with
 * `timedOut` set.
 */
export function click(page, id, { value = null, apply = false, watch = 't', until = null, timeout = 300_000 } = {}) {
  return page.evaluate(async ({ id, value, apply, watch, until, timeout }) => {
    const el = document.querySelector('som-playground');
    const root = el.shadowRoot;
    const read = () => ({ t: el.t, phase: el.state.phase, playing: el.state.playing, dataRows: el.state.shape.dataRows, init: el.state.options.init })[watch];
    const was = read();
    const from = window.__sent.length;
    const t0 = performance.now();
    if (apply) [...root.querySelectorAll('button')].find((b) => b.textContent.startsWith('Apply')).click();
    else if (value != null) {
      const field = root.getElementById(id) ?? root.querySelector(`[name="${id}"]`);
      field.value = value;
      field.dispatchEvent(new Event('change', { bubbles: true }));
    } else root.getElementById(id).click();
    const done = () => read() !== was && (!until || window.__sent.slice(from).some((m) => m.stopped === until));
    const timedOut = await new Promise((resolve) => {
      const check = () => (done() ? resolve(false) : performance.now() - t0 > timeout ? resolve(true) : setTimeout(check, 2));
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return { ms: performance.now() - t0, bytes: window.__sent.slice(from).reduce((s, m) => s + m.bytes, 0), timedOut };
  }, { id, value, apply, watch, until, timeout });
}

/** A CSV of `rows` rows × `cols` numeric columns (deterministic values in [0, 1)). */
export function wideCsv(rows, cols) {
  const header = Array.from({ length: cols }, (_, k) => `c${k}`).join(',');
  const lines = [header];
  let s = 1;
  for (let r = 0; r < rows; r++) {
    const cells = new Array(cols);
    for (let k = 0; k < cols; k++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      cells[k] = (s / 2147483648).toFixed(3);
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * Plays at the fastest speed for `ms` (and on until `least` frames came, at most a minute) and
 * pauses; resolves to the bytes of each Play frame the worker posted meanwhile (the answers to
 * commands left out).
 */
export function playFrames(page, ms, least = 3) {
  return page.evaluate(async ({ ms, least }) => {
    const el = document.querySelector('som-playground');
    const root = el.shadowRoot;
    const slider = root.getElementById('speed');
    slider.value = '100';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const from = window.__sent.length;
    if (!el.state.playing) root.getElementById('btn-play').click();
    const t0 = performance.now();
    const frames = () => window.__sent.slice(from).filter((m) => m.frame).map((m) => m.bytes);
    await new Promise((resolve) => { const check = () => (performance.now() - t0 > ms && (frames().length >= least || performance.now() - t0 > 60_000) ? resolve() : setTimeout(check, 20)); check(); });
    await el.pause();
    return frames();
  }, { ms, least });
}

/** Plays at the fastest speed (the slider at 100: 10,000 steps per frame), as a student would set it. */
export function playFastest(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('som-playground');
    const slider = el.shadowRoot.getElementById('speed');
    slider.value = '100';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await el.play();
  });
}

/**
 * Selects node `node` by a pointer press on the map and resolves to the milliseconds until the
 * map has drawn it selected and the next frame is painted (the page alone answers this).
 */
export function selectOnMap(page, node) {
  return page.evaluate(async (node) => {
    const el = document.querySelector('som-playground');
    const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
    const { rows, cols } = el.state.shape;
    const r = canvas.getBoundingClientRect();
    const x = r.left + ((node % cols) + 0.5) * (r.width / cols);
    const y = r.top + (Math.floor(node / cols) + 0.5) * (r.height / rows);
    const t0 = performance.now();
    canvas.dispatchEvent(new PointerEvent('pointerdown', { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' }));
    await new Promise((resolve) => { const check = () => (canvas.dataset.selected === String(node) ? resolve() : setTimeout(check, 1)); check(); });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  }, node);
}

/**
 * The milliseconds per Play frame spent in the input view's render() (with what it calls), from
 * a CDP sampling profile of `ms` of Play at the fastest speed, and the frames drawn meanwhile.
 * The function is found in the bundle as the `render(` before its call of the view's `mayWait`.
 */
export async function inputViewMs(page, cdp, server, ms) {
  const bundle = await (await fetch(new URL('som-playground.js', server.url))).text();
  const start = bundle.lastIndexOf('render(', bundle.indexOf('.mayWait('));
  const line = bundle.slice(0, start).split('\n').length - 1;
  const column = start - (bundle.lastIndexOf('\n', start) + 1);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const frames = (await playFrames(page, ms)).length;
  const { profile } = await cdp.send('Profiler.stop');
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isRender = ({ callFrame: f }) => f.functionName === 'render' && f.url.endsWith('som-playground.js')
    && f.lineNumber === line && Math.abs(f.columnNumber - column) <= 8;
  let us = 0;
  profile.samples.forEach((id, i) => {
    for (let n = id; n != null; n = parent.get(n)) {
      if (isRender(byId.get(n))) { us += profile.timeDeltas[i] ?? 0; break; }
    }
  });
  return { frames, msPerFrame: frames ? us / 1000 / frames : 0 };
}
