// The shipped wasm in Node (V8, as in Chromium): online `Som.train` steps per CPU-second of this
// process, with the bench page's settings (bench/page/data.js benchSom: sigma half the map held
// constant, learning rate 0.5, gaussian, rows drawn at random from 1,000 mulberry32 rows). A quick
// check that a build change did not slow the hot loops; it prints figures and asserts nothing.
//
//   node bench/node-steps.mjs [dist] [side×dim ...]     default: dist 64x3 64x16 32x3
//   RUNS=5 node bench/node-steps.mjs dist 64x3           best of RUNS (default 5) after a warm-up
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchData, benchSom } from './page/data.js';

const [distArg = 'dist', ...shapes] = process.argv.slice(2);
const dist = resolve(distArg);
const glue = await import(pathToFileURL(`${dist}/som_playground.js`).href);
glue.initSync({ module: readFileSync(`${dist}/som_playground_bg.wasm`) });
const runs = Number(process.env.RUNS ?? 5);

const makeSom = (side, dim, data) => benchSom(glue.Som, side, dim, data);

/** Steps per CPU-second of one run of about `seconds` of training. */
function perCpuSecond(side, dim, seconds) {
  const data = benchData(1000, dim);
  const probe = makeSom(side, dim, data);
  let c0 = process.cpuUsage();
  probe.train(2000);
  let c = process.cpuUsage(c0);
  probe.free();
  const steps = Math.max(2000, Math.round((2000 / ((c.user + c.system) / 1e6)) * seconds));
  const som = makeSom(side, dim, data);
  c0 = process.cpuUsage();
  som.train(steps);
  c = process.cpuUsage(c0);
  som.free();
  return steps / ((c.user + c.system) / 1e6);
}

for (const shape of shapes.length ? shapes : ['64x3', '64x16', '32x3']) {
  const [side, dim] = shape.split('x').map(Number);
  perCpuSecond(side, dim, 0.3); // warm-up
  const all = Array.from({ length: runs }, () => perCpuSecond(side, dim, 0.5));
  const sorted = [...all].sort((a, b) => a - b);
  const fmt = (v) => Math.round(v).toLocaleString('en');
  console.log(`${side}×${side}×${dim}: best ${fmt(sorted.at(-1))}, median ${fmt(sorted[runs >> 1])} steps per CPU-second (${runs} runs)`);
}
