// Reproduces, in Node, why ml-som ran at half speed in the old bench: in one JavaScript realm, an
// ml-som SOM constructed after another one has trained runs its BMU search about 2× slower (the
// constructor's getMaxDistance call on small-integer arrays deoptimizes squareEuclidean, which was
// optimized for arrays of doubles). Steps per CPU-second, 64×64, 3 columns, 3 epochs of 1,000 rows.
//
//   node bench/peers/mlsom_second_instance.cjs            train A, then construct and train B
//   node bench/peers/mlsom_second_instance.cjs together   construct A and B first, then train both
//   node --trace-deopt bench/peers/mlsom_second_instance.cjs 2>&1 | grep bailout
const path = require('node:path');
const SOM = require(path.join(__dirname, '../../node_modules/ml-som'));

function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const g = mulberry32(7);
const rows = Array.from({ length: 1000 }, () => Array.from(new Float32Array([g(), g(), g()])));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const make = () => new SOM(64, 64, { fields: 3, iterations: 3, learningRate: 0.5, torus: false, method: 'random', randomizer: mulberry32(1234) });
const train = (som, label) => {
  const c0 = cpu();
  som.train(rows);
  console.log(`${label}: ${Math.round(3000 / (cpu() - c0)).toLocaleString('en')} steps per CPU-second`);
};
if (process.argv[2] === 'together') {
  const a = make();
  const b = make();
  train(a, 'A (constructed with B, before any training)');
  train(b, 'B (constructed with A, before any training)');
} else {
  const a = make();
  train(a, 'A (the first SOM in this realm)');
  const b = make();
  train(b, 'B (constructed after A trained)');
  const c = make();
  train(c, 'C (constructed after B trained)');
}
