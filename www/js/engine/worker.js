// The engine's Worker: one per lesson. It receives the compiled wasm module from the page (so any
// number of workers share one download and compile), instantiates the wasm-bindgen glue with it,
// then runs each command on its Lesson in the order they arrive and answers with a snapshot. A
// command that returns a promise (one that needs the CSV module, loaded on first use) holds the
// commands after it until it settles.
//
//   page → worker  { init: WebAssembly.Module }            once, first
//   page → worker  { id, cmd, args }                       a command (a public method of Lesson)
//   worker → page  { id, value, snap } or { id, error, snap }
//   worker → page  { snap }                                a Play frame (the page answers frameDone)
import { Lesson } from './lesson.js';
import { Pair } from './pair.js';

let lesson = null;
let busy = false;
let csv = null;
const queue = [];

const post = (message, transfer = []) => self.postMessage(message, transfer);

// The glue sits beside this file in dist/; it is loaded, not bundled, so the page and the worker
// share it. Its import starts at once, while the page is still compiling the wasm; a failure
// surfaces when the init message awaits it.
const glueModule = import(new URL('./som_playground.js', import.meta.url).href);
glueModule.catch(() => {});

/** The CSV module (som_csv.js and som_csv_bg.wasm beside this file), loaded once, when first needed. */
const csvModule = () => (csv ??= (async () => {
  const module = await import(new URL('./som_csv.js', import.meta.url).href);
  await module.default({ module_or_path: new URL('./som_csv_bg.wasm', import.meta.url) });
  return module;
})().catch((error) => {
  csv = null; // a later CSV tries again
  throw new Error(`could not load the CSV reader (som_csv.js): ${error?.message ?? error}`);
}));

self.onmessage = async ({ data }) => {
  if (data.init) {
    const glue = await glueModule;
    await glue.default({ module_or_path: data.init });
    // { init, kind: 'pair' }: a pitfall pair
    lesson = data.kind === 'pair' ? new Pair(glue, post) : new Lesson(glue, post, csvModule);
  } else {
    queue.push(data);
  }
  while (lesson && !busy && queue.length) run(queue.shift());
};

function run({ id, cmd, args }) {
  if (cmd === 'frameDone') return lesson.frameDone(args);
  let value;
  try {
    if (typeof lesson[cmd] !== 'function' || cmd === 'constructor') throw new Error(`the engine has no command '${cmd}'`);
    if (!lesson.som && !['build', 'thumbnails', 'schema'].includes(cmd)) throw new Error('the engine has no map yet: build one first');
    value = lesson[cmd](args ?? {});
  } catch (error) {
    return reply({ id, error: String(error?.message ?? error) });
  }
  if (!(value instanceof Promise)) return reply({ id, value });
  busy = true;
  value.then((v) => reply({ id, value: v }), (error) => reply({ id, error: String(error?.message ?? error) })).finally(() => {
    busy = false;
    while (!busy && queue.length) run(queue.shift());
  });
}

function reply(message) {
  if (lesson.som) lesson.send(message);
  else post(message);
}
