// The lesson: for a fixed seed, step through each phase and check every number the page shows
// against a second Som built on the page's thread with the same options and steps (the wasm
// facade, `ready()` of som-playground.js). Then walk the whole tour (tour.test.mjs takes the screenshots).
// The page is one <som-playground> whose map lives in a Worker: the tests drive its buttons,
// read what it shows (the inspector, the map canvas's data attributes) and its public API
// (el.state, el.weights()), never its private fields.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, closeBrowser, NARROW } from './harness.mjs';

after(closeBrowser);


/** Values the page shows in element [data-testid=id] (its data-value attribute). */
async function shownValue(page, id) {
  return page.locator(`[data-testid="${id}"]`).first().getAttribute('data-value');
}

/**
 * Replays `traces` traced steps on a fresh Som with the lesson's options; returns the last trace
 * and the replay's weights, with the live map's weights (a copy from the element's Worker).
 */
function replay(page, traces) {
  return page.evaluate(async (n) => {
    const el = document.querySelector('som-playground');
    const { ready } = await import('./som-playground.js');
    const wasm = await ready();
    const som = new wasm.Som(el.state.options);
    let trace = null;
    for (let k = 0; k < n; k++) {
      trace?.free();
      trace = som.stepTrace();
    }
    const out = {
      bmu: trace.bmu,
      distances: [...trace.distances],
      h: [...trace.h],
      after: [...som.weights()], // after a traced step the weights are the map's (the trace keeps the ones before)
      weights: [...som.weights()],
      live: [...(await el.weights())],
    };
    trace.free();
    som.free();
    return out;
  }, traces);
}

/**
 * Where node `i`'s cell centre is on the screen. The centre comes from the grid's shape: a
 * rectangular grid, node i at column i % cols and row ⌊i / cols⌋, scaled to fit the canvas.
 */
function nodePoint(page, i) {
  return page.evaluate((node) => {
    const el = document.querySelector('som-playground');
    const { rows, cols } = el.state.shape;
    const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
    const r = canvas.getBoundingClientRect();
    const width = parseFloat(canvas.style.width) || r.width; // the drawing's own width
    const scale = Math.min(width / cols, width / rows);
    const cx = width / 2 + ((node % cols) - (cols - 1) / 2) * scale;
    const cy = (Math.floor(node / cols) + 0.5) * scale;
    const zoom = r.width / width;
    return [r.left + cx * zoom, r.top + cy * zoom];
  }, i);
}

/** Waits until the inspector's title names node `i`. */
function inspectorShows(page, i) {
  return page.waitForFunction(
    (node) => document.querySelector('som-playground').shadowRoot
      .querySelector('[data-testid="node-title"]')?.textContent.startsWith(`Node ${node} `),
    i,
    { timeout: 5000 },
  );
}

/** Moves the pointer over node `i` of the map canvas: the inspector previews it (not selected). */
async function hoverNode(page, i) {
  const [x, y] = await nodePoint(page, i);
  await page.mouse.move(x, y);
  await inspectorShows(page, i);
}

/** Clicks node `i` of the map canvas: it becomes the selected node (the canvas's data-selected). */
async function selectNode(page, i) {
  const [x, y] = await nodePoint(page, i);
  await page.mouse.click(x, y);
  await page.waitForSelector(`[data-testid="map-canvas"][data-selected="${i}"]`, { timeout: 5000 });
  await inspectorShows(page, i);
}

/** Waits until the page shows phase `name` (views redraw on the next animation frame). */
async function expectPhase(page, name) {
  await page.waitForSelector(`.phases li.current[data-phase="${name}"]`, { timeout: 5000 });
}

test('each phase shows the core\'s numbers: distance, BMU, h on hover, weights after the update', async () => {
  const app = await openApp({ query: '#rows=4&cols=4&data=rgb&seed=11&dataRows=50' });
  const { page } = app;
  try {
    assert.deepEqual(
      await page.evaluate(() => {
        const { shape, options } = document.querySelector('som-playground').state;
        return [shape.rows, shape.cols, shape.dataRows, options.seed];
      }),
      [4, 4, 50, 11],
      'the link built the map',
    );
    for (let step = 1; step <= 3; step++) {
      await page.click('#btn-phase');
      await expectPhase(page, 'row');
      await page.click('#btn-phase');
      await expectPhase(page, 'distances');
      const core = await replay(page, step);

      await hoverNode(page, 5);
      const distance = Number(await shownValue(page, 'node-distance'));
      assert.ok(Math.abs(distance - core.distances[5]) < 1e-4, `distance shown ${distance}, core ${core.distances[5]}`);
      assert.equal(await page.locator('[data-testid="map-canvas"]').getAttribute('data-bmu'), '', 'no BMU before its phase');

      await page.click('#btn-phase');
      await expectPhase(page, 'bmu');
      assert.equal(await page.locator('[data-testid="map-canvas"]').getAttribute('data-bmu'), String(core.bmu));
      assert.equal(Number(await shownValue(page, 'node-bmu')), core.bmu);
      assert.equal(await page.evaluate(() => document.querySelector('som-playground').state.bmu), core.bmu, 'the element\'s state agrees');
      // The BMU is the node with the smallest distance the core reported.
      assert.equal(core.distances.indexOf(Math.min(...core.distances)), core.bmu);

      await page.click('#btn-phase');
      await expectPhase(page, 'neighborhood');
      const other = (core.bmu + 3) % 16;
      const selectedBefore = await page.locator('[data-testid="map-canvas"]').getAttribute('data-selected');
      await hoverNode(page, other);
      const h = Number(await shownValue(page, 'node-h'));
      assert.ok(Math.abs(h - core.h[other]) < 1e-4, `h shown ${h}, core ${core.h[other]}`);
      // Hovering only previews: the selection stays where it was.
      assert.equal(await page.locator('[data-testid="map-canvas"]').getAttribute('data-selected'), selectedBefore, 'hovering selects nothing');
      await selectNode(page, core.bmu);
      assert.equal(Number(await shownValue(page, 'node-h')), 1, 'h is 1 on the BMU');

      await page.click('#btn-phase');
      await expectPhase(page, 'update');
      // The pointer left the map for the button: the inspector shows the selected node, the BMU.
      await inspectorShows(page, core.bmu);
      const shown = (await page.locator('[data-testid="node-weights"]').getAttribute('data-values')).split(',').map(Number);
      const want = core.after.slice(core.bmu * 3, core.bmu * 3 + 3);
      shown.forEach((v, k) => assert.ok(Math.abs(v - want[k]) < 1e-4, `weight ${k}: shown ${v}, core ${want[k]}`));
      assert.deepEqual(core.live, core.weights, 'the live map equals the replay');
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/** Records the element's 'stopchange' events (a stop is reached once its state is built). */
function recordStops(page) {
  return page.evaluate(() => {
    window.stopsReached = [];
    document.querySelector('som-playground').addEventListener('stopchange', (e) => window.stopsReached.push(e.detail.stop));
  });
}

test('the whole tour walks without a console error', async () => {
  for (const viewport of [undefined, NARROW]) {
    const app = await openApp(viewport ? { viewport } : {});
    const { page } = app;
    try {
      const buttons = await page.locator('#tour button').count();
      assert.ok(buttons >= 2, `the tour has ${buttons} buttons`);
      assert.equal(await page.evaluate(() => document.querySelector('som-playground').stop), 0, 'the tour starts closed');
      await recordStops(page);
      let index = 0;
      while (await page.locator('#tour-next').isEnabled()) {
        await page.click('#tour-next');
        index += 1;
        const title = await page.locator('[data-testid="tour-title"]').textContent();
        assert.match(title, new RegExp(`^${index}\\. `), `stop ${index} is titled "${title}"`);
        await page.waitForFunction((n) => window.stopsReached.includes(n), index, { timeout: 20_000 });
        assert.equal(await page.evaluate(() => document.querySelector('som-playground').stop), index, 'el.stop follows the tour');
      }
      assert.ok(index >= 9, `the tour has ${index} stops`);
      if (viewport) await app.screenshot('tour-last-360', { fullPage: true });
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  }
});
