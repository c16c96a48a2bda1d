// The lesson: for a fixed seed, step through each phase and check every number the page shows
// against a second Som built in the page with the same options and steps, through
// window.wasmBindings. Then walk the whole tour, screenshotting each stop.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openApp, closeBrowser, ROOT, NARROW } from './harness.mjs';

after(closeBrowser);

const TOUR_SHOTS = path.join(ROOT, 'docs/tour');

/** Values the page shows in element [data-testid=id] (its data-value attribute). */
async function shownValue(page, id) {
  return page.locator(`[data-testid="${id}"]`).first().getAttribute('data-value');
}

/** Replays `traces` traced steps on a fresh Som with the live one's options; returns the last trace. */
function replay(page, traces) {
  return page.evaluate((n) => {
    const som = new window.wasmBindings.Som(window.app.som.options());
    let trace = null;
    for (let k = 0; k < n; k++) trace = som.stepTrace();
    const out = { bmu: trace.bmu, distances: [...trace.distances], h: [...trace.h], after: [...trace.after], weights: [...som.weights()] };
    som.free();
    return out;
  }, traces);
}

/** Moves the pointer over node `i` of the map canvas (the page selects what is hovered). */
async function hoverNode(page, i) {
  const [x, y] = await page.evaluate((node) => {
    const canvas = document.querySelector('[data-testid="map-canvas"]');
    const r = canvas.getBoundingClientRect();
    const [cx, cy] = window.app.mapView.geometry.centre(node);
    return [r.left + cx, r.top + cy];
  }, i);
  await page.mouse.move(x, y);
  await page.waitForFunction((node) => window.app.selected === node, i);
}

/** Waits until the page shows phase `name` (views redraw on the next animation frame). */
async function expectPhase(page, name) {
  await page.waitForSelector(`.phases li.current[data-phase="${name}"]`, { timeout: 5000 });
}

test('each phase shows the core\'s numbers: distance, BMU, h on hover, weights after the update', async () => {
  const app = await openApp({ query: '' });
  const { page } = app;
  try {
    await page.evaluate(() => window.app.build({ rows: 4, cols: 4, data: 'rgb', seed: 11, dataRows: 50 }));
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
      // The BMU is the node with the smallest distance the core reported.
      assert.equal(core.distances.indexOf(Math.min(...core.distances)), core.bmu);

      await page.click('#btn-phase');
      await expectPhase(page, 'neighborhood');
      const other = (core.bmu + 3) % 16;
      await hoverNode(page, other);
      const h = Number(await shownValue(page, 'node-h'));
      assert.ok(Math.abs(h - core.h[other]) < 1e-4, `h shown ${h}, core ${core.h[other]}`);
      await hoverNode(page, core.bmu);
      assert.equal(Number(await shownValue(page, 'node-h')), 1, 'h is 1 on the BMU');

      await page.click('#btn-phase');
      await expectPhase(page, 'update');
      const shown = (await page.locator('[data-testid="node-weights"]').getAttribute('data-values')).split(',').map(Number);
      const want = core.after.slice(core.bmu * 3, core.bmu * 3 + 3);
      shown.forEach((v, k) => assert.ok(Math.abs(v - want[k]) < 1e-4, `weight ${k}: shown ${v}, core ${want[k]}`));
      assert.deepEqual(await page.evaluate(() => [...window.app.som.weights()]), core.weights, 'the live map equals the replay');
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the whole tour walks without a console error, one screenshot per stop', async () => {
  for (const viewport of [undefined, NARROW]) {
    const app = await openApp(viewport ? { viewport } : {});
    const { page } = app;
    try {
      const stops = await page.evaluate(() => window.app.tour.constructor.name && document.querySelectorAll('#tour button').length);
      assert.ok(stops >= 2);
      let index = 0;
      while (await page.locator('#tour-next').isEnabled()) {
        await page.click('#tour-next');
        index += 1;
        const title = await page.locator('[data-testid="tour-title"]').textContent();
        assert.match(title, new RegExp(`^${index}\\. `), `stop ${index} is titled "${title}"`);
        await page.waitForTimeout(700); // let the update phase's glide finish
        if (!viewport) await page.screenshot({ path: path.join(TOUR_SHOTS, `stop-${String(index).padStart(2, '0')}.png`), fullPage: false });
      }
      assert.ok(index >= 9, `the tour has ${index} stops`);
      if (viewport) await app.screenshot('tour-last-360', { fullPage: true });
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  }
});
