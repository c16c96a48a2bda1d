// The built page (dist/) in Chromium: it starts, steps, shows the core's numbers, and works
// from a sub-path. Run after `bash scripts/build.sh`: node --test tests/e2e/
// The page is one <som-playground> (open shadow root, the map in a Worker): the tests drive its
// buttons and public API (el.t, el.state, el.weights()) and replay on a scratch Som from the wasm
// facade (`ready()` of som-playground.js), never the element's private fields.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, closeBrowser, testid, DESKTOP, NARROW } from './harness.mjs';

after(closeBrowser);

const readT = async (page) => Number(await testid(page, 't'));

/** Waits until the t shown on the page equals `want`. */
async function waitForT(page, want, timeout = 10_000) {
  await page.waitForFunction(
    (w) => Number(document.querySelector('som-playground')?.shadowRoot?.querySelector('[data-testid="t"]')?.textContent.trim()) === w,
    want,
    { timeout },
  ).catch(async () => {
    throw new Error(`t on the page is ${await readT(page)}, expected ${want}`);
  });
}

test('the page loads, becomes ready, and "Step row" advances t by one', async () => {
  const app = await openApp();
  try {
    const t0 = await readT(app.page);
    assert.ok(Number.isInteger(t0), `t shows an integer, got "${await testid(app.page, 't')}"`);
    await app.page.click('#btn-row');
    await waitForT(app.page, t0 + 1);
    assert.equal(await app.page.evaluate(() => document.querySelector('som-playground').t), t0 + 1, 'the live map agrees');
    assert.equal(await app.page.evaluate(() => document.querySelector('som-playground').state.t), t0 + 1, 'and so does its state');
    await app.screenshot('desktop-1280');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the weights shown for a node are the core\'s, replayed by a second Som', async () => {
  const app = await openApp();
  try {
    const { page } = app;
    const t0 = await readT(page);
    for (let k = 0; k < 3; k++) {
      await page.click('#btn-row');
      await waitForT(page, t0 + k + 1);
    }
    const shown = page.locator('[data-testid="node-weights"]').first();
    await shown.waitFor({ state: 'attached', timeout: 5000 });
    // The node the inspector shows: the selected one (the pointer is not over the map), named
    // in its title.
    const node = await page.evaluate(() => document.querySelector('som-playground').state.selected);
    assert.ok(Number.isInteger(node) && node >= 0, `a node is selected, got ${node}`);
    assert.match(await testid(page, 'node-title'), new RegExp(`^Node ${node} `), 'the inspector shows the selected node');
    // The same options and the same number of steps on a second Som, built on the page's thread
    // from the wasm facade, against the live map's weights (a copy from its Worker).
    const replay = await page.evaluate(async (i) => {
      const el = document.querySelector('som-playground');
      const { ready } = await import('./som-playground.js');
      const wasm = await ready();
      const state = el.state;
      const som = new wasm.Som(state.options);
      const t = el.t;
      for (let k = 0; k < t; k++) som.step();
      const dim = som.dim();
      const live = await el.weights();
      const result = {
        t,
        dim,
        replayed: Array.from(som.weights().slice(i * dim, (i + 1) * dim)),
        live: Array.from(live.slice(i * dim, (i + 1) * dim)),
      };
      som.free();
      return result;
    }, node);
    assert.equal(replay.t, t0 + 3);
    assert.deepEqual(replay.replayed, replay.live, 'same options and the same steps give the same weights');
    // The shown weights: data-values="0.1234,0.5678,..." if present, else the numbers with a
    // decimal point in the text (column names such as x1 have none). Poll briefly: an animation
    // may still be drawing the step's last phase.
    const close = (values) => values.length === replay.dim
      && values.every((v, k) => Math.abs(v - replay.replayed[k]) <= 0.5e-4 + 1e-7);
    let values = [];
    let text = '';
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await page.waitForTimeout(100)) {
      const attr = await shown.getAttribute('data-values');
      text = (await shown.textContent()) || '';
      values = ((attr ?? text).match(/-?\d+\.\d+/g) || []).map(Number);
      if (close(values)) break;
    }
    assert.ok(close(values),
      `node ${node}: the page shows "${text}" (${values.join(', ')}), the core has ${replay.replayed.map((v) => v.toFixed(4)).join(', ')}`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('a 360 px wide screen gets the page without horizontal scrolling', async () => {
  const app = await openApp({ viewport: NARROW });
  try {
    const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await app.screenshot('narrow-360', { fullPage: true });
    assert.ok(overflow <= 1, `the page is ${overflow} px wider than the 360 px screen`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('dist/ served under a sub-path (/course/som/) loads and becomes ready', async () => {
  const app = await openApp({ base: '/course/som/', viewport: DESKTOP });
  try {
    const bad = app.server.requests.filter((r) => r.status >= 400);
    assert.deepEqual(bad, [], 'every file came from under /course/som/');
    assert.ok(app.server.requests.some((r) => r.path.endsWith('.wasm')), 'the wasm was fetched');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
