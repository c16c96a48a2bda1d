// The Share / Embed dialog: the link, the <iframe> snippet and the <som-playground> snippet it
// writes, each pasted into a fresh page, open the same state (the same weights, t, tug rows and
// hidden panels).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, browser, closeBrowser, startServer, waitReady } from './harness.mjs';

after(closeBrowser);

/** The state of the first lesson in `frame` (a page or an iframe's frame). */
function lessonState(frame) {
  return frame.evaluate(async () => {
    const el = document.querySelector('som-playground');
    await el.ready;
    const s = el.state;
    const root = el.shadowRoot;
    return {
      t: s.t, tugRows: s.tugRows, rows: s.shape.rows, cols: s.shape.cols,
      weights: Array.from(await el.weights()),
      paramsHidden: root.getElementById('params-panel').hidden,
      layout: el.getAttribute('layout'),
    };
  });
}

test('the link, the iframe and the element snippets open the state on screen', async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'som-share-'));
  fs.cpSync(DIST, path.join(site, 'som'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>course</title><a href="som/index.html">lesson</a>');
  const server = await startServer({ root: site });
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(e.message)));
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}som/index.html#rows=4&cols=5&data=blobs&dataRows=80&seed=3&t=20&tug=1,2`);
    await waitReady(page);
    const original = await lessonState(page);
    assert.equal(original.t, 20);

    await page.click('#btn-share');
    await page.locator('.share-hide input[value="params"]').check();
    await page.selectOption('#share-stop', '0');
    const [link, iframe, element] = await Promise.all(['link', 'iframe', 'element']
      .map((k) => page.locator(`[data-testid="share-${k}"]`).inputValue()));
    assert.match(link, /hide=params/);
    assert.match(iframe, /<iframe src="[^"]+" [^>]*allow="clipboard-write"/);
    assert.match(element, /<script type="module" src="[^"]+som-playground\.js"><\/script>\s*<som-playground layout="full"/);

    const check = (seen, how) => {
      assert.equal(seen.t, original.t, `${how}: t`);
      assert.deepEqual(seen.tugRows, original.tugRows, `${how}: tug rows`);
      assert.deepEqual([seen.rows, seen.cols], [original.rows, original.cols], `${how}: map shape`);
      assert.ok(seen.weights.every((v, i) => Object.is(v, original.weights[i])), `${how}: the same weights bit for bit`);
      assert.equal(seen.paramsHidden, true, `${how}: the parameters panel is hidden`);
    };

    const fresh = await context.newPage();
    await fresh.goto(link);
    await waitReady(fresh);
    check(await lessonState(fresh), 'the link');

    // The course pages: the snippets pasted as they are.
    const course = (body) => `<!doctype html><meta charset="utf-8"><title>notes</title><link rel="icon" href="data:,">\n<h1>Notes</h1>\n${body}\n`;
    fs.writeFileSync(path.join(site, 'iframe.html'), course(iframe));
    fs.writeFileSync(path.join(site, 'element.html'), course(element));

    const withFrame = await context.newPage();
    await withFrame.goto(`${server.url}iframe.html`);
    const frame = await (await withFrame.waitForSelector('iframe')).contentFrame();
    await waitReady(frame);
    check(await lessonState(frame), 'the iframe snippet');

    const withElement = await context.newPage();
    await withElement.goto(`${server.url}element.html`);
    await waitReady(withElement);
    check(await lessonState(withElement), 'the element snippet');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});
