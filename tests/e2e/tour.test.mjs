// The tour as a student meets it: every stop is a complete state (Next, Back and a link give the
// same screen), the stop fits one screen on a laptop and a projector, and on a phone the
// explanation, Next and the stop's main view are on the screen together. The ideas are visible:
// stop 7's BMU moves far enough to see, stop 9's tug of war has room for nodes in between, stop
// 11's scaling warning and its Fix are on the screen and the Fix works.
// Screenshots of every stop go to docs/tour/ (1280×720 and 360×740).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openApp, closeBrowser } from './harness.mjs';

after(closeBrowser);

const STOPS = 11;
const LAPTOP = { width: 1280, height: 720 };
const PHONE = { width: 360, height: 740 };
const SHOTS = path.join(ROOT, 'docs/tour');

/** Everything a stop decides, read from the element's public API and the map canvas's pixels. */
function screenState(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('som-playground');
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const s = el.state;
    const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
    return {
      stop: s.stop, t: s.t, phase: s.phase, selected: s.selected, tugRows: s.tugRows, colour: s.colour,
      shape: s.shape, weights: Array.from(await el.weights()), pixels: canvas.toDataURL(),
    };
  });
}

/** Clicks `button` (#tour-next or #tour-prev) and waits until the stop it leads to is ready. */
async function press(page, button, stop) {
  const arrived = page.evaluate((n) => new Promise((resolve) => {
    document.querySelector('som-playground').addEventListener('stopchange', function on(e) {
      if (e.detail.stop === n) {
        this.removeEventListener('stopchange', on);
        resolve();
      }
    });
  }), stop);
  await page.click(button);
  await arrived;
  // The stop's state is in; its layout settles (sizes observed, then drawn) over the next frames.
  await page.evaluate(async () => {
    for (let k = 0; k < 3; k++) await new Promise(requestAnimationFrame);
  });
}

test('each stop is the same state by Next, by Back and by a link', async () => {
  for (let n = 1; n <= STOPS; n++) {
    const states = {};
    for (const [how, query, button] of [
      ['link', `#stop=${n}`, null],
      ['next', n > 1 ? `#stop=${n - 1}` : '', '#tour-next'],
      ['back', n < STOPS ? `#stop=${n + 1}` : null, '#tour-prev'],
    ]) {
      if (query == null) continue;
      const app = await openApp({ query, viewport: LAPTOP });
      try {
        if (button) await press(app.page, button, n);
        states[how] = await screenState(app.page);
        app.assertNoErrors();
      } finally {
        await app.close();
      }
    }
    const { link, ...others } = states;
    assert.equal(link.stop, n);
    for (const [how, state] of Object.entries(others)) {
      const { weights, pixels, ...rest } = state;
      const { weights: w0, pixels: p0, ...rest0 } = link;
      assert.deepEqual(rest, rest0, `stop ${n} by ${how}: t, phase, selection, tug rows, colour and map as by the link`);
      assert.ok(weights.length === w0.length && weights.every((v, i) => Object.is(v, w0[i])), `stop ${n} by ${how}: the same weights bit for bit`);
      assert.equal(pixels, p0, `stop ${n} by ${how}: the same map pixels`);
    }
  }
});

for (const viewport of [LAPTOP, { width: 1440, height: 900 }]) {
  test(`at ${viewport.width}×${viewport.height} every stop fits one screen with the panels it names`, async () => {
    const app = await openApp({ query: '#stop=1', viewport });
    try {
      for (let n = 1; n <= STOPS; n++) {
        if (n > 1) await press(app.page, '#tour-next', n);
        const layout = await app.page.evaluate(() => {
          const root = document.querySelector('som-playground').shadowRoot;
          const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, id: el.id || el.textContent.trim() }; };
          return {
            scrollHeight: document.documentElement.scrollHeight,
            height: innerHeight,
            width: innerWidth,
            boxes: [...root.querySelectorAll('.panel.spotlight'), root.getElementById('tour-next'), root.getElementById('tour-prev'), root.getElementById('btn-row'), root.getElementById('btn-phase'), root.querySelector('[data-testid="tour-text"]')].map(box),
            panels: root.querySelectorAll('.panel.spotlight').length,
          };
        });
        assert.equal(layout.scrollHeight, layout.height, `stop ${n}: the page does not scroll`);
        assert.ok(layout.panels >= 1, `stop ${n} shows its panels`);
        for (const b of layout.boxes) {
          assert.ok(b.top >= 0 && b.bottom <= layout.height + 0.5 && b.left >= 0 && b.right <= layout.width + 0.5, `stop ${n}: ${b.id} is on the screen (${JSON.stringify(b)})`);
        }
        if (viewport === LAPTOP) await app.page.waitForTimeout(700); // the update phase's glide
        if (viewport === LAPTOP) await app.screenshot(`tour-${n}`, { path: path.join(SHOTS, `stop-${String(n).padStart(2, '0')}.png`) });
      }
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  });
}

test('on a 360×740 phone the explanation, Next and the main view are on screen together; nothing scrolls sideways from 320 px', async () => {
  const app = await openApp({ query: '#stop=1', viewport: PHONE });
  try {
    for (let n = 1; n <= STOPS; n++) {
      if (n > 1) await press(app.page, '#tour-next', n);
      const seen = await app.page.evaluate(() => {
        const root = document.querySelector('som-playground').shadowRoot;
        // The main view: the stop's first panel (the topmost), its canvas or, for the parameters, its warning.
        const panel = [...root.querySelectorAll('.panel.spotlight')].sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
        const main = panel.querySelector('canvas') ?? panel.querySelector('.warning');
        const r = (el) => el.getBoundingClientRect();
        return { panel: r(panel), main: r(main), next: r(root.getElementById('tour-next')), text: r(root.querySelector('[data-testid="tour-text"]')), sheet: r(root.querySelector('.tour-strip')), height: innerHeight, scrollWidth: document.documentElement.scrollWidth };
      });
      assert.ok(seen.next.top >= 0 && seen.next.bottom <= seen.height, `stop ${n}: Next is on screen`);
      assert.ok(seen.text.top >= 0 && seen.text.bottom <= seen.height, `stop ${n}: the explanation is on screen`);
      assert.ok(seen.panel.width >= 300, `stop ${n}: the main view is at least 300 px wide (${seen.panel.width})`);
      assert.ok(seen.main.top >= 0 && seen.main.bottom <= seen.sheet.top + 1, `stop ${n}: the main view is on screen above the sheet (${seen.main.top}–${seen.main.bottom}, sheet at ${seen.sheet.top})`);
      assert.ok(seen.scrollWidth <= PHONE.width, `stop ${n}: no sideways scroll at 360 px`);
      await app.page.waitForTimeout(700);
      await app.screenshot(`tour-phone-${n}`, { path: path.join(SHOTS, `stop-${String(n).padStart(2, '0')}-phone.png`) });
      await app.page.setViewportSize({ width: 320, height: 740 });
      const narrow = await app.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(narrow <= 320, `stop ${n}: no sideways scroll at 320 px (${narrow})`);
      await app.page.setViewportSize(PHONE);
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('stop 7: the BMU is dragged at least 30 px on screen towards the row', async () => {
  const app = await openApp({ query: '#stop=7', viewport: LAPTOP });
  try {
    const move = await app.page.evaluate(() => {
      const canvas = document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="input-canvas"]');
      return canvas.dataset.bmuMove.split(',').map(Number);
    });
    const [x1, y1, x2, y2] = move;
    assert.ok(Math.hypot(x2 - x1, y2 - y1) >= 30, `the BMU's ghost moves ${Math.hypot(x2 - x1, y2 - y1).toFixed(1)} px`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('stop 9: an 8×8 map or larger, BMUs at least 4 steps apart, the node between them mixes blue and green', async () => {
  const app = await openApp({ query: '#stop=9', viewport: LAPTOP });
  try {
    const seen = await app.page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const s = el.state;
      // The BMUs and grid distance from the core itself, on a copy of the live weights.
      const { ready } = await import('./som-playground.js');
      const wasm = await ready();
      const som = new wasm.Som(s.options);
      som.setWeights(await el.weights());
      const data = som.data();
      const dim = s.shape.dim;
      const bmus = s.tugRows.map((r) => som.bmu(data.subarray(r * dim, (r + 1) * dim)));
      const apart = som.gridDistance(bmus[0], bmus[1]);
      som.free();
      const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
      const width = parseFloat(canvas.style.width) || canvas.getBoundingClientRect().width;
      const scale = width / Math.max(s.shape.cols, s.shape.rows);
      const ratio = canvas.width / width;
      const ctx = canvas.getContext('2d');
      const pixel = (node) => {
        const cx = width / 2 + ((node % s.shape.cols) - (s.shape.cols - 1) / 2) * scale;
        const cy = (Math.floor(node / s.shape.cols) + 0.5) * scale;
        // A little off the centre: the selected node's outline runs through the middle of small cells.
        return Array.from(ctx.getImageData(Math.round((cx - scale / 4) * ratio), Math.round((cy - scale / 4) * ratio), 1, 1).data.slice(0, 3));
      };
      return { shape: s.shape, bmus, apart, middle: s.selected, colours: [pixel(bmus[0]), pixel(s.selected), pixel(bmus[1])], colour: s.colour };
    });
    assert.ok(seen.shape.rows >= 8 && seen.shape.cols >= 8, `the map is ${seen.shape.rows}×${seen.shape.cols}`);
    assert.ok(seen.apart >= 4, `the BMUs are ${seen.apart} grid steps apart`);
    assert.equal(seen.colour, 'pull');
    // Hue (degrees) of each cell: the middle node's lies strictly between the two BMUs' hues.
    const hue = ([r, g, b]) => {
      const max = Math.max(r, g, b), min = Math.min(r, g, b);
      if (max === min) return NaN;
      const h = max === r ? (g - b) / (max - min) : max === g ? 2 + (b - r) / (max - min) : 4 + (r - g) / (max - min);
      return (h * 60 + 360) % 360;
    };
    const [blue, middle, green] = seen.colours.map(hue);
    const lo = Math.min(blue, green), hi = Math.max(blue, green);
    assert.ok(middle > lo + 5 && middle < hi - 5, `the middle node's hue ${middle.toFixed(0)}° lies between the BMUs' ${blue.toFixed(0)}° (blue) and ${green.toFixed(0)}° (green): ${JSON.stringify(seen.colours)}`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

for (const viewport of [LAPTOP, { width: 1440, height: 900 }, PHONE]) {
  test(`stop 11 at ${viewport.width}×${viewport.height}: the core's scaling warning and its Fix are on screen; the Fix scales the data`, async () => {
    const app = await openApp({ query: '#stop=11', viewport });
    try {
      const page = app.page;
      const warning = page.locator('[data-testid="warnings"] .warning');
      const fix = page.getByRole('button', { name: 'Fix: scaling = minMax' });
      assert.match(await warning.textContent(), /outside \[0, 1\], and are not scaled/);
      const sheetTop = await page.evaluate(() => document.querySelector('som-playground').shadowRoot.querySelector('.tour-strip').getBoundingClientRect().top);
      for (const [name, box] of [['the warning', await warning.boundingBox()], ['its Fix', await fix.boundingBox()]]) {
        const bottom = viewport === PHONE ? sheetTop : viewport.height;
        assert.ok(box.y >= 0 && box.y + box.height <= bottom + 0.5, `${name} is on the screen without scrolling (${JSON.stringify(box)}, visible to ${bottom})`);
      }
      const dots = () => page.evaluate(async () => {
        await new Promise(requestAnimationFrame);
        await new Promise(requestAnimationFrame);
        return document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="input-canvas"]').toDataURL();
      });
      const before = await dots();
      await fix.click();
      await page.waitForFunction(() => document.querySelector('som-playground').state.options.scaling === 'minMax');
      await warning.waitFor({ state: 'detached' });
      assert.equal(await page.locator('som-playground').evaluate((el) => el.t), 0);
      assert.notEqual(await dots(), before, 'input space is drawn again with the scaled data');
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  });
}

test('a new built-in data set builds a new map: t back to 0, and the page says so', async () => {
  const app = await openApp({ query: '#rows=6&cols=6&data=rgb&t=300', viewport: LAPTOP });
  try {
    assert.equal(await app.page.evaluate(() => document.querySelector('som-playground').t), 300);
    await app.page.click('[data-testid="thumb-square"]');
    await app.page.waitForFunction(() => document.querySelector('som-playground').state.options.data === 'square');
    const after = await app.page.evaluate(() => {
      const el = document.querySelector('som-playground');
      return { t: el.t, status: el.shadowRoot.getElementById('status').textContent };
    });
    assert.equal(after.t, 0);
    assert.match(after.status, /new 6×6 map, from t = 0/);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
