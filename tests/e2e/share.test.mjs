// Sharing, embedding and export: a copied link reproduces the map step for step; bad links fall
// back to the defaults with a note; a teacher's CSV beside the page, a tour stop and hidden
// panels work inside an <iframe>; the weights download as CSV and JSON and the map as a PNG.
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

/** Resolves after the page (or frame) has drawn its next two frames (views redraw on rAF). */
const drawn = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The state a link should reproduce. */
function snapshot(page) {
  return page.evaluate(() => ({
    weights: Array.from(window.app.som.weights()),
    t: window.app.som.t(),
    phase: window.app.phase,
    tug: [...window.app.tugRows],
    selected: window.app.selected,
    stop: window.app.tour.index,
    rows: window.app.som.rows(),
    cols: window.app.som.cols(),
  }));
}

/** The same clicks on two pages. */
async function clickBoth(pages, ids) {
  for (const id of ids) {
    for (const page of pages) {
      await page.click(id);
      await page.evaluate(() => new Promise(requestAnimationFrame));
    }
  }
}

async function copyLink(page) {
  await page.click('#btn-link');
  await page.waitForFunction(() => /^Link/.test(document.getElementById('status').textContent));
  return { url: page.url(), status: await page.locator('#status').textContent() };
}

test('Copy link reproduces the map step for step, with pulls, a half-shown step and extra steps', async () => {
  const a = await openApp({ root: ROOT });
  let b;
  try {
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: a.server.origin });
    await a.page.evaluate(() => window.app.build({ rows: 5, cols: 6, data: 'blobs', dataRows: 80, seed: 7, topology: 'hexagonal', sigma: 2.5, learningRate: 0.3 }));
    await clickBoth([a.page], ['#btn-epoch', '#btn-row', '#btn-row']);
    await a.page.evaluate(() => window.app.setTug([2, 9]));
    await clickBoth([a.page], ['#btn-pull', '#btn-row', '#btn-phase', '#btn-phase']);
    await a.page.evaluate(() => window.app.select(7));
    const { url, status } = await copyLink(a.page);
    assert.match(status, /reproduces this map step for step/);
    assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), url, 'the clipboard holds the link');
    assert.match(url, /pull=\d+:2\.9/);
    assert.match(url, /phase=distances/);

    b = await openApp({ root: ROOT, query: new URL(url).hash });
    assert.deepEqual(await snapshot(b.page), await snapshot(a.page));
    assert.equal(await b.page.locator('#error').isVisible(), false);
    await clickBoth([a.page, b.page], ['#btn-phase', '#btn-phase', '#btn-phase', '#btn-row', '#btn-row', '#btn-epoch', '#btn-pull']);
    const [sa, sb] = [await snapshot(a.page), await snapshot(b.page)];
    assert.ok(sa.t > 0);
    assert.deepEqual(sb, sa, 'the same weights after the same extra steps');
    a.assertNoErrors();
    b.assertNoErrors();
  } finally {
    await a.close();
    await b?.close();
  }
});

test('a link with tug rows and a tour stop reproduces them', async () => {
  const a = await openApp({ root: ROOT, query: '#stop=9' });
  let b;
  let c;
  try {
    const at9 = await snapshot(a.page);
    assert.equal(at9.stop, 8);
    assert.equal(at9.tug.length, 2);
    const { url, status } = await copyLink(a.page);
    assert.match(status, /reproduces/);
    assert.match(url, /stop=9/);
    b = await openApp({ root: ROOT, query: new URL(url).hash });
    await drawn(b.page);
    assert.deepEqual(await snapshot(b.page), at9);
    assert.equal(await b.page.locator('[data-testid="tour-title"]').textContent(), await a.page.locator('[data-testid="tour-title"]').textContent());
    assert.equal(await b.page.evaluate(() => window.app.mapView.mode), 'pull');

    c = await openApp({ root: ROOT, query: '#rows=4&cols=4&seed=3&t=40&tug=1,4,7' });
    const sc = await snapshot(c.page);
    assert.deepEqual(sc.tug, [1, 4, 7]);
    assert.equal(sc.t, 40);
    const expected = await c.page.evaluate(() => {
      const som = new window.wasmBindings.Som({ rows: 4, cols: 4, seed: 3 });
      som.train(40);
      const w = Array.from(som.weights());
      som.free();
      return w;
    });
    assert.deepEqual(sc.weights, expected);
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
    const app = await openApp({ root: ROOT, query: hash });
    try {
      await app.page.waitForSelector('#error:not([hidden])', { timeout: 5000 });
      const note = await app.page.locator('#error').textContent();
      assert.match(note, /could not be used .* defaults/, `${hash}: ${note}`);
      const got = await snapshot(app.page);
      const expected = await app.page.evaluate((o) => {
        const som = new window.wasmBindings.Som(o);
        const w = Array.from(som.weights());
        som.free();
        return w;
      }, DEFAULT_OPTIONS);
      assert.deepEqual({ rows: got.rows, cols: got.cols, t: got.t, stop: got.stop, tug: got.tug }, { rows: 10, cols: 10, t: 0, stop: -1, tug: [] }, hash);
      assert.deepEqual(got.weights, expected, `${hash}: the default map`);
      // The map still works.
      await app.page.click('#btn-row');
      await app.page.waitForFunction(() => window.app.som.t() === 1);
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
  const direct = await openApp({ root: site.dir, query: hash });
  try {
    await drawn(direct.page);
    const s = await direct.page.evaluate(() => ({
      rows: window.app.som.rows(), cols: window.app.som.cols(), columns: window.app.columns,
      dataRows: window.app.som.dataRows(), stop: window.app.tour.index, mode: window.app.mapView.mode, tug: window.app.tugRows.length,
    }));
    assert.deepEqual(s, { rows: 3, cols: 3, columns: ['sweetness', 'acidity', 'crunch'], dataRows: 30, stop: 8, mode: 'pull', tug: 2 });
    assert.equal(await direct.page.locator('#params-panel').isVisible(), false);
    assert.equal(await direct.page.locator('#data-panel').isVisible(), true);
    // A link copied here keeps the CSV path.
    const { url } = await copyLink(direct.page);
    assert.match(url, /csv=my-data\.csv/);
    assert.doesNotMatch(url, /data=/);
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
      await drawn(inner);
      const state = await inner.evaluate(() => {
        const app = window.app;
        const canvas = document.querySelector('[data-testid="map-canvas"]');
        const ctx = canvas.getContext('2d');
        const scale = canvas.width / canvas.getBoundingClientRect().width;
        // The colour at the centre of each tug row's BMU cell.
        const colours = app.tugBmus().map((node) => {
          const [x, y] = app.mapView.geometry.centre(node);
          return Array.from(ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data.slice(0, 3));
        });
        return { mode: app.mapView.mode, tug: app.tugRows.length, colours, scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
      });
      assert.equal(state.mode, 'pull');
      assert.equal(state.tug, 2);
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
  const probe = await openApp({ root: site.dir });
  const names = await probe.page.evaluate(() => [...new Set([...document.querySelectorAll('[data-hide]')].map((e) => e.dataset.hide))]);
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

test('a small CSV travels inside the link (csvz); a large one is named as not in the link', async () => {
  const a = await openApp({ root: ROOT });
  let b;
  try {
    const csv = 'height,weight,age\n1.5,60,30\n1.7,72,41\n1.8,80,25\n1.6,55,33\n1.9,90,50\n';
    const out = await a.page.evaluate(async (text) => {
      const { csvSource } = await import('./js/url-state.js');
      const small = await csvSource(text, 'small.csv');
      const big = await csvSource(Array.from({ length: 4000 }, (_, i) => `${i},${(i * 7919) % 1000},${(i * 104729) % 997}`).join('\n'), 'big.csv');
      window.app.som.loadCsv(text);
      window.app.dataSource = small;
      window.app.build({ rows: 2, cols: 3, seed: 9, data: 'custom' });
      window.app.train(7);
      return { small: small.kind, big: big.kind };
    }, csv);
    assert.deepEqual(out, { small: 'inline', big: 'local' });
    const { url, status } = await copyLink(a.page);
    assert.match(url, /csvz=/);
    assert.match(status, /reproduces/);
    b = await openApp({ root: ROOT, query: new URL(url).hash });
    assert.deepEqual(await b.page.evaluate(() => window.app.columns), ['height', 'weight', 'age']);
    assert.deepEqual(await snapshot(b.page), await snapshot(a.page));

    await a.page.evaluate(() => { window.app.dataSource = { kind: 'local', name: 'big.csv' }; });
    const local = await copyLink(a.page);
    assert.match(local.status, /too large to travel in the link/);
    assert.doesNotMatch(local.url, /csvz=|csv=/);
    a.assertNoErrors();
    b.assertNoErrors();
  } finally {
    await a.close();
    await b?.close();
  }
});

test('an unknown hide name is named in a note; the rest of the link applies', async () => {
  const app = await openApp({ root: ROOT, query: '#rows=4&cols=5&hide=params,bogus' });
  try {
    assert.match(await app.page.locator('#error').textContent(), /hides bogus/);
    assert.equal(await app.page.locator('#params-panel').isVisible(), false);
    assert.deepEqual(await app.page.evaluate(() => [window.app.som.rows(), window.app.som.cols()]), [4, 5]);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('changing the hash of an open page (e.g. an iframe\'s src) applies the new link', async () => {
  const app = await openApp({ root: ROOT, query: '#stop=9' });
  const { page } = app;
  try {
    await page.evaluate(() => { location.hash = '#rows=3&cols=2&seed=8&t=5&hide=tour'; });
    await page.waitForFunction(() => window.app.som.rows() === 3 && window.app.som.t() === 5);
    assert.deepEqual(await page.evaluate(() => [window.app.tour.index, window.app.tugRows.length]), [-1, 0]);
    assert.equal(await page.locator('#tour-panel').isVisible(), false);
    await page.evaluate(() => { location.hash = '#rows=999'; });
    await page.waitForSelector('#error:not([hidden])');
    assert.equal(await page.evaluate(() => window.app.som.rows()), 10);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('export: weights as CSV and JSON match the core, the map as a PNG of the canvas size', async () => {
  const app = await openApp({ root: ROOT, query: '#rows=3&cols=4&seed=5&t=25' });
  const { page } = app;
  try {
    const core = await page.evaluate(() => ({
      weights: Array.from(window.app.som.weights()), dim: window.app.som.dim(), columns: window.app.columns,
      width: document.querySelector('[data-testid="map-canvas"]').width, height: document.querySelector('[data-testid="map-canvas"]').height,
    }));
    const read = async (id) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
      return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
    };
    const f32 = (x) => new Float32Array([x])[0];

    const csv = await read('#btn-export-csv');
    assert.match(csv.name, /\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
    assert.equal(lines[0], ['node', 'row', 'col', ...core.columns].join(','));
    assert.equal(lines.length, 1 + 12);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',').map(Number);
      assert.deepEqual(cells.slice(0, 3), [i, Math.floor(i / 4), i % 4]);
      assert.deepEqual(cells.slice(3).map(f32), core.weights.slice(i * core.dim, (i + 1) * core.dim));
    });

    const json = JSON.parse((await read('#btn-export-json')).bytes.toString('utf8'));
    assert.equal(json.length, 12);
    json.forEach((rec, i) => {
      assert.deepEqual([rec.node, rec.row, rec.col], [i, Math.floor(i / 4), i % 4]);
      assert.deepEqual(core.columns.map((c) => f32(rec[c])), core.weights.slice(i * core.dim, (i + 1) * core.dim));
    });

    const png = (await read('#btn-export-png')).bytes;
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [core.width, core.height]);
    app.assertNoErrors();
  } finally {
    await app.close();
  }
});

test('export quotes column names that need it (CSV) and keeps JSON keys distinct', async () => {
  const app = await openApp({ root: ROOT });
  try {
    const out = await app.page.evaluate(async () => {
      const { weightsCsv, weightsJson } = await import('./js/views/export.js');
      const fake = { som: window.app.som, columns: ['a,b', 'say "hi"', 'row'] };
      window.app.build({ rows: 2, cols: 2, data: 'rgb', seed: 2 });
      fake.som = window.app.som;
      return { csv: weightsCsv(fake).split('\r\n')[0], keys: Object.keys(JSON.parse(weightsJson(fake))[0]) };
    });
    assert.equal(out.csv, 'node,row,col,"a,b","say ""hi""",row_2');
    assert.deepEqual(out.keys, ['node', 'row', 'col', 'a,b', 'say "hi"', 'row_2']);
  } finally {
    await app.close();
  }
});
