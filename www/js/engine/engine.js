// The page's side of the engine: one Worker per lesson, commands in, snapshots out.
//
//   const engine = new Engine((snap) => app.apply(snap));
//   await engine.call('build', { options: { rows: 10, cols: 10 } });
//   const weights = await engine.call('weights');
//
// Every element on a page shares one download and compile of the wasm (`wasmModule()`); each gets
// its own Worker, so stepping, playing or failing in one changes nothing in another.

const here = import.meta.url;
let compiled = null;

/** The compiled core, fetched and compiled once per page, whatever the number of lessons. */
export function wasmModule() {
  compiled ??= (async () => {
    const url = new URL('./som_playground_bg.wasm', here);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${url.pathname}: HTTP ${response.status}`);
    // compileStreaming needs the server to say application/wasm; the buffer path works anywhere.
    if (response.headers.get('Content-Type')?.startsWith('application/wasm')) return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  return compiled;
}
// Fetching and compiling start as soon as this module runs (index.html preloads the file), not
// when the first lesson has built its DOM; a failure surfaces in the lessons that await it.
wasmModule().catch(() => {});

let facade = null;

/**
 * The wasm facade itself on the page's thread (`Som`, `optionSchema`, …, and the CSV module's
 * `CsvLoader`, `parseCsv`, `inspectCsv`), for scripts that want the core without a lesson. The
 * map is instantiated from the same compiled module; a CSV reaches it as
 * `som.adoptData(parseCsv(text))`.
 */
export function ready() {
  facade ??= (async () => {
    const [glue, csv] = await Promise.all(['som_playground.js', 'som_csv.js'].map((f) => import(new URL(`./${f}`, here).href)));
    await glue.default({ module_or_path: await wasmModule() });
    await csv.default({ module_or_path: new URL('./som_csv_bg.wasm', here) });
    return { ...glue, CsvLoader: csv.CsvLoader, parseCsv: csv.parseCsv, inspectCsv: csv.inspectCsv };
  })();
  return facade;
}

export class Engine {
  /**
   * @param onSnapshot (snap, { frame }) => void, called before the command's promise settles
   * @param kind what the worker runs: 'lesson' (one map, www/js/engine/lesson.js) or 'pair'
   *   (a pitfall pair in lock step, www/js/engine/pair.js)
   */
  constructor(onSnapshot, { kind = 'lesson' } = {}) {
    this.onSnapshot = onSnapshot;
    this.pending = new Map();
    this.nextId = 1;
    this.worker = new Worker(new URL('./som-worker.js', here), { type: 'module', name: 'som-playground engine' });
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (event) => this.fail(new Error(`the engine stopped: ${event.message || 'it could not start'}`));
    this.started = wasmModule().then((module) => this.worker.postMessage({ init: module, kind }));
    this.started.catch((error) => this.fail(error));
  }

  /** Runs `cmd` in the worker; resolves to its value (after its snapshot was applied) or rejects with its error. */
  call(cmd, args = {}) {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, cmd, args });
    });
  }

  /** Tells a playing worker the last frame is drawn, handing back its weights buffer to refill. */
  frameDone(buffer) {
    const transfer = buffer?.byteLength ? [buffer] : [];
    this.worker.postMessage({ cmd: 'frameDone', args: { buffer } }, transfer);
  }

  receive({ id, value, error, snap }) {
    if (snap) this.onSnapshot(snap, { frame: id == null });
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    if (error != null) waiting.reject(new Error(error));
    else waiting.resolve(value);
  }

  fail(error) {
    this.broken = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.onSnapshot(null, { error });
  }

  terminate() {
    this.worker.terminate();
    this.fail(new Error('the lesson was closed'));
  }
}
