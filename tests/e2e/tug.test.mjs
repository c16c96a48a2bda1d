// The tug of war: the map's pull colours are the mix the core's pull matrix implies, and "Pull"
// applies each chosen row's update in turn, exactly as the core does for those rows.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, closeBrowser } from './harness.mjs';

after(closeBrowser);

// The palette, in the order rows are chosen (Okabe–Ito: blue, green, orange first).
const PALETTE = ['#0072B2', '#009E73', '#E69F00'].map((h) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16)));

/** The colour a node should have: rows' colours mixed by pull share, faded to white by total/strongest. */
function expectedColour(pulls, k, nodes, i) {
  const total = (n) => Array.from({ length: k }, (_, r) => Math.max(0, pulls[r * nodes + n])).reduce((a, b) => a + b, 0);
  const strongest = Math.max(...Array.from({ length: nodes }, (_, n) => total(n)));
  const t = total(i);
  return [0, 1, 2].map((c) => {
    let mix = 0;
    for (let r = 0; r < k; r++) mix += (t > 0 ? Math.max(0, pulls[r * nodes + i]) / t : 0) * PALETTE[r][c];
    return Math.round(255 + (mix - 255) * (t / strongest));
  });
}

test('pull colours of three chosen nodes equal the mix from the core\'s pull matrix', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    await page.evaluate(() => {
      window.app.build({ rows: 6, cols: 6, data: 'rgb', seed: 3, dataRows: 200 });
      window.app.train(400);
      window.app.setTug([5, 77, 150]);
    });
    await page.waitForFunction(() => document.querySelector('[data-testid="map-canvas"]') && window.app.mapView.mode === 'pull');
    await page.waitForTimeout(100);
    const probe = await page.evaluate(() => {
      const a = window.app;
      const nodes = a.shape.nodes;
      const pulls = [...a.som.pulls(Uint32Array.from(a.tugRows))];
      const bmus = a.tugRows.map((r) => a.som.bmu(a.data.subarray(r * 3, r * 3 + 3)));
      const canvas = document.querySelector('[data-testid="map-canvas"]');
      const ctx = canvas.getContext('2d');
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      // Three nodes: the first row's BMU, the last node, and one in the middle of the grid.
      const chosen = [bmus[0], nodes - 1, 14].filter((n) => n !== a.selected);
      const colours = chosen.map((n) => {
        const [x, y] = a.mapView.geometry.centre(n);
        return [...ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data].slice(0, 3);
      });
      return { nodes, pulls, chosen, colours, k: a.tugRows.length };
    });
    assert.equal(probe.k, 3);
    assert.ok(probe.chosen.length >= 2);
    probe.chosen.forEach((node, j) => {
      const want = expectedColour(probe.pulls, probe.k, probe.nodes, node);
      const got = probe.colours[j];
      got.forEach((v, c) => assert.ok(Math.abs(v - want[c]) <= 2, `node ${node} channel ${c}: drawn ${got}, expected ${want}`));
    });
    // A pull matrix is α·h: every entry in [0, α], and each row's own BMU gets exactly α.
    const alpha = await page.evaluate(() => window.app.som.learningRate());
    assert.ok(probe.pulls.every((p) => p >= 0 && p <= alpha + 1e-6));
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('"Pull" applies the chosen rows\' updates in turn, as the core does', async () => {
  const app = await openApp();
  const { page } = app;
  try {
    const result = await page.evaluate(() => {
      const a = window.app;
      a.build({ rows: 4, cols: 4, data: 'rgb', seed: 9, dataRows: 80 });
      a.train(50);
      a.setTug([3, 60]);
      return { before: [...a.som.weights()], t: a.som.t() };
    });
    assert.ok(result.before.length === 48);
    await page.click('#btn-pull');
    const check = await page.evaluate(() => {
      const a = window.app;
      // The same work done directly on a second core: 50 steps, then rows 3 and 60 in turn.
      const replica = new window.wasmBindings.Som(a.som.options());
      replica.train(50);
      replica.stepTrace(3);
      replica.stepTrace(60);
      const same = [...replica.weights()].every((w, i) => w === a.som.weights()[i]);
      replica.free();
      return { same, t: a.som.t(), traces: a.tugTraces.length, rows: a.tugTraces.map((tr) => tr.row), first: [...a.tugTraces[0].after], second: [...a.tugTraces[1].before] };
    });
    assert.equal(check.t, result.t + 2, 'two steps were taken');
    assert.equal(check.traces, 2);
    assert.ok(check.same, 'the page\'s map equals the core replaying the same two pulls');
    assert.deepEqual(check.rows, [3, 60], 'in the chosen order');
    assert.deepEqual(check.first, check.second, 'the second pull starts where the first ended');
    assert.notDeepEqual(check.first, result.before, 'the first pull moved the map');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
