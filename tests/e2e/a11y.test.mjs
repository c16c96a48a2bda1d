// Accessibility: every control is reached by Tab with a visible focus ring and works from the
// keyboard; the live region says the BMU and t after each step (not during Play) and where Play
// stopped; axe-core finds nothing serious or critical at desktop and phone widths, at the start
// and at tour stops; nothing overflows sideways at 360 px. Runs against dist/ (or SOM_DIST).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openApp, closeBrowser, DIST, ROOT as REPO, DESKTOP, NARROW } from './harness.mjs';

const ROOT = process.env.SOM_DIST || DIST;
const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');
after(closeBrowser);

/** Marks every visible, enabled control that should take focus; returns their descriptions. */
function markControls(page) {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, a[href], canvas[tabindex], [tabindex]:not([tabindex="-1"])';
    const out = [];
    document.querySelectorAll(selector).forEach((el, k) => {
      if (el.disabled || !el.checkVisibility({ visibilityProperty: true })) return;
      el.dataset.a11y = String(k);
      out.push({ id: String(k), what: `${el.tagName.toLowerCase()}#${el.id || ''} "${(el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40)}"` });
    });
    return out;
  });
}

/** Presses Tab until focus leaves the page or `max` presses; records each focused control. */
async function tabThrough(page, max) {
  const seen = [];
  for (let k = 0; k < max; k++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { id: el.dataset.a11y ?? null, tag: el.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!info) break;
    seen.push(info);
  }
  return seen;
}

for (const [name, viewport] of [['desktop', DESKTOP], ['360 px', NARROW]]) {
  test(`every control is reached by Tab, with a visible focus ring (${name})`, async () => {
    const app = await openApp({ root: ROOT, query: '#rows=4&cols=4&stop=9', viewport });
    try {
      const controls = await markControls(app.page);
      assert.ok(controls.length > 30, `${controls.length} controls`);
      const seen = await tabThrough(app.page, controls.length + 20);
      const reached = new Set(seen.map((s) => s.id));
      const missed = controls.filter((c) => !reached.has(c.id));
      assert.deepEqual(missed, [], 'controls Tab never reaches');
      const noRing = seen.filter((s) => !s.ring);
      assert.deepEqual(noRing, [], 'focused controls without a visible focus ring');
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  });
}

test('the keyboard alone steps, plays, chooses tug-of-war rows and saves', async () => {
  const app = await openApp({ root: ROOT, query: '#rows=4&cols=4&dataRows=50' });
  const { page } = app;
  try {
    await page.focus('#btn-row');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.app.som.t() === 1);
    await page.focus('#btn-phase');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.app.phaseName === 'row');
    await page.focus('#tug-row');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.fill('#tug-row', '12');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.app.tugRows.join() === '3,12');
    await page.waitForSelector('#btn-pull:not([disabled])'); // enabled on the next frame
    await page.focus('#btn-pull');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.app.tugTraces.length === 2);
    await page.focus('#btn-export-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the live region announces the BMU and t after each step, and where Play stopped', async () => {
  const app = await openApp({ root: ROOT, query: '#rows=5&cols=5' });
  const { page } = app;
  const said = () => page.locator('[data-testid="announcer"]').textContent();
  try {
    const region = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="announcer"]');
      return { live: el.getAttribute('aria-live'), role: el.getAttribute('role') };
    });
    assert.deepEqual(region, { live: 'polite', role: 'status' });
    assert.equal(await said(), '', 'nothing is said on load');

    await page.click('#btn-row');
    await page.waitForFunction(() => window.app.som.t() === 1);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const core = await page.evaluate(() => ({ bmu: window.app.trace.bmu, t: window.app.som.t() }));
    const text = await said();
    assert.ok(text.includes(`BMU node ${core.bmu}`) && text.includes(`t = ${core.t}`), text);

    await page.click('#btn-phase');
    await page.click('#btn-phase');
    await page.click('#btn-phase');
    await page.waitForFunction(() => window.app.phaseName === 'bmu');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const bmu = await page.evaluate(() => window.app.trace.bmu);
    assert.match(await said(), new RegExp(`best matching unit is node ${bmu}\\b`));

    // Fast play: quiet while it runs, then one sentence when it stops.
    await page.fill('#speed', '100');
    const before = await said();
    await page.click('#btn-play');
    await page.waitForFunction(() => window.app.som.t() > 1000);
    assert.equal(await said(), before, 'quiet during Play');
    await page.click('#btn-play');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const t = await page.evaluate(() => window.app.som.t());
    assert.match(await said(), new RegExp(`^Paused at t = ${t}\\.`));
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/** axe-core's serious and critical violations on the page as it is now. */
async function axeProblems(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [name, viewport] of [['desktop', DESKTOP], ['360 px', NARROW]]) {
  for (const hash of ['', '#stop=5', '#stop=9']) {
    test(`axe: no serious or critical violations, ${name}, ${hash || 'start'}`, async () => {
      const app = await openApp({ root: ROOT, query: hash, viewport });
      try {
        await app.page.evaluate(() => new Promise(requestAnimationFrame));
        assert.deepEqual(await axeProblems(app.page), []);
        const width = await app.page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        assert.ok(width[0] <= width[1], `no horizontal overflow: scrollWidth ${width[0]} > ${width[1]}`);
        app.assertNoErrors();
      } finally {
        await app.close();
      }
    });
  }
}

test('nothing overflows sideways at 360 px at any tour stop or with every panel open', async () => {
  const app = await openApp({ root: ROOT, viewport: NARROW });
  const { page } = app;
  try {
    const widths = [];
    widths.push(['start', await page.evaluate(() => document.documentElement.scrollWidth)]);
    while (await page.locator('#tour-next').isEnabled()) {
      await page.click('#tour-next');
      await page.evaluate(() => new Promise(requestAnimationFrame));
      widths.push([await page.evaluate(() => window.app.tour.index + 1), await page.evaluate(() => document.documentElement.scrollWidth)]);
    }
    assert.deepEqual(widths.filter(([, w]) => w > 360), []);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
