// The engine's Worker: one per lesson. It receives the compiled wasm module from the page (so any
// number of workers share one download and compile), instantiates the wasm-bindgen glue with it,
// then runs each command on its Lesson in the order they arrive and answers with a snapshot.
//
//   page → worker  { init: WebAssembly.Module }            once, first
//   page → worker  { id, cmd, args }                       a command (a public method of Lesson)
//   worker → page  { id, value, snap } or { id, error, snap }
//   worker → page  { snap }                                a Play frame (the page answers frameDone)
import { Lesson } from './lesson.js';
import { Pair } from './pair.js';

let lesson = null;
const queue = [];

const post = (message, transfer = []) => self.postMessage(message, transfer);

self.onmessage = async ({ data }) => {
  if (data.init) {
    // The glue sits beside this file in dist/; it is loaded, not bundled, so the page and the
    // worker share it.
    const glue = await import(new URL('./som_playground.js', import.meta.url).href);
    await glue.default({ module_or_path: data.init });
    lesson = data.kind === 'pair' ? new Pair(glue, post) : new Lesson(glue, post); // { init, kind: 'pair' }: a pitfall pair
    for (const message of queue.splice(0)) run(message);
    return;
  }
  if (!lesson) queue.push(data);
  else run(data);
};

function run({ id, cmd, args }) {
  if (cmd === 'frameDone') return lesson.frameDone(args);
  let value;
  try {
    if (typeof lesson[cmd] !== 'function' || cmd === 'constructor') throw new Error(`the engine has no command '${cmd}'`);
    if (!lesson.som && !['build', 'thumbnails', 'schema'].includes(cmd)) throw new Error('the engine has no map yet: build one first');
    value = lesson[cmd](args ?? {});
  } catch (error) {
    if (lesson.som) lesson.send({ id, error: String(error?.message ?? error) });
    else post({ id, error: String(error?.message ?? error) });
    return;
  }
  if (lesson.som) lesson.send({ id, value });
  else post({ id, value });
}
