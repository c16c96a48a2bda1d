// Accessibility: every control is reached by Tab with a visible focus ring and works from the
// keyboard; the live region says the BMU and t after each step (not during Play) and where Play
// stopped; axe-core finds nothing serious or critical at desktop and phone widths, at the start
// and at tour stops; nothing overflows sideways at 360 px. Runs against dist/ (or SOM_DIST).
// The lesson is one <som-playground> with an open shadow root: its controls are looked up (and
// the focused one found) inside it; what it did is read from its public API (el.t, el.state) and
// from the screen (the live region), never from its private fields.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openApp, closeBrowser, DIST, ROOT as REPO, DESKTOP, NARROW } from './harness.mjs';

const ROOT = process.env.SOM_DIST || DIST;
const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');
after(closeBrowser);

/** Resolves after two animation frames: the views have drawn the lesson's newest snapshot. */
function drawn(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Marks every visible, enabled control that should take focus (in the page and the lesson's shadow root); returns their descriptions. */
function markControls(page) {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, a[href], canvas[tabindex], [tabindex]:not([tabindex="-1"])';
    const out = [];
    const lesson = document.querySelector('som-playground');
    const all = [...document.querySelectorAll(selector), ...lesson.shadowRoot.querySelectorAll(selector)];
    all.forEach((el, k) => {
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
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement; // into the lesson
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { id: el.dataset.a11y ?? null, tag: el.tagName, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!info) break;
    seen.push(info);
  }
  return seen;
}

// The workbench (every panel, two tug rows chosen so Pull and Clear are enabled) and a tour stop,
// which fits one screen and shows only the stop's panels (so fewer controls).
const TAB_CASES = [
  ['workbench', '#rows=4&cols=4&tug=3,12', 30],
  ['tour stop 9', '#rows=4&cols=4&stop=9', 15],
];
for (const [name, viewport] of [['desktop', DESKTOP], ['360 px', NARROW]]) {
  for (const [where, query, least] of TAB_CASES) {
    test(`every control is reached by Tab, with a visible focus ring (${name}, ${where})`, async () => {
      const app = await openApp({ root: ROOT, query, viewport });
      try {
        await drawn(app.page); // the views draw the link's state on the next frame (the data table's rows too)
        const controls = await markControls(app.page);
        assert.ok(controls.length > least, `${controls.length} controls`);
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
}

test('the keyboard alone steps, plays, chooses tug-of-war rows and saves', async () => {
  const app = await openApp({ root: ROOT, query: '#rows=4&cols=4&dataRows=50' });
  const { page } = app;
  try {
    await page.focus('#btn-row');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('som-playground').t === 1);
    await page.focus('#btn-phase');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('som-playground').state.phase === 'row');
    const t = await page.evaluate(() => document.querySelector('som-playground').t);
    await page.focus('#tug-row');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.fill('#tug-row', '12');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('som-playground').state.tugRows.join() === '3,12');
    await page.waitForSelector('#btn-pull:not([disabled])'); // enabled on the next frame
    await page.focus('#btn-pull');
    await page.keyboard.press('Enter');
    // Pull took one step per chosen row, in turn; the live region says so.
    await page.waitForFunction((t0) => document.querySelector('som-playground').t === t0 + 2, t);
    await page.waitForFunction(() => /^Tug of war: row 3 pulled its BMU node \d+, then row 12 pulled its BMU node \d+\./
      .test(document.querySelector('som-playground').shadowRoot.querySelector('[data-testid="announcer"]').textContent));
    await page.focus('#btn-export-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the live region announces the BMU and t after each step, and where Play stopped', async () => {
  // A far horizon (steps): fast Play runs until paused, not to the schedule's end at 10 000.
  const app = await openApp({ root: ROOT, query: '#rows=5&cols=5&steps=100000000' });
  const { page } = app;
  const said = () => page.locator('[data-testid="announcer"]').textContent();
  try {
    const announcer = page.locator('[data-testid="announcer"]');
    const region = { live: await announcer.getAttribute('aria-live'), role: await announcer.getAttribute('role') };
    assert.deepEqual(region, { live: 'polite', role: 'status' });
    assert.equal(await said(), '', 'nothing is said on load');

    await page.click('#btn-row');
    await page.waitForFunction(() => document.querySelector('som-playground').t === 1);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const core = await page.evaluate(() => {
      const { bmu, t } = document.querySelector('som-playground').state;
      return { bmu, t };
    });
    assert.ok(Number.isInteger(core.bmu), `the step has a BMU, got ${core.bmu}`);
    const text = await said();
    assert.ok(text.includes(`BMU node ${core.bmu}`) && text.includes(`t = ${core.t}`), text);

    await page.click('#btn-phase');
    await page.click('#btn-phase');
    await page.click('#btn-phase');
    await page.waitForFunction(() => document.querySelector('som-playground').state.phase === 'bmu');
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const bmu = await page.evaluate(() => document.querySelector('som-playground').state.bmu);
    assert.equal(await page.locator('[data-testid="map-canvas"]').getAttribute('data-bmu'), String(bmu), 'the map marks the same BMU');
    assert.match(await said(), new RegExp(`best matching unit is node ${bmu}\\b`));

    // Fast play: quiet while it runs, then one sentence when it stops.
    await page.fill('#speed', '100');
    const before = await said();
    await page.click('#btn-play');
    await page.waitForFunction(() => document.querySelector('som-playground').t > 1000);
    assert.equal(await page.evaluate(() => document.querySelector('som-playground').state.playing), true, 'still playing');
    assert.equal(await said(), before, 'quiet during Play');
    await page.click('#btn-play');
    // The engine pauses in its Worker, which may train on after the last frame drawn: its final
    // snapshot comes after the click. The engine answers commands in order, so once a later one
    // (el.weights()) is answered, the pause's snapshot is in; the views draw it on the next frame.
    await page.evaluate(async () => { await document.querySelector('som-playground').weights(); });
    await drawn(page);
    const t = await page.evaluate(() => document.querySelector('som-playground').t);
    assert.equal(await page.evaluate(() => document.querySelector('som-playground').state.playing), false, 'Play stopped');
    assert.equal(await page.locator('#btn-play').getAttribute('aria-pressed'), 'false', 'the Play button says so');
    assert.match(await said(), new RegExp(`^Paused at t = ${t}\\.`), 'said where Play stopped');
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.querySelector('som-playground').t), t, 't stays where Play stopped');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/**
 * axe-core's serious and critical violations on the page as it is now (axe looks inside open
 * shadow roots). The page's CSP runs only scripts from its own origin, so axe is served from
 * there (a route of this test), not injected inline.
 */
async function axeProblems(app) {
  const { page } = app;
  const { origin } = app.server;
  await page.route(`${origin}/__axe.min.js`, (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
  await page.addScriptTag({ url: `${origin}/__axe.min.js` });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  // axe sets inline styles, which the page's CSP refuses (and logs): axe's own doing, not the page's.
  for (let k = app.errors.length - 1; k >= 0; k--) if (app.errors[k].includes('/__axe.min.js')) app.errors.splice(k, 1);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

for (const [name, viewport] of [['desktop', DESKTOP], ['360 px', NARROW]]) {
  for (const hash of ['', '#stop=5', '#stop=9']) {
    test(`axe: no serious or critical violations, ${name}, ${hash || 'start'}`, async () => {
      const app = await openApp({ root: ROOT, query: hash, viewport });
      try {
        await drawn(app.page);
        assert.deepEqual(await axeProblems(app), []);
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
    await drawn(page);
    widths.push(['start', await page.evaluate(() => document.documentElement.scrollWidth)]);
    await page.evaluate(() => {
      window.stopsReached = [];
      document.querySelector('som-playground').addEventListener('stopchange', (e) => window.stopsReached.push(e.detail.stop));
    });
    while (await page.locator('#tour-next').isEnabled()) {
      await page.click('#tour-next');
      const stop = await page.evaluate(() => document.querySelector('som-playground').stop);
      // Measured once the stop's state is built (its map, colouring and selection).
      await page.waitForFunction((n) => window.stopsReached.includes(n), stop, { timeout: 20_000 });
      await page.evaluate(() => new Promise(requestAnimationFrame));
      widths.push([stop, await page.evaluate(() => document.documentElement.scrollWidth)]);
    }
    assert.ok(widths.length >= 11, `the start and every stop: ${widths.map(([s]) => s).join(', ')}`);
    assert.deepEqual(widths.filter(([, w]) => w > 360), []);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
