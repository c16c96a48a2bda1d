// <som-playground> on course pages (issues 11 and 13): several independent elements on one page,
// each in its own shadow root, sharing one wasm download; the course page's CSS stays out; a bad
// attribute fails only its own element; an element far below the fold does not start until it
// comes near; the compact layout fits a column of notes; an iframe with embed.js takes its
// content's height; a strict Content-Security-Policy holds; attributes are the link.
//
// Each run builds a temporary site: dist/ (E2E_DIST) copied under som/, beside the course pages of
// tests/e2e/fixtures/element/, served by the harness's static server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, browser, closeBrowser, collectErrors, DIST, DESKTOP } from './harness.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/element');
const WASM = 'som_playground_bg.wasm';
const TIMEOUT = 30_000;

let site;
let server;

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'som-element-'));
  fs.cpSync(FIXTURES, site, { recursive: true });
  fs.cpSync(DIST, path.join(site, 'som'), { recursive: true });
  server = await startServer({ root: site });
});

after(async () => {
  await closeBrowser();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/**
 * Opens `file` of the site (e.g. 'index.html', 'som/index.html#stop=2') in a fresh context.
 * Resolves to { page, context, errors, requests, assertNoErrors(), close() }; `requests` lists the
 * URL and frame ('main' or 'child') of every request the page made.
 */
async function open(file, { viewport = DESKTOP, init = null } = {}) {
  const context = await (await browser()).newContext({ viewport });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = collectErrors(page);
  const requests = [];
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`worker console.error: ${msg.text()}`);
    });
  });
  page.on('request', (req) => {
    let frame = 'unknown';
    try {
      frame = req.frame() === page.mainFrame() ? 'main' : 'child';
    } catch { /* a request without a frame (a worker's own) */ }
    requests.push({ url: req.url(), frame });
  });
  await page.goto(server.url + file, { waitUntil: 'load', timeout: TIMEOUT });
  return {
    page,
    context,
    errors,
    requests,
    assertNoErrors() {
      if (errors.length) throw new Error(`the page reported ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
    },
    close: () => context.close().catch(() => {}),
  };
}

/** Scrolls the element `selector` into view and resolves once it is ready (its `ready` promise). */
function whenReady(page, selector) {
  return page.evaluate(async ({ selector, timeout }) => {
    const el = document.querySelector(selector);
    el.scrollIntoView({ block: 'start' });
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${selector} was not ready within ${timeout} ms`)), timeout);
    });
    await Promise.race([el.ready, late]);
    clearTimeout(timer);
    if (el.dataset.ready !== 'true') throw new Error(`${selector}: ready resolved but data-ready is ${el.dataset.ready}`);
  }, { selector, timeout: TIMEOUT });
}

/** Brings every <som-playground> of the page in view in turn (they start near the viewport) until all are ready. */
async function allReady(page) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('som-playground')].map((el) => el.id));
  for (const id of ids) await whenReady(page, `#${id}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  return ids;
}

/** t and a copy of the weights of element `#id`. */
function snapshot(page, id) {
  return page.evaluate(async (id) => {
    const el = document.getElementById(id);
    return { t: el.t, phase: el.state.phase, weights: Array.from(await el.weights()), shape: el.state.shape };
  }, id);
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
/** Resolves after the page has drawn its next two frames. */
const drawn = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

test('three elements and an iframe on one course page: own shadow roots, independent, one wasm download', async () => {
  const app = await open('index.html');
  try {
    const ids = await allReady(app.page);
    assert.deepEqual(ids, ['a', 'b', 'c']);
    const roots = await app.page.evaluate(() => {
      const els = [...document.querySelectorAll('som-playground')];
      return {
        open: els.map((el) => el.shadowRoot != null && el.shadowRoot.getElementById('map-view') != null),
        distinct: new Set(els.map((el) => el.shadowRoot)).size,
        stops: els.map((el) => el.stop),
        documentIds: ['map-view', 'btn-row', 'error', 'tour'].filter((id) => document.getElementById(id)),
        globals: ['app', 'engine', 'wasmBindings'].filter((name) => name in window),
      };
    });
    assert.deepEqual(roots.open, [true, true, true], 'each element renders into its own open shadow root');
    assert.equal(roots.distinct, 3, 'three different shadow roots');
    assert.deepEqual(roots.stops, [5, 8, 9], 'each element is at the stop its attribute names');
    assert.deepEqual(roots.documentIds, [], 'no lesson ids in the course page document');
    assert.deepEqual(roots.globals, [], 'no window globals');

    // Let any late work settle, then step the first element only.
    await pause(500);
    const before = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await snapshot(app.page, id)])));
    // Stop 5 shows a step half done (t counts it): Step row finishes it; the next one is t + 1.
    const midStep = before.a.phase !== 'update';
    const t = await app.page.evaluate(() => document.getElementById('a').step());
    assert.equal(t, before.a.t + (midStep ? 0 : 1), `step() resolves to t (from ${before.a.t}, phase ${before.a.phase})`);
    assert.equal(await app.page.evaluate(() => document.getElementById('a').step()), t + 1, 'the next step() adds one');
    await pause(500);
    const stepped = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await snapshot(app.page, id)])));
    assert.equal(stepped.a.t, t + 1, 'the stepped element kept its steps');
    assert.notDeepEqual(stepped.a.weights, before.a.weights, 'its weights moved');
    for (const id of ['b', 'c']) {
      assert.equal(stepped[id].t, before[id].t, `#${id}'s t is unchanged`);
      assert.deepEqual(stepped[id].weights, before[id].weights, `#${id}'s weights are unchanged`);
    }

    // Play in one, pause it: the others still do not move.
    await app.page.evaluate(() => document.getElementById('b').play());
    await app.page.waitForFunction((t) => document.getElementById('b').t > t + 3, stepped.b.t, { timeout: TIMEOUT });
    await app.page.evaluate(() => document.getElementById('b').pause());
    const played = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await snapshot(app.page, id)])));
    assert.ok(played.b.t > stepped.b.t + 3, `#b played (t ${stepped.b.t} → ${played.b.t})`);
    for (const id of ['a', 'c']) {
      assert.equal(played[id].t, stepped[id].t, `#${id}'s t is unchanged by #b's Play`);
      assert.deepEqual(played[id].weights, stepped[id].weights, `#${id}'s weights are unchanged by #b's Play`);
    }

    // The iframe (the standalone page, reading its hash) is ready at its stop.
    await app.page.evaluate(() => document.getElementById('frame').scrollIntoView());
    const frame = await (await app.page.$('#frame')).contentFrame();
    await frame.waitForFunction(() => document.querySelector('som-playground')?.dataset.ready === 'true', null, { timeout: TIMEOUT });
    assert.equal(await frame.evaluate(() => document.querySelector('som-playground').stop), 2, 'the frame opened #stop=2');

    const wasm = (frame) => app.requests.filter((r) => r.frame === frame && new URL(r.url).pathname.endsWith(`/${WASM}`)).length;
    assert.equal(wasm('main'), 1, 'the course page with three elements fetched the wasm once');
    assert.equal(wasm('child'), 1, 'the frame (its own document) fetched it once');
    assert.equal(wasm('unknown'), 0, 'no worker fetched the wasm on its own');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test("a course-page rule like * { color: red; font-size: 40px } changes nothing inside the elements", async () => {
  const styles = async (file) => {
    const app = await open(file);
    try {
      await allReady(app.page);
      await drawn(app.page);
      const seen = await app.page.evaluate(() => {
        const el = document.getElementById('a');
        const root = el.shadowRoot;
        const picks = ['h1', '.lede', '#map-title', '#btn-row', '#btn-row kbd', '#stat-t', '.stats dt', '#status',
          '[data-testid="tour-title"]', '[data-testid="tour-text"]', '#tour-next', '.phases li', '.panel', 'canvas'];
        const props = ['color', 'font-size', 'font-family', 'line-height', 'font-weight', 'background-color'];
        const out = {};
        for (const sel of picks) {
          const node = root.querySelector(sel);
          if (!node) {
            out[sel] = 'missing';
            continue;
          }
          const cs = getComputedStyle(node);
          out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
          out[sel].width = Math.round(node.getBoundingClientRect().width);
        }
        const outside = getComputedStyle(document.getElementById('outside'));
        return {
          inside: out,
          height: Math.round(el.getBoundingClientRect().height),
          outside: { border: outside.borderTopWidth, background: outside.backgroundColor, padding: outside.paddingTop },
        };
      });
      app.assertNoErrors();
      return seen;
    } finally {
      await app.close();
    }
  };
  const plain = await styles('style-plain.html');
  const red = await styles('style-red.html');
  // The lesson's own CSS does not leak out onto the course page's .panel/.error/.lede.
  assert.deepEqual(plain.outside, { border: '0px', background: 'rgba(0, 0, 0, 0)', padding: '0px' }, "the element's CSS stays inside");
  for (const sel of Object.keys(plain.inside)) {
    assert.notEqual(plain.inside[sel], 'missing', `${sel} exists in the shadow root`);
    assert.deepEqual(red.inside[sel], plain.inside[sel], `${sel} looks the same with the course page's * rule`);
  }
  assert.ok(Math.abs(red.height - plain.height) <= 2, `the element is as tall with the rule (${red.height} px) as without (${plain.height} px)`);
});

test('a bad attribute shows its note in that element only; the others keep working', async () => {
  const app = await open('bad.html');
  try {
    await allReady(app.page);
    const notes = await app.page.evaluate(() => Object.fromEntries([...document.querySelectorAll('som-playground')].map((el) => {
      const error = el.shadowRoot.getElementById('error');
      return [el.id, { role: error.getAttribute('role'), shown: !error.hidden && error.getBoundingClientRect().height > 0, text: error.textContent }];
    })));
    assert.equal(notes.rows0.role, 'alert');
    assert.ok(notes.rows0.shown, 'rows="0" shows a note');
    assert.match(notes.rows0.text, /rows/, `the note names rows: ${notes.rows0.text}`);
    assert.ok(notes.stop99.shown, 'stop="99" shows a note');
    assert.match(notes.stop99.text, /stop/, `the note names stop: ${notes.stop99.text}`);
    assert.equal(notes.good.shown, false, `the good element shows no note (${notes.good.text})`);
    assert.equal(notes.good.text, '');

    // The good one has its own map and steps; the bad ones fell back to the defaults and step too.
    const shapes = await app.page.evaluate(() => [...document.querySelectorAll('som-playground')].map((el) => [el.state.shape.rows, el.state.shape.cols]));
    assert.deepEqual(shapes, [[10, 10], [3, 3], [10, 10]], 'the good element keeps rows=3 cols=3, the bad ones show the defaults');
    for (const id of ['good', 'rows0', 'stop99']) {
      const before = await snapshot(app.page, id);
      const t = await app.page.evaluate((id) => document.getElementById(id).step(), id);
      assert.equal(t, before.t + 1, `#${id} steps`);
      assert.notDeepEqual((await snapshot(app.page, id)).weights, before.weights, `#${id}'s weights move`);
    }
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('an element far below the fold does not start until scrolled near, and Play pauses off screen', async () => {
  const app = await open('far.html');
  try {
    await whenReady(app.page, '#near');
    await pause(1500);
    const idle = await app.page.evaluate(() => {
      const el = document.getElementById('far');
      return { ready: el.dataset.ready ?? null, state: el.state, t: el.t, top: Math.round(el.getBoundingClientRect().top) };
    });
    assert.ok(idle.top > 5000, `the far element is ${idle.top} px down`);
    assert.deepEqual({ ready: idle.ready, state: idle.state, t: idle.t }, { ready: null, state: null, t: 0 }, 'the far element has not started');
    assert.equal(app.page.workers().length, 1, 'only the near element has a worker');

    await whenReady(app.page, '#far');
    const shape = await app.page.evaluate(() => document.getElementById('far').state.shape);
    assert.equal(shape.rows, 4, 'once near, the far element built its map');
    assert.equal(app.page.workers().length, 2);

    // Play the far one, scroll away: it pauses.
    await app.page.evaluate(() => document.getElementById('far').play());
    await app.page.waitForFunction(() => document.getElementById('far').t > 5, null, { timeout: TIMEOUT });
    await app.page.evaluate(() => window.scrollTo(0, 0));
    await app.page.waitForFunction(() => document.getElementById('far').state.playing === false, null, { timeout: 5000 });
    const t = await app.page.evaluate(() => document.getElementById('far').t);
    await pause(600);
    assert.equal(await app.page.evaluate(() => document.getElementById('far').t), t, 'no steps while off screen');
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('layout="compact": at most 720 px tall at 800 px wide, no page header, no sideways scroll at 320 px', async () => {
  const measure = async (viewport) => {
    const app = await open('compact.html', { viewport });
    try {
      await whenReady(app.page, '#a');
      await drawn(app.page);
      await pause(300);
      await drawn(app.page);
      const seen = await app.page.evaluate(() => {
        const el = document.getElementById('a');
        const header = el.shadowRoot.querySelector('header');
        const views = el.shadowRoot.getElementById('map-view');
        return {
          stop: el.stop,
          height: el.getBoundingClientRect().height,
          right: el.getBoundingClientRect().right,
          header: header ? header.getBoundingClientRect().height : 0,
          map: views.getBoundingClientRect().height,
          stepRow: el.shadowRoot.getElementById('btn-row').getBoundingClientRect().height,
          scrollWidth: document.documentElement.scrollWidth,
        };
      });
      app.assertNoErrors();
      return seen;
    } finally {
      await app.close();
    }
  };
  const wide = await measure({ width: 800, height: 900 });
  const narrow = await measure({ width: 320, height: 700 });
  assert.equal(wide.stop, 5);
  assert.ok(wide.map > 0 && wide.stepRow > 0, 'the compact layout shows the map and the step controls');
  assert.ok(narrow.map > 0 && narrow.stepRow > 0, 'also at 320 px');
  // Every shortfall at once, so one run tells the whole story.
  const problems = [];
  if (wide.height > 720) problems.push(`the compact element is ${Math.round(wide.height)} px tall at 800 px wide (at most 720)`);
  if (wide.header > 0) problems.push(`it shows the page header (${Math.round(wide.header)} px)`);
  if (narrow.scrollWidth > 320) problems.push(`at 320 px wide the page is ${narrow.scrollWidth} px wide (it scrolls sideways)`);
  if (narrow.right > 320) problems.push(`at 320 px wide the element ends at ${Math.round(narrow.right)} px`);
  assert.deepEqual(problems, [], problems.join('; '));
});

test('an iframe of index.html with embed.js on the parent takes its content height (±20 px)', async () => {
  const app = await open('frame.html');
  try {
    const frame = await (await app.page.$('#frame')).contentFrame();
    await frame.waitForFunction(() => document.querySelector('som-playground')?.dataset.ready === 'true', null, { timeout: TIMEOUT });
    assert.equal(await frame.evaluate(() => document.querySelector('som-playground').stop), 2);
    const fit = () => app.page.evaluate(() => {
      const iframe = document.getElementById('frame');
      const inner = iframe.contentDocument.documentElement;
      return {
        frame: iframe.getBoundingClientRect().height,
        content: inner.getBoundingClientRect().height,
        scroll: inner.scrollHeight,
        viewport: iframe.contentWindow.innerHeight,
      };
    });
    let last;
    const deadline = Date.now() + 10_000;
    do {
      await pause(250);
      last = await fit();
    } while (Math.abs(last.frame - last.content) > 20 && Date.now() < deadline);
    assert.ok(last.content > 400, `the lesson's content is ${last.content} px tall (the frame started at 300)`);
    assert.ok(Math.abs(last.frame - last.content) <= 20, `the frame is ${last.frame} px tall for ${last.content} px of content`);
    assert.ok(last.scroll <= last.viewport + 20, `nothing scrolls inside the frame (${last.scroll} px in a ${last.viewport} px viewport)`);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/** Records every CSP violation (the event is composed, so the shadow roots' reach the document too). */
function recordViolations() {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
  }, true);
}

async function underPolicy(file, selector) {
  const app = await open(file, { init: recordViolations });
  try {
    await whenReady(app.page, selector);
    const policy = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/, `${file} carries the strict policy`);
    assert.match(policy, /style-src 'self'(;|$)/);
    const stepped = await app.page.evaluate(async (selector) => {
      const el = document.querySelector(selector);
      await el.step();
      await el.stepPhase();
      await el.stepPhase();
      await el.play();
      return el.t;
    }, selector);
    await app.page.waitForFunction(({ selector, t }) => document.querySelector(selector).t > t + 2, { selector, t: stepped }, { timeout: TIMEOUT });
    await app.page.evaluate((selector) => document.querySelector(selector).pause(), selector);
    assert.equal(await app.page.evaluate((selector) => document.querySelector(selector).state.playing, selector), false, `${file}: paused`);
    // Open the tour with its own buttons (locators reach into open shadow roots).
    const lesson = app.page.locator(selector);
    const at = (stop) => app.page.waitForFunction(({ selector, stop }) => document.querySelector(selector).stop === stop, { selector, stop }, { timeout: TIMEOUT });
    await lesson.locator('#tour-next').click();
    await at(1);
    await lesson.locator('#tour-next').click();
    await at(2);
    await app.page.evaluate((selector) => document.querySelector(selector).goToStop(9), selector);
    await lesson.locator('#btn-row').click();
    await lesson.locator('#btn-phase').click();
    await drawn(app.page);
    await pause(300);
    const violations = await app.page.evaluate(() => window.cspViolations);
    assert.deepEqual(violations, [], `${file}: no CSP violation`);
    app.assertNoErrors();
    // The recorder works: an inline style attribute is a violation under this policy.
    await app.page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await app.page.waitForFunction(() => window.cspViolations.length > 0, null, { timeout: 5000 });
  } finally {
    await app.close();
  }
}

test('a strict CSP: the standalone page and a course page under the same policy report no violation', async () => {
  await underPolicy('som/index.html', 'som-playground');
  await underPolicy('csp.html', '#a');
});

test('attributes are the link: changing one rebuilds the map and leaves the course page URL alone; index.html reads its hash', async () => {
  const app = await open('link.html');
  try {
    await whenReady(app.page, '#a');
    await app.page.evaluate(() => { location.hash = '#notes'; });
    const before = await app.page.evaluate(() => ({ hash: location.hash, length: history.length, shape: document.getElementById('a').state.shape }));
    assert.deepEqual([before.shape.rows, before.shape.cols], [3, 3]);

    await app.page.evaluate(() => document.getElementById('a').setAttribute('rows', '4'));
    await app.page.waitForFunction(() => document.getElementById('a').state?.shape.rows === 4, null, { timeout: TIMEOUT });
    const after = await app.page.evaluate(() => ({ hash: location.hash, length: history.length, cols: document.getElementById('a').state.shape.cols }));
    assert.equal(after.cols, 3, 'the other attributes still hold');
    assert.equal(after.hash, '#notes', 'the course page hash is untouched');
    assert.equal(after.length, before.length, 'no history entry was added');

    // A bad attribute value shows the note; a good one clears it.
    await app.page.evaluate(() => document.getElementById('a').setAttribute('rows', '0'));
    await app.page.waitForFunction(() => !document.getElementById('a').shadowRoot.getElementById('error').hidden, null, { timeout: TIMEOUT });
    await app.page.evaluate(() => document.getElementById('a').setAttribute('rows', '5'));
    await app.page.waitForFunction(() => document.getElementById('a').state?.shape.rows === 5, null, { timeout: TIMEOUT });
    assert.equal(await app.page.evaluate(() => document.getElementById('a').shadowRoot.getElementById('error').hidden), true, 'the note is gone');

    // Attributes that are not link keys (class, style, data-*) leave the map and its steps alone.
    const kept = await app.page.evaluate(async () => {
      const el = document.getElementById('a');
      await el.train(3);
      const weights = Array.from(await el.weights());
      el.classList.add('wide');
      el.dataset.note = 'week 3';
      el.style.marginTop = '1px';
      await new Promise((r) => setTimeout(r, 600));
      return { t: el.t, same: JSON.stringify(Array.from(await el.weights())) === JSON.stringify(weights) };
    });
    assert.deepEqual(kept, { t: 3, same: true }, 'class, data-* and style changes do not rebuild the map');

    // The course page's own hash is not a link for an element without the `hash` attribute.
    await app.page.evaluate(() => { location.hash = '#rows=7&cols=7'; });
    await pause(600);
    assert.equal(await app.page.evaluate(() => document.getElementById('a').state.shape.rows), 5, 'the page hash does not drive the element');
    // Copy link points at the standalone page beside the module and leaves the course page's URL as it is.
    await app.page.evaluate(() => document.getElementById('a').step());
    const link = await app.page.evaluate(() => document.getElementById('a').copyLink());
    assert.ok(link.startsWith(`${server.url}som/index.html#`), `the link opens the standalone page: ${link}`);
    assert.match(link, /rows=5/);
    assert.equal(await app.page.evaluate(() => location.hash), '#rows=7&cols=7', 'Copy link left the course page hash alone');
    app.assertNoErrors();
  } finally {
    await app.close();
  }

  const page = await open('som/index.html#rows=5&cols=6');
  try {
    await whenReady(page.page, 'som-playground');
    const el = (fn, arg) => page.page.evaluate(fn, arg);
    assert.equal(await el(() => document.querySelector('som-playground').hasAttribute('hash')), true);
    assert.deepEqual(await el(() => { const { rows, cols } = document.querySelector('som-playground').state.shape; return [rows, cols]; }), [5, 6], 'index.html read its hash');
    await el(() => { location.hash = '#rows=3&cols=4'; });
    await page.page.waitForFunction(() => document.querySelector('som-playground').state?.shape.rows === 3, null, { timeout: TIMEOUT });
    assert.equal(await el(() => document.querySelector('som-playground').state.shape.cols), 4, 'a new hash is applied like a new link');
    await el(() => document.querySelector('som-playground').step());
    await el(() => document.querySelector('som-playground').copyLink());
    assert.match(await el(() => location.hash), /(^|[#&])t=1(&|$)/, 'the standalone page writes its state into location.hash');
    page.assertNoErrors();
  } finally {
    await page.close();
  }
});
