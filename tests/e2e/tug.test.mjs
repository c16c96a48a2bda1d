// The tug of war: the map's pull colours are the mix the core's pull matrix implies, and "Pull"
// applies each chosen row's update in turn, exactly as the core does for those rows.
// The lesson is set up by a link (the map, t and the tug rows, as a teacher would share it); the
// core's numbers come from a second Som on the page's thread (the wasm facade, `ready()` of
// som-playground.js) replaying the same steps, checked against the live map (el.weights()).
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

/** The announcer's text (the live region), once it is not `before`. */
async function announcement(page, before = '') {
  await page.waitForFunction(
    (b) => {
      const text = document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="announcer"]')?.textContent ?? '';
      return text !== '' && text !== b;
    },
    before,
    { timeout: 5000 },
  );
  return page.locator('[data-testid="announcer"]').textContent();
}

test('pull colours of three chosen nodes equal the mix from the core\'s pull matrix', async () => {
  const app = await openApp({ query: '#rows=6&cols=6&data=rgb&seed=3&dataRows=200&t=400&tug=5,77,150' });
  const { page } = app;
  try {
    // Two or more tug rows switch the map to the tug-of-war colouring.
    await page.waitForFunction(() => {
      const state = document.querySelector('som-playground').state;
      return state?.colour === 'pull' && state.t === 400 && state.tugRows.join() === '5,77,150';
    });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const probe = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const { ready } = await import('./som-playground.js');
      const wasm = await ready();
      const state = el.state;
      const { nodes, rows, cols, dim } = state.shape;
      // The core, replaying the link: the same options and 400 untraced steps.
      const som = new wasm.Som(state.options);
      som.train(state.t);
      const live = await el.weights();
      const same = som.weights().every((w, i) => Object.is(w, live[i]));
      const pulls = [...som.pulls(Uint32Array.from(state.tugRows))];
      const data = som.data();
      const bmus = state.tugRows.map((r) => som.bmu(data.subarray(r * dim, (r + 1) * dim)));
      const alpha = som.learningRate();
      som.free();
      // The canvas's pixels at node centres (a rectangular grid, node = row × cols + col).
      const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
      const ctx = canvas.getContext('2d');
      const width = parseFloat(canvas.style.width) || canvas.getBoundingClientRect().width;
      const ratio = canvas.width / width;
      const scale = Math.min(width / cols, width / rows);
      const centre = (n) => [width / 2 + ((n % cols) - (cols - 1) / 2) * scale, (Math.floor(n / cols) + 0.5) * scale];
      // Three nodes: the first row's BMU, the last node, and one in the middle of the grid.
      const chosen = [bmus[0], nodes - 1, 14].filter((n) => n !== state.selected);
      const colours = chosen.map((n) => {
        const [x, y] = centre(n);
        return [...ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data].slice(0, 3);
      });
      return { same, nodes, pulls, chosen, colours, k: state.tugRows.length, alpha };
    });
    assert.ok(probe.same, 'the replay has the live map\'s weights');
    assert.equal(probe.k, 3);
    assert.ok(probe.chosen.length >= 2);
    probe.chosen.forEach((node, j) => {
      const want = expectedColour(probe.pulls, probe.k, probe.nodes, node);
      const got = probe.colours[j];
      got.forEach((v, c) => assert.ok(Math.abs(v - want[c]) <= 2, `node ${node} channel ${c}: drawn ${got}, expected ${want}`));
    });
    // A pull matrix is α·h: every entry in [0, α], and each row's own BMU gets exactly α.
    assert.ok(probe.pulls.every((p) => p >= 0 && p <= probe.alpha + 1e-6));
    // The page shows the same pulls on the selected node (the tug view, from the engine's matrix).
    const shown = (await page.locator('[data-testid="node-pulls"]').getAttribute('data-values')).split(',').map(Number);
    const selected = await page.evaluate(() => document.querySelector('som-playground').state.selected);
    assert.deepEqual(shown.map((v) => v.toFixed(6)), [0, 1, 2].map((r) => probe.pulls[r * probe.nodes + selected].toFixed(6)), 'the pulls on the selected node');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('"Pull" applies the chosen rows\' updates in turn, as the core does', async () => {
  const app = await openApp({ query: '#rows=4&cols=4&data=rgb&seed=9&dataRows=80&t=50&tug=3,60' });
  const { page } = app;
  try {
    const result = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      return { before: [...(await el.weights())], t: el.t, rows: el.state.tugRows };
    });
    assert.equal(result.before.length, 48);
    assert.equal(result.t, 50);
    assert.deepEqual(result.rows, [3, 60]);
    await page.waitForSelector('#btn-pull:not([disabled])');
    await page.click('#btn-pull');
    await page.waitForFunction((t) => document.querySelector('som-playground').t === t + 2, result.t);
    const said = await announcement(page);
    const check = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const { ready } = await import('./som-playground.js');
      const wasm = await ready();
      const state = el.state;
      const live = await el.weights();
      // The same work done directly on a second core: 50 steps, then rows 3 and 60 in turn.
      const replica = new wasm.Som(state.options);
      replica.train(50);
      const first = replica.stepTrace(3);
      const firstAfter = [...replica.weights()]; // after a traced step the weights are the map's
      const second = replica.stepTrace(60);
      const out = {
        same: replica.weights().every((w, i) => Object.is(w, live[i])),
        live: [...live],
        t: el.t,
        selected: state.selected,
        bmus: [first.bmu, second.bmu],
        rows: [first.row, second.row],
        firstAfter,
        secondBefore: [...second.before],
      };
      first.free();
      second.free();
      replica.free();
      return out;
    });
    assert.equal(check.t, result.t + 2, 'two steps were taken');
    assert.ok(check.same, 'the page\'s map equals the core replaying the same two pulls');
    assert.deepEqual(check.rows, [3, 60]);
    // The live region tells the two pulls, in the chosen order, with the core's BMUs.
    assert.equal(said, `Tug of war: row 3 pulled its BMU node ${check.bmus[0]}, then row 60 pulled its BMU node ${check.bmus[1]}. t = ${check.t}.`);
    assert.deepEqual(check.firstAfter, check.secondBefore, 'the second pull starts where the first ended');
    assert.notDeepEqual(check.firstAfter, result.before, 'the first pull moved the map');
    assert.notDeepEqual(check.live, result.before, 'the live map moved');
    // The inspector shows the last pull (row 60): its update starts from the first pull's end.
    const update = await page.locator('[data-testid="node-update"]').textContent();
    assert.match(await page.locator('#inspector').textContent(), /Distance to row 60\b/);
    const pairs = [...update.matchAll(/(-?\d+\.\d+) → (-?\d+\.\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const i = check.selected;
    assert.equal(pairs.length, 3, update);
    pairs.forEach(([from, to], k) => {
      assert.equal(from.toFixed(3), check.firstAfter[i * 3 + k].toFixed(3), `node ${i} weight ${k} before the second pull`);
      assert.equal(to.toFixed(3), check.live[i * 3 + k].toFixed(3), `node ${i} weight ${k} after it`);
    });
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
