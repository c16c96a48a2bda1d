// Pitfalls side by side (issue 14): pitfalls.html shows every pair of the core's table as a
// <som-pitfall>, the two maps side by side on one screen at 1280×720 and stacked on a phone;
// Step moves both maps by one on the same row (the core's row order); after Play the pitfall
// side's metric is worse, by the core's numbers; a bad pair id shows a note naming the ids; a
// warning's Fix button fixes the pitfall side (and Restore the pitfall undoes it); the Speed menu
// drives both maps alike. Screenshots of every pair at the end of its schedules, and of a pair
// with its Fix and its fixed state, go to docs/pitfalls/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openApp, closeBrowser, ROOT } from './harness.mjs';

after(closeBrowser);

const WIDE = { width: 1280, height: 720 };
const PHONE = { width: 360, height: 740 };
const SHOTS = path.join(ROOT, 'docs/pitfalls');

const openPitfalls = (viewport = WIDE) => openApp({ query: 'pitfalls.html', viewport, ready: false });

/** The core's pairs, from the wasm facade on the page's thread (`ready()` of som-playground.js). */
const corePairs = (page) => page.evaluate(async () => {
  const core = await (await import('./som-playground.js')).ready();
  return core.pitfalls().map(({ id, title, sentence, metric, steps }) => ({ id, title, sentence, metric, steps }));
});

/** Scrolls pair `id` to the top of the viewport and waits until it has built its maps. */
async function showPair(page, id) {
  await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'start' }), id);
  await page.waitForFunction((id) => document.getElementById(id).dataset.ready, id, { timeout: 20_000 });
  assert.equal(await page.evaluate((id) => document.getElementById(id).dataset.ready, id), 'true', `pair ${id} built its maps`);
}

/** Both canvases' boxes, the viewport and the page's width. */
const boxes = (page, id) => page.evaluate((id) => {
  const root = document.getElementById(id).shadowRoot;
  const box = (side) => {
    const r = root.getElementById(`map-${side}`).getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  };
  return { good: box('good'), pitfall: box('pitfall'), vw: innerWidth, vh: innerHeight, scrollWidth: document.documentElement.scrollWidth };
}, id);

const inside = (b, vw, vh) => b.top >= 0 && b.left >= 0 && b.bottom <= vh + 0.5 && b.right <= vw + 0.5 && b.width > 100 && b.height > 100;

/** Plays pair `id` until Play stops at the schedules' end (t = steps); resolves to its metrics. */
async function playToEnd(page, id, steps) {
  await page.evaluate((id) => document.getElementById(id).play(), id);
  await page.waitForFunction(({ id, steps }) => {
    const el = document.getElementById(id);
    return el.t === steps && el.shadowRoot.getElementById('btn-play').getAttribute('aria-pressed') === 'false';
  }, { id, steps }, { timeout: 120_000, polling: 200 });
  return page.evaluate((id) => document.getElementById(id).metrics(), id);
}

/** A fresh pair trained in lock step to `t` on the page's thread, measured by the core. */
const scratchMetrics = (page, id, t) => page.evaluate(async ({ id, t }) => {
  const core = await (await import('./som-playground.js')).ready();
  const good = core.Som.forPitfall(id, 'good');
  const pitfall = core.Som.forPitfall(id, 'pitfall');
  try {
    for (let k = 0; k < t; k++) {
      const report = good.step();
      pitfall.stepTrace(report.row).free();
      report.free();
    }
    const side = (som) => ({ t: som.t(), qe: som.quantizationError(), te: som.topographicError(), metric: som.pitfallMetric(id) });
    return { good: side(good), pitfall: side(pitfall) };
  } finally {
    good.free();
    pitfall.free();
  }
}, { id, t });

test('every pair of the core, side by side on one screen at 1280×720; at the end of its schedules the pitfall is worse (screenshots)', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    const pairs = await corePairs(page);
    assert.ok(pairs.length >= 6, `the core has the pairs (${pairs.length})`);
    const onPage = await page.$$eval('som-pitfall', (els) => els.map((el) => el.getAttribute('pair')));
    assert.deepEqual(onPage, pairs.map((p) => p.id), 'the page shows every pair, in the core\'s order');
    assert.ok(await page.locator('a[href="index.html"]').count(), 'a link back to the lesson');
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const p of pairs) {
      await showPair(page, p.id);
      const shown = await page.evaluate((id) => {
        const root = document.getElementById(id).shadowRoot;
        const text = (sel) => root.querySelector(sel).textContent.trim();
        return { title: text('.title'), sentence: text('.sentence'), good: text('#side-good figcaption'), pitfall: text('#side-pitfall figcaption') };
      }, p.id);
      assert.equal(shown.title, p.title, `${p.id}: the core's title`);
      assert.equal(shown.sentence, p.sentence, `${p.id}: the core's sentence`);
      assert.match(shown.good, /^set up well/, `${p.id}: the good side's label`);
      assert.match(shown.pitfall, /^the pitfall: \S/, `${p.id}: the pitfall side says what differs`);
      const b = await boxes(page, p.id);
      assert.ok(inside(b.good, b.vw, b.vh) && inside(b.pitfall, b.vw, b.vh), `${p.id}: both maps on screen (${JSON.stringify(b)})`);
      assert.ok(b.pitfall.left >= b.good.right && Math.abs(b.pitfall.top - b.good.top) < 2, `${p.id}: side by side (${JSON.stringify(b)})`);

      const m = await playToEnd(page, p.id, p.steps);
      assert.equal(m.metric, p.metric, `${p.id}: the pair's metric`);
      assert.deepEqual([m.good.t, m.pitfall.t], [p.steps, p.steps], `${p.id}: both maps at the end of the schedules`);
      assert.ok(m.pitfall.metric > m.good.metric, `${p.id}: after ${p.steps} steps the pitfall's ${p.metric} is higher (${m.good.metric} vs ${m.pitfall.metric})`);
      const verdict = await page.evaluate((id) => document.getElementById(id).shadowRoot.getElementById('verdict').textContent, p.id);
      assert.ok(verdict.startsWith(`After ${p.steps.toLocaleString('en')} steps:`), `${p.id}: the verdict says when (${verdict})`);
      assert.ok(verdict.includes(m.good.metric.toFixed(3)) && verdict.includes(m.pitfall.metric.toFixed(3)), `${p.id}: the verdict states both numbers (${verdict})`);
      await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: 'start' }), p.id);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: path.join(SHOTS, `${p.id}.png`) });
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('stacked on a 360×740 phone: one map above the other, no sideways scroll', async () => {
  const app = await openPitfalls(PHONE);
  const { page } = app;
  try {
    for (const id of await page.$$eval('som-pitfall', (els) => els.map((el) => el.id))) {
      await showPair(page, id);
      const b = await boxes(page, id);
      assert.ok(b.pitfall.top >= b.good.bottom, `${id}: the pitfall's map is below the good one (${JSON.stringify(b)})`);
      assert.ok(b.good.right <= b.vw && b.pitfall.right <= b.vw && b.good.width > 200, `${id}: each map fits the width (${JSON.stringify(b)})`);
      assert.ok(b.scrollWidth <= b.vw, `${id}: no sideways scroll (${b.scrollWidth} px)`);
    }
    await page.evaluate(() => document.getElementById('sigmaTooSmall').scrollIntoView({ block: 'start' }));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(SHOTS, 'phone-sigmaTooSmall.png') });
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('Step moves both maps by one on the same row, the core\'s row order; Reset starts both again', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    const id = 'unscaled';
    await showPair(page, id);
    const expected = await page.evaluate(async (id) => {
      const core = await (await import('./som-playground.js')).ready();
      const som = core.Som.forPitfall(id, 'good');
      const rows = [];
      for (let k = 0; k < 4; k++) {
        const r = som.step();
        rows.push(r.row);
        r.free();
      }
      som.free();
      return rows;
    }, id);
    const start = await page.evaluate((id) => document.getElementById(id).metrics(), id);
    assert.deepEqual([start.t, start.good.t, start.pitfall.t, start.good.row, start.pitfall.row], [0, 0, 0, null, null]);
    const seen = [];
    for (let k = 1; k <= 3; k++) {
      const t = await page.evaluate((id) => document.getElementById(id).step(), id);
      const m = await page.evaluate((id) => document.getElementById(id).metrics(), id);
      assert.equal(t, k);
      assert.deepEqual([m.good.t, m.pitfall.t], [k, k], 'both maps took one step');
      assert.equal(m.pitfall.row, m.good.row, 'on the same row');
      seen.push(m.good.row);
    }
    // The Step button does the same (and the sides say their t and row in data attributes).
    await page.locator(`#${id} >> #btn-step`).click();
    await page.waitForFunction((id) => document.getElementById(id).t === 4, id);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const sides = await page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('.side')].map((s) => ({ t: s.dataset.t, row: s.dataset.row })), id);
    assert.deepEqual(sides, [{ t: '4', row: String(expected[3]) }, { t: '4', row: String(expected[3]) }]);
    seen.push(Number(sides[0].row));
    assert.deepEqual(seen, expected, 'the rows are the good side\'s row order, as the core gives it');
    const clock = await page.evaluate((id) => document.getElementById(id).shadowRoot.getElementById('clock').textContent, id);
    assert.match(clock, new RegExp(`t = 4 of 5,000 · both maps took row ${expected[3]} last`));

    assert.equal(await page.evaluate((id) => document.getElementById(id).reset(), id), 0);
    const reset = await page.evaluate((id) => document.getElementById(id).metrics(), id);
    assert.deepEqual([reset.good.t, reset.pitfall.t, reset.good.row], [0, 0, null]);
    assert.deepEqual(reset.good, start.good, 'Reset gives the same start');
    assert.deepEqual(reset.pitfall, start.pitfall);
    await page.evaluate((id) => document.getElementById(id).step(), id);
    assert.equal((await page.evaluate((id) => document.getElementById(id).metrics(), id)).good.row, expected[0], 'and the same first row');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('after Play for a few seconds the pitfall side is worse (σ too small, unscaled), by the core\'s own numbers', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    for (const id of ['sigmaTooSmall', 'unscaled']) {
      await showPair(page, id);
      await page.locator(`#${id} >> #btn-play`).click();
      await page.waitForFunction((id) => document.getElementById(id).t > 0, id);
      await page.waitForTimeout(3000);
      await page.locator(`#${id} >> #btn-play`).click(); // Pause
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot.getElementById('btn-play').getAttribute('aria-pressed') === 'false', id);
      const m = await page.evaluate((id) => document.getElementById(id).metrics(), id);
      assert.ok(m.t >= 500, `${id}: Play trained (t = ${m.t})`);
      assert.ok(m.pitfall.metric > m.good.metric, `${id}: after ${m.t} steps the pitfall's ${m.metric} is higher (${m.good.metric} vs ${m.pitfall.metric})`);
      // The same pair trained on the page's thread by the core, in lock step, to the same t: the same numbers.
      const scratch = await scratchMetrics(page, id, m.t);
      for (const side of ['good', 'pitfall']) {
        for (const k of ['t', 'qe', 'te', 'metric']) assert.equal(m[side][k], scratch[side][k], `${id}: ${side} ${k} is the core's`);
      }
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const shown = await page.evaluate((id) => {
        const root = document.getElementById(id).shadowRoot;
        return { verdict: root.getElementById('verdict').textContent, good: root.querySelector('#numbers-good .main dd').textContent };
      }, id);
      assert.ok(shown.verdict.includes(`After ${m.t.toLocaleString('en')} steps`), `${id}: ${shown.verdict}`);
      assert.equal(shown.good, m.good.metric.toFixed(3), `${id}: the good side shows the core's metric`);
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('a bad or missing pair id shows a note inside the element naming the allowed ids', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    const ids = (await corePairs(page)).map((p) => p.id);
    const notes = await page.evaluate(async () => {
      const make = (pair) => {
        const el = document.createElement('som-pitfall');
        if (pair != null) el.setAttribute('pair', pair);
        document.querySelector('main').prepend(el);
        return el;
      };
      const bad = make('sigmaSmall');
      const none = make(null);
      await Promise.all([bad.ready, none.ready]);
      const look = (el) => {
        const note = el.shadowRoot.getElementById('note');
        return { ready: el.dataset.ready, note: note.textContent, shown: !note.hidden, maps: !el.shadowRoot.querySelector('.sides').hidden };
      };
      const result = { bad: look(bad), none: look(none), stepError: null };
      try {
        await bad.step();
      } catch (error) {
        result.stepError = error.message;
      }
      // Fixing the attribute shows the pair.
      bad.setAttribute('pair', 'sigmaTooSmall');
      await new Promise((resolve) => {
        const check = () => (bad.dataset.ready === 'true' ? resolve() : setTimeout(check, 50));
        check();
      });
      result.fixed = look(bad);
      return result;
    });
    for (const which of ['bad', 'none']) {
      const n = notes[which];
      assert.equal(n.ready, 'error', which);
      assert.ok(n.shown && !n.maps, `${which}: the note shows instead of the maps`);
      for (const id of ids) assert.ok(n.note.includes(id), `${which}: the note names ${id}: ${n.note}`);
    }
    assert.match(notes.bad.note, /pair="sigmaSmall"/, 'the note says what was given');
    assert.match(notes.stepError ?? '', /pitfall must be one of/, 'its API rejects with the core\'s message');
    assert.equal(notes.fixed.ready, 'true');
    assert.ok(!notes.fixed.shown && notes.fixed.maps, 'a good id shows the maps and no note');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('each pair has a link: pitfalls.html#mexicanHat opens on that pair, both maps on screen', async () => {
  const app = await openApp({ query: 'pitfalls.html#mexicanHat', viewport: WIDE, ready: false });
  const { page } = app;
  try {
    await page.waitForFunction(() => document.getElementById('mexicanHat').dataset.ready === 'true');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const b = await boxes(page, 'mexicanHat');
    assert.ok(inside(b.good, b.vw, b.vh) && inside(b.pitfall, b.vw, b.vh), `both maps on screen (${JSON.stringify(b)})`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/** What pair `id` shows: the clock, each side's caption and numbers (by key), the warnings and the fix note. */
const shownPair = (page, id) => page.evaluate((id) => {
  const root = document.getElementById(id).shadowRoot;
  const side = (name) => ({
    caption: root.querySelector(`#side-${name} figcaption`).textContent.trim(),
    numbers: Object.fromEntries([...root.querySelectorAll(`#numbers-${name} dd`)].map((dd) => [dd.dataset.key, dd.textContent])),
    pixels: root.getElementById(`map-${name}`).toDataURL(),
  });
  return {
    clock: root.getElementById('clock').textContent,
    good: side('good'),
    pitfall: side('pitfall'),
    warnings: [...root.querySelectorAll('#warnings-pitfall .warning')].map((p) => p.textContent),
    fixed: root.querySelector('#warnings-pitfall .fixed')?.textContent ?? null,
  };
}, id);

const twoFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('a warning\'s Fix button fixes the pitfall side only: the warning goes, its setting and numbers match the good side; Restore the pitfall brings it back (screenshots)', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    const id = 'unscaled';
    await showPair(page, id);
    const pair = page.locator(`#${id}`);
    const start = await shownPair(page, id);
    assert.equal(start.warnings.length, 1, `the core warns of the raw data (${start.warnings})`);
    assert.match(start.warnings[0], /^Warning: .*scal/i);
    assert.match(start.pitfall.caption, /^the pitfall: scaling = none \(raw data\)$/);
    assert.notEqual(start.pitfall.numbers.qe, start.good.numbers.qe, 'unfixed, the two maps start apart');
    for (let k = 0; k < 3; k++) await pair.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction((id) => document.getElementById(id).t === 3, id);
    await page.screenshot({ path: path.join(SHOTS, 'fix-unscaled-before.png') });

    await pair.getByRole('button', { name: 'Fix: set scaling to min–max' }).click();
    await pair.getByRole('button', { name: 'Restore the pitfall' }).waitFor();
    await twoFrames(page);
    const fixed = await shownPair(page, id);
    assert.deepEqual(fixed.warnings, [], 'the warning is gone');
    assert.match(fixed.fixed, /^Fixed \(set scaling to min–max\): both maps started again from t = 0\./);
    assert.equal(fixed.pitfall.caption, 'the pitfall, fixed: now set up as the map set up well');
    assert.match(fixed.clock, /^t = 0 of 5,000/, 'both maps start again');
    assert.equal(fixed.good.numbers.qe, start.good.numbers.qe, 'the good side is as it was at t = 0');
    assert.deepEqual(fixed.pitfall.numbers, fixed.good.numbers, 'fixed, the pitfall side shows the good side\'s numbers');
    await page.screenshot({ path: path.join(SHOTS, 'fix-unscaled-after.png') });
    for (let k = 0; k < 5; k++) await pair.getByRole('button', { name: 'Step', exact: true }).click();
    await page.waitForFunction((id) => document.getElementById(id).t === 5, id);
    await twoFrames(page);
    const stepped = await shownPair(page, id);
    assert.deepEqual(stepped.pitfall.numbers, stepped.good.numbers, 'in lock step, the fixed map learns as the good one');
    assert.notEqual(stepped.good.numbers.qe, fixed.good.numbers.qe, 'and they did learn');
    assert.equal(stepped.pitfall.pixels, stepped.good.pixels, 'the two maps look the same, pixel for pixel');

    await pair.getByRole('button', { name: 'Restore the pitfall' }).click();
    await pair.getByRole('button', { name: 'Fix: set scaling to min–max' }).waitFor();
    await twoFrames(page);
    const restored = await shownPair(page, id);
    assert.equal(restored.fixed, null, 'no fix note');
    assert.deepEqual(restored.warnings, start.warnings, 'the warning is back');
    assert.equal(restored.pitfall.caption, start.pitfall.caption);
    assert.deepEqual([restored.good.numbers, restored.pitfall.numbers], [start.good.numbers, start.pitfall.numbers], 'the pair as it started');
    await assert.rejects(page.evaluate((id) => document.getElementById(id).fix('sigmaLargerThanMap'), id),
      /the pitfall side has no warning 'sigmaLargerThanMap' to fix \(its warnings: dataNotScaled\)/, 'a fix the core did not offer is refused by name');

    // A fix that changes the grid: the 30 × 30 map for 500 rows.
    await showPair(page, 'mapTooLarge');
    const big = page.locator('#mapTooLarge');
    assert.equal(await big.getByRole('img', { name: 'The map with the pitfall: 30 × 30 nodes' }).count(), 1);
    const before = await shownPair(page, 'mapTooLarge');
    await big.getByRole('button', { name: 'Fix: set rows to 16' }).click();
    await big.getByRole('img', { name: 'The map with the pitfall: 16 × 30 nodes' }).waitFor();
    await twoFrames(page);
    const after = await shownPair(page, 'mapTooLarge');
    assert.deepEqual(after.warnings, [], 'more nodes than rows no longer');
    assert.equal(after.pitfall.caption, 'the pitfall, fixed: a 16 × 30 map, σ = 15');
    assert.notEqual(after.pitfall.numbers.metric, before.pitfall.numbers.metric, 'the pair\'s metric changed with the map');
    assert.equal(after.good.numbers.metric, before.good.numbers.metric, 'the good side did not');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the Speed menu drives both maps alike: at every speed both show the same t and row; faster gives a larger t for the same frames', async () => {
  const app = await openPitfalls();
  const { page } = app;
  try {
    const id = 'sigmaTooSmall';
    await showPair(page, id);
    const pair = page.locator(`#${id}`);
    const speed = pair.getByRole('combobox', { name: 'Speed' });
    const offered = await speed.locator('option').evaluateAll((os) => os.map((o) => [Number(o.value), o.textContent]));
    assert.ok(offered.length >= 3 && offered[0][1].startsWith('slow') && offered.at(-1)[1].startsWith('fastest'), JSON.stringify(offered));
    const ts = [];
    for (const [value] of offered) {
      await pair.getByRole('button', { name: 'Reset' }).click();
      await page.waitForFunction((id) => document.getElementById(id).t === 0, id);
      await speed.selectOption(String(value));
      await pair.getByRole('button', { name: 'Play' }).click();
      await page.evaluate(() => new Promise((r) => {
        let n = 0;
        const frame = () => (++n >= 12 ? r() : requestAnimationFrame(frame));
        requestAnimationFrame(frame);
      }));
      await page.evaluate((id) => document.getElementById(id).pause(), id); // stopped at the horizon, it stays stopped
      await twoFrames(page);
      const shown = await shownPair(page, id);
      assert.equal(shown.pitfall.numbers.t, shown.good.numbers.t, `${value} a frame: both maps show the same t`);
      const t = Number(shown.good.numbers.t.replace(/,/g, ''));
      assert.ok(t > 0, `${value} a frame: Play trained (t = ${t})`);
      assert.match(shown.clock, new RegExp(`^t = ${shown.good.numbers.t} .* · both maps took row \\d+ last$`), `${value} a frame: the same row (${shown.clock})`);
      ts.push(t);
    }
    assert.ok(ts.at(-1) > ts[0], `the fastest speed went further than the slowest in the same frames (t ${ts.join(', ')})`);
    assert.ok(ts[0] <= 12 * 3, `slow takes about one step a frame (t = ${ts[0]} after 12 frames, plus the clicks')`);
    const refused = await page.evaluate((id) => {
      try {
        document.getElementById(id).speed = 7;
        return null;
      } catch (error) {
        return error.message;
      }
    }, id);
    assert.match(refused ?? '', /^speed must be one of 1, 5, 20, 200, 2000 \(steps per frame\), got 7$/);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('on a 360×740 phone a pair with a warning shows its Fix and the Speed menu (screenshot)', async () => {
  const app = await openPitfalls(PHONE);
  const { page } = app;
  try {
    await showPair(page, 'unscaled');
    const pair = page.locator('#unscaled');
    await twoFrames(page);
    const fix = pair.getByRole('button', { name: 'Fix: set scaling to min–max' });
    const box = await fix.boundingBox();
    assert.ok(box && box.width > 0 && box.x + box.width <= PHONE.width, `the Fix button fits the width (${JSON.stringify(box)})`);
    assert.ok(await pair.getByRole('combobox', { name: 'Speed' }).isVisible());
    await fix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'phone-fix-unscaled.png') });
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('docs/embedding.md lists exactly the core\'s pair ids', async () => {
  const app = await openPitfalls();
  try {
    const ids = (await corePairs(app.page)).map((p) => p.id);
    const doc = fs.readFileSync(path.join(ROOT, 'docs/embedding.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Pitfall pairs'));
    const listed = [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).filter((id) => id !== 'pair'); // the header row names the column
    assert.deepEqual(listed, ids);
    assert.ok(section.includes('<som-pitfall pair="sigmaTooSmall"></som-pitfall>'));
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('the lesson\'s header links to the pitfalls page', async () => {
  const app = await openApp({ viewport: WIDE });
  const { page } = app;
  try {
    const link = page.locator('som-playground >> header.top #pitfalls-link');
    assert.equal((await link.textContent()).trim(), 'Why it goes wrong: pitfalls side by side');
    await link.click();
    await page.waitForURL(/pitfalls\.html$/);
    await page.waitForFunction(() => document.querySelector('som-pitfall')?.dataset.ready === 'true');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
