// Browser-test harness for the built page (dist/): a static server in this process, Debian's
// Chromium driven by playwright-core (never a downloaded browser), and a page wrapper that fails
// the test on any console error or uncaught page error.
//
//   const app = await openApp({ base: '/course/som/' });   // serves dist/ under that sub-path
//   await app.page.click('#btn-row');
//   app.assertNoErrors();
//   await app.close();
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// E2E_DIST points the tests at another build (e.g. a copy of dist/ elsewhere).
export const DIST = process.env.E2E_DIST || path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
  '--disable-background-networking', '--disable-component-update',
];
export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 360, height: 800 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` under the URL path `base` (e.g. '/' or '/course/som/') on 127.0.0.1 and a free
 * port. Resolves to { url, origin, port, requests, close }; `url` is the page's address and
 * `requests` lists every path asked for with its status.
 */
export async function startServer({ root = DIST, base = '/' } = {}) {
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`bash scripts/build.sh\` first`);
  }
  const requests = [];
  const server = http.createServer((req, res) => {
    const send = (status, body, headers = {}) => {
      requests.push({ path: req.url, status });
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(body);
    };
    const url = new URL(req.url, 'http://localhost');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(400, 'bad path');
    }
    if (pathname + '/' === base) return send(301, '', { Location: base + url.search });
    if (!pathname.startsWith(base)) return send(404, 'not found', { 'Content-Type': 'text/plain' });
    let file = path.join(root, pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      send(200, req.method === 'HEAD' ? undefined : body, { 'Content-Type': type });
    } catch {
      send(404, 'not found', { 'Content-Type': 'text/plain' });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    port,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

let shared = null;

/** One Chromium per test process, launched on first use (see closeBrowser). */
export async function browser() {
  if (!shared) {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (apt-get install chromium)`);
    }
    shared = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }
  return shared;
}

export async function closeBrowser() {
  if (shared) {
    const b = await shared;
    shared = null;
    await b.close();
  }
}

/**
 * Collects, as strings, every console error, uncaught exception, failed request and HTTP error
 * `page` reports from now on; returns the array it fills.
 */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url || 'no url'})`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack || err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return errors;
}

/**
 * Opens the built page in a fresh browser context and waits until its lesson says it is ready
 * (`<som-playground data-ready="true">`, set once the engine built its first map).
 *
 * Options: base (URL sub-path dist/ is served under), query (e.g. '?rows=5'), viewport,
 * ready (false to skip the wait), timeout (ms).
 * Resolves to { page, context, server, url, errors, assertNoErrors(), screenshot(name), close() }.
 * `errors` collects console errors, uncaught exceptions and failed requests as strings.
 */
export async function openApp({ base = '/', query = '', viewport = DESKTOP, ready = true, timeout = 20_000, root = DIST } = {}) {
  const server = await startServer({ root, base });
  const context = await (await browser()).newContext({ viewport });
  const page = await context.newPage();
  const errors = collectErrors(page);
  const url = server.url + query;
  const app = {
    page,
    context,
    server,
    url,
    errors,
    assertNoErrors() {
      if (errors.length) throw new Error(`the page reported ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
    },
    async screenshot(name, options = {}) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, name.endsWith('.png') ? name : `${name}.png`);
      await page.screenshot({ path: file, ...options });
      return file;
    },
    async close() {
      await context.close().catch(() => {});
      await server.close();
    },
  };
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
    if (ready) await waitReady(page, { timeout, errors });
  } catch (e) {
    await app.close();
    throw e;
  }
  return app;
}

/**
 * Waits until every <som-playground> on the page is ready (`data-ready="true"`); a timeout lists
 * the errors seen so far.
 */
export async function waitReady(page, { timeout = 20_000, errors = [] } = {}) {
  try {
    await page.waitForFunction(() => {
      const all = [...document.querySelectorAll('som-playground')];
      return all.length > 0 && all.every((el) => el.dataset.ready === 'true');
    }, null, { timeout });
  } catch (e) {
    const seen = errors.length ? `\n  ${errors.join('\n  ')}` : ' none';
    throw new Error(`the lesson did not become ready within ${timeout} ms (som-playground[data-ready] never "true"); errors seen:${seen}`);
  }
}

/**
 * Waits until every command sent to the page's first lesson engine so far has run and its
 * snapshot is drawn (the engine answers in order, so a weights() call answered means the ones
 * before it are done).
 */
export const settle = (page) => page.evaluate(async () => {
  await document.querySelector('som-playground').weights();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
});

/** The first lesson's public state (el.state), once settled. */
export async function lessonState(page) {
  await settle(page);
  return page.evaluate(() => document.querySelector('som-playground').state);
}

/** openApp, then waits for the engine to have run everything the link asked for. */
export async function openSettled(options) {
  const app = await openApp(options);
  await settle(app.page);
  return app;
}

/** The text of the element with data-testid `id`, trimmed. */
export async function testid(page, id) {
  return (await page.locator(`[data-testid="${id}"]`).first().textContent())?.trim() ?? '';
}

/** Every number in a text such as "0.1234, 0.5678, 0.9012" or "[0.1234 0.5678]". */
export function numbers(text) {
  return (text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) || []).map(Number);
}
