// The element as course-note tools get it: the npm package (`npm pack dist`) unpacked into an
// empty folder and served, and an MkDocs site built with the element on one of its pages. Each
// loads the element and steps it through its public API.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DIST, browser, closeBrowser, startServer, waitReady } from './harness.mjs';

after(closeBrowser);

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'som-pkg-'));

/** Opens `url`, waits for its lessons, steps the first one twice; resolves to { t, errors }. */
async function stepTwice(url) {
  const context = await (await browser()).newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await waitReady(page, { errors });
    const t = await page.evaluate(async () => {
      const el = document.querySelector('som-playground');
      const before = el.t;
      await el.step();
      await el.step();
      return el.t - before;
    });
    return { t, errors };
  } finally {
    await context.close();
  }
}

test('npm pack gives a tarball with the element, its worker and its wasm; unpacked and served, it works', async () => {
  const dir = tmp();
  const out = execFileSync('npm', ['pack', DIST, '--pack-destination', dir, '--json'], { encoding: 'utf8' });
  const [info] = JSON.parse(out);
  assert.equal(info.name, 'som-playground');
  const files = info.files.map((f) => f.path).sort();
  for (const f of ['som-playground.js', 'som-worker.js', 'som_playground.js', 'som_playground_bg.wasm', 'style.css', 'index.html']) {
    assert.ok(files.includes(f), `the tarball holds ${f} (it holds ${files.join(', ')})`);
  }
  const site = path.join(dir, 'site');
  fs.mkdirSync(site);
  execFileSync('tar', ['-xzf', path.join(dir, info.filename), '-C', site]);
  fs.writeFileSync(path.join(site, 'index.html'), `<!doctype html><meta charset="utf-8"><title>notes</title><link rel="icon" href="data:,">
<script type="module" src="package/som-playground.js"></script>
<h1>My course notes</h1><som-playground rows="4" cols="4" layout="compact"></som-playground>`);
  const server = await startServer({ root: site });
  try {
    const { t, errors } = await stepTwice(server.url);
    assert.equal(t, 2, 'two steps on the element from the package');
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});

test('an MkDocs site with the element on one page loads it and steps it', async (t) => {
  try {
    execFileSync('python3', ['-c', 'import mkdocs'], { stdio: 'ignore' });
  } catch {
    assert.fail('MkDocs is missing: scripts/setup.sh installs it (pip install mkdocs)');
  }
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.cpSync(DIST, path.join(dir, 'docs', 'som'), { recursive: true });
  // The recipe of docs/embedding.md, as a teacher would copy it.
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), `site_name: SOM notes
use_directory_urls: false
theme:
  name: mkdocs
  highlightjs: false  # the theme would fetch highlight.js from a CDN; this machine is offline
extra_javascript:
  - path: som/som-playground.js
    type: module
`);
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), `# The radius

Press Step phase until the neighbourhood shows.

<som-playground stop="8" layout="compact"></som-playground>
`);
  execFileSync('python3', ['-m', 'mkdocs', 'build', '--quiet', '--site-dir', 'site'], { cwd: dir });
  const html = fs.readFileSync(path.join(dir, 'site', 'index.html'), 'utf8');
  assert.match(html, /<som-playground stop="8" layout="compact">/, 'MkDocs kept the element');
  assert.match(html, /type="module"[^>]*som-playground\.js|som-playground\.js[^>]*type="module"/, 'and loads the module as a module');
  const server = await startServer({ root: path.join(dir, 'site') });
  try {
    const { t: steps, errors } = await stepTwice(server.url);
    assert.equal(steps, 2);
    assert.deepEqual(errors, []);
  } finally {
    await server.close();
  }
});
