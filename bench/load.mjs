// The page's load, for bench/run.mjs and on its own: a static server that sends gzip -9 like a
// real host, navigation → interactive (the first map drawn) in fresh browser contexts, on
// localhost and on throttled "school Wi-Fi", and the gzipped size of every file. It prints
// figures and asserts nothing.
//
//   node bench/load.mjs DIST        the load part of the benchmark alone, on a built dist/
//                                   (scripts/bench.sh runs it for BENCH_ONLY=load)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

/** Loads per network profile (the best and the median are printed). */
export const LOADS = 3;
/** "School Wi-Fi": Chromium's network emulation, 1.5 Mbit/s down, 0.75 up, 150 ms round trip. */
export const WIFI = { offline: false, latency: 150, downloadThroughput: (1.5e6 / 8), uploadThroughput: (0.75e6 / 8) };
/** The element once its first map is drawn. */
export const READY = 'som-playground[data-ready="true"]';

// ---- a static server that compresses like a real host -------------------------------------------
// GitHub Pages, Netlify and most course platforms send text and wasm gzipped; so does this server
// (gzip -9, when the browser accepts it), so the throttled load moves the bytes a student's would.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };
const gzCache = new Map();
export function serve(root) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(root)) return res.writeHead(403).end();
      try {
        if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
        let body = fs.readFileSync(file);
        const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' };
        if (/\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
          if (!gzCache.has(file)) gzCache.set(file, zlib.gzipSync(body, { level: 9 }));
          body = gzCache.get(file);
          headers['Content-Encoding'] = 'gzip';
        }
        res.writeHead(200, headers);
        res.end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// ---- the real page: navigation → interactive ----------------------------------------------------
/**
 * Milliseconds from navigation start to som-playground[data-ready], LOADS times, of the page
 * `base`index.html (`base` a URL ending in /); `network` throttles. Also the files it loaded,
 * relative to `base`.
 */
export async function timeToInteractive(browser, base, network = null) {
  const times = [];
  const files = new Set();
  for (let r = 0; r < LOADS; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      new MutationObserver((_, obs) => {
        const el = document.querySelector('som-playground');
        if (el && el.dataset.ready === 'true') {
          window.__readyAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
    });
    context.on('request', (req) => files.add(new URL(req.url()).pathname));
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    await page.goto(`${base}index.html`);
    await page.waitForSelector(READY, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__readyAt));
    await context.close();
  }
  const prefix = new URL(base).pathname;
  return { times, files: [...files].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length) || 'index.html') };
}

/** Raw and gzip -9 bytes of every file in the built page. */
export function gzipSizes(dist) {
  return fs.readdirSync(dist, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const file = path.join(d.parentPath ?? d.path, d.name);
      const body = fs.readFileSync(file);
      return { name: path.relative(dist, file), raw: body.length, gz: zlib.gzipSync(body, { level: 9 }).length };
    })
    .sort((a, b) => b.gz - a.gz);
}


// ---- on its own: node bench/load.mjs DIST -------------------------------------------------------
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] || 'dist');
  const { server, origin } = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const sorted = (v) => [...v].sort((a, b) => a - b);
  try {
    const local = await timeToInteractive(browser, `${origin}/`);
    const wifi = await timeToInteractive(browser, `${origin}/`, WIFI);
    const sizes = gzipSizes(dist);
    const loaded = sizes.filter((f) => local.files.includes(f.name));
    console.log('| file | gzipped | raw | loaded by index.html |\n|---|---:|---:|---|');
    for (const f of sizes) console.log(`| ${f.name} | ${kb(f.gz)} | ${kb(f.raw)} | ${local.files.includes(f.name) ? 'yes' : ''} |`);
    console.log(`| **the ${loaded.length} files index.html loads** | **${kb(loaded.reduce((s, f) => s + f.gz, 0))}** | ${kb(loaded.reduce((s, f) => s + f.raw, 0))} | |\n`);
    console.log(`| network | best | median | all ${LOADS} |\n|---|---:|---:|---|`);
    for (const [name, r] of [['localhost', local], ['"school Wi-Fi"', wifi]]) {
      const t = sorted(r.times);
      console.log(`| ${name} | ${t[0].toFixed(0)} ms | ${t[(t.length - 1) >> 1].toFixed(0)} ms | ${t.map((v) => v.toFixed(0)).join(', ')} ms |`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}
