// Sharing, embedding and export: a copied link reproduces the map step for step; bad links fall
// back to the defaults with a note; a teacher's CSV beside the page, a tour stop and hidden
// panels work inside an <iframe>; the weights download as CSV and JSON and the map as a PNG.
// The lesson is one <som-playground> element: these tests drive it as a user does (buttons, keys,
// links) and read it through its public API (el.state, el.t, el.weights()) and the screen.
// Runs against dist/ (or the folder in SOM_DIST).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, closeBrowser, waitReady, DIST, NARROW } from './harness.mjs';

const ROOT = process.env.SOM_DIST || DIST;
const DEFAULT_OPTIONS = { rows: 10, cols: 10, data: 'rgb', seed: 1 };
after(closeBrowser);

/** A copy of the built page with a teacher's 3-column CSV and parent pages that embed it. */
function pageWithCsv() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'som-share-'));
  fs.cpSync(ROOT, dir, { recursive: true });
  const lines = ['sweetness,acidity,crunch'];
  for (let i = 0; i < 30; i++) lines.push([i % 7, (i * 3) % 11, (i * 5) % 13].map((v) => (v / 2).toFixed(1)).join(','));
  fs.writeFileSync(path.join(dir, 'my-data.csv'), lines.join('\n') + '\n');
  const parent = (width, hash) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Embedded</title></head>
<body style="margin:0"><iframe id="som" title="SOM Playground" src="index.html${hash}" width="${width}" height="900" style="border:0"></iframe></body></html>`;
  return { dir, parent: (name, width, hash) => fs.writeFileSync(path.join(dir, name), parent(width, hash)) };
}

/**
 * Waits until every command sent to the lesson's engine so far has run and its snapshot is drawn:
 * the engine answers in order, so a weights() call answered means the clicks before it are done.
 */
const settle = (page) => page.evaluate(async () => {
  await document.querySelector('som-playground').weights();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
});

/**
 * Waits until the lesson has stopped changing: its state and weights read the same twice, `ms`
 * apart. For a new hash, which the element applies with no signal when it is done.
 */
async function quiet(page, { ms = 250, timeout = 15_000 } = {}) {
  const read = async () => {
    await settle(page);
    return page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      return JSON.stringify([el.state, Array.from(await el.weights())]);
    });
  };
  const end = Date.now() + timeout;
  let last = await read();
  for (let same = 0; same < 2;) {
    await new Promise((r) => setTimeout(r, ms));
    const now = await read();
    same = now === last ? same + 1 : 0;
    last = now;
    if (Date.now() > end) throw new Error(`the lesson kept changing for ${timeout} ms`);
  }
}

/** openApp, then waits for the engine to have run everything the link asked for. */
async function open(options) {
  const app = await openApp(options);
  try {
    await settle(app.page);
  } catch (e) {
    await app.close();
    throw e;
  }
  return app;
}

/** The lesson's public state (el.state), once settled. */
async function lessonState(page) {
  await settle(page);
  return page.evaluate(() => document.querySelector('som-playground').state);
}

/** The state a link should reproduce, from the element's public API. */
async function snapshot(page) {
  await settle(page);
  return page.evaluate(async () => {
    const el = document.querySelector('som-playground');
    const s = el.state;
    return {
      weights: Array.from(await el.weights()),
      t: el.t,
      phase: s.phase,
      tug: s.tugRows,
      selected: s.selected,
      stop: el.stop,
      rows: s.shape.rows,
      cols: s.shape.cols,
    };
  });
}

/** The weights of a new Som(options) on the page's thread (the wasm facade), after `steps` steps. */
function scratchWeights(page, options, steps = 0) {
  return page.evaluate(async ([o, n]) => {
    const { ready } = await import('./som-playground.js');
    const wasm = await ready();
    const som = new wasm.Som(o);
    if (n) som.train(n);
    const w = Array.from(som.weights());
    som.free();
    return w;
  }, [options, steps]);
}

/** The same clicks on each page, in turn; each click's command has run before the next. */
async function clickBoth(pages, ids) {
  for (const id of ids) {
    for (const page of pages) {
      await page.click(id);
      await settle(page);
    }
  }
}

/** Adds (or removes) a row in the tug of war by the keyboard's way: the Row field of the tug box. */
async function toggleTugRow(page, row) {
  await page.fill('#tug-row', String(row));
  await page.press('#tug-row', 'Enter');
  await settle(page);
}

/** The status line's text (inside the element). */
const statusText = (page) => page.locator('#status').textContent();

/**
 * Presses Copy link; resolves to { url, status, field }: the page's address afterwards (the
 * standalone page writes the link into it), the status note, and the link field's value and
 * visibility (shown only where the clipboard refused the link).
 */
async function copyLink(page) {
  await page.evaluate(() => { document.querySelector('som-playground').shadowRoot.getElementById('status').textContent = ''; });
  await page.click('#btn-link');
  await page.waitForFunction(() => /^(Link copied|The clipboard is not available)/.test(document.querySelector('som-playground').shadowRoot.getElementById('status').textContent));
  const field = page.locator('#link-field');
  return { url: page.url(), status: await statusText(page), field: { value: await field.inputValue(), visible: await field.isVisible() } };
}

test('Copy link reproduces the map step for step, with pulls, a half-shown step and extra steps', async () => {
  const a = await open({ root: ROOT, query: '#rows=5&cols=6&data=blobs&dataRows=80&seed=7&topology=hexagonal&sigma=2.5&learningRate=0.3' });
  let b;
  try {
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a.server.origin });
    const start = await lessonState(a.page);
    assert.deepEqual([start.shape.rows, start.shape.cols, start.options.topology, start.options.data, start.shape.dataRows], [5, 6, 'hexagonal', 'blobs', 80]);
    await clickBoth([a.page], ['#btn-epoch', '#btn-row', '#btn-row']);
    await toggleTugRow(a.page, 2);
    await toggleTugRow(a.page, 9);
    assert.deepEqual((await lessonState(a.page)).tugRows, [2, 9]);
    await clickBoth([a.page], ['#btn-pull', '#btn-row', '#btn-phase', '#btn-phase']);
    // Select node 7 from the keyboard: one right, one grid row down (6 columns).
    await a.page.focus('[data-testid="map-canvas"]');
    await a.page.keyboard.press('ArrowRight');
    await a.page.keyboard.press('ArrowDown');
    const before = await lessonState(a.page);
    assert.equal(before.selected, 7);
    assert.equal(before.phase, 'distances');
    assert.equal(before.t, 80 + 2 + 2 + 1 + 1, 'an epoch, two rows, two pulled rows, a row, and the step being shown');
    const { url, status, field } = await copyLink(a.page);
    assert.match(status, /^Link copied\. It reproduces this map step for step/);
    assert.equal(field.visible, false, 'no link field when the clipboard took the link');
    assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), url, 'the clipboard holds the link');
    assert.match(url, /pull=\d+:2\.9/);
    assert.match(url, /phase=distances/);
    assert.match(url, /node=7/);

    b = await open({ root: ROOT, query: new URL(url).hash });
    assert.deepEqual(await snapshot(b.page), await snapshot(a.page));
    assert.equal(await b.page.locator('#error').isVisible(), false);
    await clickBoth([a.page, b.page], ['#btn-phase', '#btn-phase', '#btn-phase', '#btn-row', '#btn-row', '#btn-epoch', '#btn-pull']);
    const [sa, sb] = [await snapshot(a.page), await snapshot(b.page)];
    assert.ok(sa.t > before.t);
    assert.deepEqual(sb, sa, 'the same weights after the same extra steps');
    a.assertNoErrors();
    b.assertNoErrors();
  } finally {
    await a.close();
    await b?.close();
  }
});

test('a link with tug rows and a tour stop reproduces them; without the clipboard the link is shown to select', async () => {
  const a = await open({ root: ROOT, query: '#stop=9' });
  let b;
  let c;
  try {
    const at9 = await snapshot(a.page);
    assert.equal(at9.stop, 9);
    assert.equal(at9.tug.length, 2);
    // No clipboard permission in this context: the link goes into a field to select.
    await a.page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) });
    });
    const { url, status, field } = await copyLink(a.page);
    assert.match(status, /^The clipboard is not available here: select the link in the field and copy it\. It reproduces/);
    assert.equal(field.visible, true, 'the link field is shown');
    assert.equal(field.value, url, 'the field holds the link');
    assert.deepEqual(await a.page.locator('#link-field').evaluate((input) => [input.selectionStart, input.selectionEnd]), [0, url.length], 'the link is selected');
    assert.match(url, /stop=9/);
    b = await open({ root: ROOT, query: new URL(url).hash });
    assert.deepEqual(await snapshot(b.page), at9);
    assert.equal(await b.page.locator('[data-testid="tour-title"]').textContent(), await a.page.locator('[data-testid="tour-title"]').textContent());
    assert.equal((await lessonState(b.page)).colour, 'pull');

    c = await open({ root: ROOT, query: '#rows=4&cols=4&seed=3&t=40&tug=1,4,7' });
    const sc = await snapshot(c.page);
    assert.deepEqual(sc.tug, [1, 4, 7]);
    assert.equal(sc.t, 40);
    assert.deepEqual(sc.weights, await scratchWeights(c.page, { rows: 4, cols: 4, seed: 3 }, 40));
    for (const app of [a, b, c]) app.assertNoErrors();
  } finally {
    await a.close();
    await b?.close();
    await c?.close();
  }
});

test('a bad or outdated hash shows a note and the default map, never a broken page', async () => {
  const bad = ['#rows=0', '#sigmaa=1', '#csv=missing.csv', '#%%%garbage', '#t=-3', '#stop=99', '#tug=99999',
    '#csvz=!!!!', '#csvz=AAAA', '#pull=5:1', '#t=10&phase=sideways', '#data=nope', '#csv=https://example.com/x.csv', '#node=5000'];
  for (const hash of bad) {
    const app = await open({ root: ROOT, query: hash });
    try {
      await app.page.waitForSelector('#error:not([hidden])', { timeout: 5000 });
      const note = await app.page.locator('#error').textContent();
      assert.match(note, /could not be used .* defaults/, `${hash}: ${note}`);
      const got = await snapshot(app.page);
      const expected = await scratchWeights(app.page, DEFAULT_OPTIONS);
      assert.deepEqual({ rows: got.rows, cols: got.cols, t: got.t, stop: got.stop, tug: got.tug }, { rows: 10, cols: 10, t: 0, stop: 0, tug: [] }, hash);
      assert.deepEqual(got.weights, expected, `${hash}: the default map`);
      // The map still works.
      await app.page.click('#btn-row');
      await app.page.waitForFunction(() => document.querySelector('som-playground').t === 1);
      const errors = app.errors.filter((e) => !/missing\.csv/.test(e));
      assert.deepEqual(errors, [], `${hash}: no page error`);
    } finally {
      await app.close();
    }
  }
});

test('csv=my-data.csv beside the page, at the tug-of-war stop, params hidden, inside an iframe', async () => {
  const site = pageWithCsv();
  const hash = '#csv=my-data.csv&rows=3&cols=3&stop=9&hide=params';
  site.parent('embed-360.html', 360, hash);
  site.parent('embed-800.html', 800, hash);
  const direct = await open({ root: site.dir, query: hash });
  try {
    const s = await lessonState(direct.page);
    // The stop's own map (10×10, docs/embedding.md) on the teacher's data.
    assert.deepEqual(
      { rows: s.shape.rows, cols: s.shape.cols, columns: s.columns, dataRows: s.shape.dataRows, stop: s.stop, colour: s.colour, tug: s.tugRows.length, data: s.options.data, source: s.dataSource },
      { rows: 10, cols: 10, columns: ['sweetness', 'acidity', 'crunch'], dataRows: 30, stop: 9, colour: 'pull', tug: 2, data: 'custom', source: { kind: 'path', path: 'my-data.csv' } },
    );
    assert.equal(await direct.page.locator('#params-panel').isVisible(), false);
    assert.equal(await direct.page.locator('#params-panel').getAttribute('hidden'), '', 'hide=params hides the parameters panel');
    assert.equal(await direct.page.locator('#data-panel').getAttribute('hidden'), null, 'the data panel is not hidden by the link');
    assert.match(await direct.page.locator('[data-testid="data-source"]').textContent(), /my-data\.csv/);
    assert.equal(direct.server.requests.filter((r) => r.path === '/my-data.csv').length, 1, 'the link is applied once: one fetch of the CSV');
    // A link copied here keeps the CSV path.
    const { url, status } = await copyLink(direct.page);
    assert.match(url, /csv=my-data\.csv/);
    assert.doesNotMatch(url, /data=/);
    assert.match(status, /reproduces this map step for step/);
    direct.assertNoErrors();
  } finally {
    await direct.close();
  }

  for (const width of [360, 800]) {
    const app = await openApp({ root: site.dir, query: `embed-${width}.html`, ready: false, viewport: { width, height: 900 } });
    try {
      const frame = app.page.frameLocator('#som');
      const inner = app.page.frames().find((f) => f !== app.page.mainFrame());
      await waitReady(inner, { errors: app.errors });
      await settle(inner);
      const state = await inner.evaluate(async () => {
        const el = document.querySelector('som-playground');
        const s = el.state;
        const live = Array.from(await el.weights());
        // Replay the stop on a scratch map (the wasm facade): the teacher's CSV, the live options,
        // t untraced steps; its BMUs for the tug rows say which cells to look at.
        const { ready } = await import('./som-playground.js');
        const wasm = await ready();
        const base = new wasm.Som({ rows: 2, cols: 2 });
        base.adoptData(wasm.parseCsv(await (await fetch('my-data.csv')).text())); // the CSV module parses, the map adopts
        const { data, dataRows, dim, ...options } = s.options;
        const som = base.withOptions(options);
        base.free();
        som.train(s.t);
        const replayed = Array.from(som.weights());
        const x = som.data();
        const d = som.dim();
        const bmus = s.tugRows.map((r) => som.bmu(x.subarray(r * d, (r + 1) * d)));
        const positions = Array.from(som.positions());
        som.free();
        // Where a node's cell centre is on the canvas: the grid scaled to the canvas width
        // (rectangular cells, centres 1 apart, half a cell of margin).
        const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
        const box = canvas.getBoundingClientRect();
        const ratio = canvas.width / box.width;
        const xs = positions.filter((_, k) => k % 2 === 0);
        const ys = positions.filter((_, k) => k % 2 === 1);
        const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
        const scale = Math.min(box.width / (Math.max(...xs) - minX + 1), box.width / (Math.max(...ys) - minY + 1));
        const offsetX = (box.width - (Math.max(...xs) - minX + 1) * scale) / 2 + (0.5 - minX) * scale;
        const ctx = canvas.getContext('2d');
        const colours = bmus.map((node) => {
          const cx = offsetX + positions[2 * node] * scale;
          const cy = (0.5 - minY) * scale + positions[2 * node + 1] * scale;
          return Array.from(ctx.getImageData(Math.round(cx * ratio), Math.round(cy * ratio), 1, 1).data.slice(0, 3));
        });
        return {
          colour: s.colour, tug: s.tugRows.length, topology: s.options.topology, same: live.length > 0 && live.every((v, i) => v === replayed[i]),
          bmus, colours, scrollWidth: document.documentElement.scrollWidth, width: innerWidth,
        };
      });
      assert.equal(state.colour, 'pull');
      assert.equal(state.tug, 2);
      assert.equal(state.topology, 'rectangular');
      assert.equal(state.same, true, 'the stop\'s map is its CSV and options after t steps');
      assert.notEqual(state.bmus[0], state.bmus[1], 'the two tug rows have different BMUs');
      const [blue, green] = state.colours;
      assert.ok(blue[2] > blue[1] && blue[2] > blue[0], `first BMU is blue: ${blue}`);
      assert.ok(green[1] > green[2] && green[1] > green[0], `second BMU is green: ${green}`);
      assert.ok(state.scrollWidth <= state.width, `no horizontal overflow at ${width}: ${state.scrollWidth}`);
      assert.equal(await frame.locator('#params-panel').isVisible(), false);
      await frame.locator('#map-panel').scrollIntoViewIfNeeded();
      await app.screenshot(`embed-iframe-${width}`, { fullPage: false });
      app.assertNoErrors();
    } finally {
      await app.close();
    }
  }
  fs.rmSync(site.dir, { recursive: true, force: true });
});

test('an embedded page with hidden controls shows none of them; every hide name is documented', async () => {
  const site = pageWithCsv();
  const docs = fs.readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
  const probe = await open({ root: site.dir });
  const names = await probe.page.locator('[data-hide]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.hide))]);
  await probe.close();
  for (const name of names) assert.match(docs, new RegExp('`' + name + '`'), `docs/embedding.md names hide=${name}`);
  for (const must of ['tour', 'tug', 'data', 'params', 'export', 'link', 'play', 'controls', 'map', 'input']) assert.ok(names.includes(must), `data-hide="${must}" exists`);

  const hide = names.filter((n) => !['map', 'controls'].includes(n));
  site.parent('embed-hidden.html', 360, `#rows=4&cols=4&hide=${hide.join(',')}`);
  const app = await openApp({ root: site.dir, query: 'embed-hidden.html', ready: false, viewport: NARROW });
  try {
    const inner = app.page.frames().find((f) => f !== app.page.mainFrame());
    await waitReady(inner, { errors: app.errors });
    const frame = app.page.frameLocator('#som');
    for (const name of hide) {
      const els = frame.locator(`[data-hide="${name}"]`);
      const n = await els.count();
      assert.ok(n > 0, name);
      for (let k = 0; k < n; k++) assert.equal(await els.nth(k).isVisible(), false, `${name} is hidden`);
    }
    assert.equal(await frame.locator('#map-panel').isVisible(), true);
    assert.equal(await frame.locator('#error').isVisible(), false);
    assert.equal(await inner.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
    app.assertNoErrors();
  } finally {
    await app.close();
    fs.rmSync(site.dir, { recursive: true, force: true });
  }
});

/** Reads CSV text through the paste box and presses Load with the default choices. */
async function pasteAndLoad(page, text) {
  await page.fill('#csv-paste', text);
  await page.click('#csv-paste-load');
  await page.locator('#csv-load').click();
  await page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state === 'loaded');
  await settle(page);
}

test('a small CSV travels inside the link (csvz); a large one is named as not in the link', async () => {
  const a = await open({ root: ROOT, query: '#rows=2&cols=3&seed=9' });
  let b;
  try {
    const csv = 'height,weight,age\n1.5,60,30\n1.7,72,41\n1.8,80,25\n1.6,55,33\n1.9,90,50\n';
    await pasteAndLoad(a.page, csv);
    await a.page.waitForFunction(() => document.querySelector('som-playground').state.dataSource.kind === 'inline');
    assert.equal(await a.page.evaluate(() => document.querySelector('som-playground').train(7)), 7);
    const loaded = await lessonState(a.page);
    assert.deepEqual([loaded.shape.rows, loaded.shape.cols, loaded.shape.dataRows, loaded.columns, loaded.options.seed], [2, 3, 5, ['height', 'weight', 'age'], 9]);
    const { url, status } = await copyLink(a.page);
    assert.match(url, /csvz=/);
    assert.doesNotMatch(url, /data=|csv=/);
    assert.match(status, /reproduces/);
    b = await open({ root: ROOT, query: new URL(url).hash });
    const sb = await lessonState(b.page);
    assert.deepEqual(sb.columns, ['height', 'weight', 'age']);
    assert.equal(sb.dataSource.kind, 'inline');
    assert.deepEqual(await snapshot(b.page), await snapshot(a.page));

    // A file too large to pack (over 64K characters) stays on the student's computer.
    const lines = ['p,q,r'];
    for (let i = 0; i < 8000; i++) lines.push(`${i},${(i * 7919) % 1000},${(i * 104729) % 997}`);
    const big = lines.join('\n') + '\n';
    assert.ok(big.length > 65_536);
    await a.page.setInputFiles('#csv-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    await a.page.locator('#csv-load').click();
    await a.page.waitForFunction(() => document.querySelector('som-playground').shadowRoot.querySelector('.csv-import').dataset.state === 'loaded');
    assert.deepEqual((await lessonState(a.page)).dataSource, { kind: 'local', name: 'big.csv' });
    const local = await copyLink(a.page);
    assert.match(local.status, /The file you loaded \(big\.csv\) is too large to travel in the link/);
    assert.doesNotMatch(local.url, /csvz=|csv=/);
    a.assertNoErrors();
    b.assertNoErrors();
  } finally {
    await a.close();
    await b?.close();
  }
});

test('an unknown hide name is named in a note; the rest of the link applies', async () => {
  const app = await open({ root: ROOT, query: '#rows=4&cols=5&hide=params,bogus' });
  try {
    assert.match(await app.page.locator('#error').textContent(), /hides 'bogus'/);
    assert.equal(await app.page.locator('#params-panel').isVisible(), false);
    const { shape } = await lessonState(app.page);
    assert.deepEqual([shape.rows, shape.cols], [4, 5]);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('changing the hash of an open page (e.g. an iframe\'s src) applies the new link', async () => {
  const app = await open({ root: ROOT, query: '#stop=9' });
  const { page } = app;
  try {
    await page.evaluate(() => { location.hash = '#rows=3&cols=2&seed=8&t=5&hide=tour'; });
    await page.waitForFunction(() => {
      const el = document.querySelector('som-playground');
      return el.state?.shape.rows === 3 && el.t === 5;
    });
    await quiet(page);
    const s = await lessonState(page);
    assert.deepEqual([s.shape.cols, s.stop, s.tugRows.length], [2, 0, 0]);
    assert.equal(await page.locator('#tour-panel').isVisible(), false);
    assert.deepEqual((await snapshot(page)).weights, await scratchWeights(page, { rows: 3, cols: 2, seed: 8 }, 5));
    await page.evaluate(() => { location.hash = '#rows=999'; });
    await page.waitForSelector('#error:not([hidden])');
    await quiet(page);
    assert.match(await page.locator('#error').textContent(), /could not be used .*rows.* defaults/);
    assert.equal((await lessonState(page)).shape.rows, 10);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

/** Clicks a Save button; resolves to the download's file name and bytes. */
async function download(page, id) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

const f32 = (x) => new Float32Array([x])[0];

test('export: weights as CSV and JSON match the core, the map as a PNG of the canvas size', async () => {
  const app = await open({ root: ROOT, query: '#rows=3&cols=4&seed=5&t=25' });
  const { page } = app;
  try {
    await settle(page);
    const core = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const canvas = el.shadowRoot.querySelector('[data-testid="map-canvas"]');
      return { weights: Array.from(await el.weights()), dim: el.state.shape.dim, columns: el.state.columns, width: canvas.width, height: canvas.height };
    });
    assert.equal(core.weights.length, 12 * core.dim);

    const csv = await download(page, '#btn-export-csv');
    assert.equal(csv.name, 'som-weights-3x4-t25.csv');
    const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
    assert.equal(lines[0], ['node', 'row', 'col', ...core.columns].join(','));
    assert.equal(lines.length, 1 + 12);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',').map(Number);
      assert.deepEqual(cells.slice(0, 3), [i, Math.floor(i / 4), i % 4]);
      assert.deepEqual(cells.slice(3).map(f32), core.weights.slice(i * core.dim, (i + 1) * core.dim));
    });

    const json = JSON.parse((await download(page, '#btn-export-json')).bytes.toString('utf8'));
    assert.equal(json.length, 12);
    json.forEach((rec, i) => {
      assert.deepEqual([rec.node, rec.row, rec.col], [i, Math.floor(i / 4), i % 4]);
      assert.deepEqual(core.columns.map((c) => f32(rec[c])), core.weights.slice(i * core.dim, (i + 1) * core.dim));
    });

    const png = (await download(page, '#btn-export-png')).bytes;
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [core.width, core.height]);
    assert.match(await statusText(page), /Saved som-map-3x4-t25\.png/);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('export quotes column names that need it, escapes formulas (CSV), keeps JSON keys distinct and __proto__ a column', async () => {
  const app = await open({ root: ROOT, query: '#rows=2&cols=2&seed=2' });
  const { page } = app;
  try {
    const names = ['a,b', 'say "hi"', 'row', '=SUM(A1)', '+x', '-y', '@z', '__proto__'];
    const header = names.map((n) => (/[",]/.test(n) ? `"${n.replace(/"/g, '""')}"` : n)).join(',');
    const body = [0, 1, 2, 3].map((i) => names.map((_, k) => ((i * 7 + k * 3) % 10) / 10).join(',')).join('\n');
    await pasteAndLoad(page, `${header}\n${body}\n`);
    const s = await lessonState(page);
    assert.deepEqual(s.columns, names, 'the core reads the quoted header');
    const weights = await page.evaluate(async () => Array.from(await document.querySelector('som-playground').weights()));

    const csv = (await download(page, '#btn-export-csv')).bytes.toString('utf8').split('\r\n');
    assert.equal(csv[0], 'node,row,col,"a,b","say ""hi""",row_2,\'=SUM(A1),\'+x,\'-y,\'@z,__proto__');
    assert.equal(csv.filter(Boolean).length, 1 + 4);

    const text = (await download(page, '#btn-export-json')).bytes.toString('utf8');
    const json = JSON.parse(text);
    assert.deepEqual(Object.keys(json[0]), ['node', 'row', 'col', 'a,b', 'say "hi"', 'row_2', '=SUM(A1)', '+x', '-y', '@z', '__proto__']);
    json.forEach((rec, i) => {
      assert.ok(Object.hasOwn(rec, '__proto__'), 'a column called __proto__ is an own key');
      assert.equal(f32(rec.__proto__), weights[i * names.length + names.length - 1]);
      assert.equal(f32(rec['=SUM(A1)']), weights[i * names.length + 3], 'JSON keeps the name as it is');
    });
    assert.match(text, /"__proto__": /);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});
