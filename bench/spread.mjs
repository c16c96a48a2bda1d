// Compares two outputs of scripts/bench.sh (e.g. a quiet run and one with the other core busy):
// for every figure found at the same place in both (same table, same row, same column), the two
// values and their spread |a − b| / max(a, b); then the median and worst spread per table.
//
//   bash scripts/bench.sh > quiet.md; (busy loop &) bash scripts/bench.sh > busy.md
//   node bench/spread.mjs quiet.md busy.md
import fs from 'node:fs';

const [fileA, fileB] = process.argv.slice(2);
if (!fileA || !fileB) {
  console.error('usage: node bench/spread.mjs A.md B.md');
  process.exit(2);
}

/** Tables as { title, header, rows: Map(key → cells) }; the title is the prose line before. */
function tables(text) {
  const out = [];
  let title = '';
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (!cur) cur = { title, header: cells, rows: new Map() };
      else if (!cells.every((c) => /^:?-+:?$/.test(c))) cur.rows.set(cur.header[1] === 'dim' ? `${cells[0]}×${cells[1]}` : cells[0], cells);
    } else {
      if (cur) out.push(cur);
      cur = null;
      if (line.trim()) title = line.trim();
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The first number in a cell ("1,234", "12.5 ms", "4.5×", "58 %"), or null. */
function number(cell) {
  const m = String(cell).replace(/\*\*/g, '').match(/^(-?[0-9][0-9,]*(?:\.[0-9]+)?)/);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

const a = tables(fs.readFileSync(fileA, 'utf8'));
const b = tables(fs.readFileSync(fileB, 'utf8'));
const lines = ['| table | row | column | A | B | spread |', '|---|---|---|---:|---:|---:|'];
const summary = [];
for (const [i, ta] of a.entries()) {
  const tb = b[i];
  if (!tb || tb.header.join('|') !== ta.header.join('|')) continue;
  const spreads = [];
  for (const [key, ra] of ta.rows) {
    const rb = tb.rows.get(key);
    if (!rb) continue;
    for (let c = 1; c < ra.length; c++) {
      const x = number(ra[c]);
      const y = number(rb[c]);
      if (x == null || y == null || Math.max(Math.abs(x), Math.abs(y)) === 0) continue;
      const s = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      spreads.push({ s, where: `${key} / ${ta.header[c]}` });
      lines.push(`| ${ta.header[0]} (${ta.title.slice(0, 40)}…) | ${key} | ${ta.header[c]} | ${ra[c]} | ${rb[c]} | ${(100 * s).toFixed(0)} % |`);
    }
  }
  if (spreads.length) {
    const sorted = spreads.map((x) => x.s).sort((p, q) => p - q);
    const worst = spreads.reduce((p, q) => (q.s > p.s ? q : p));
    summary.push(`| ${ta.header[0]}: ${ta.title.slice(0, 60)}${ta.title.length > 60 ? '…' : ''} | ${spreads.length} | ${(100 * sorted[Math.floor((sorted.length - 1) / 2)]).toFixed(0)} % | ${(100 * worst.s).toFixed(0)} % (${worst.where}) |`);
  }
}
console.log(`Spread between ${fileA} (A) and ${fileB} (B), |A − B| / max(A, B):\n`);
console.log(['| table | figures | median spread | worst |', '|---|---:|---:|---|', ...summary].join('\n'));
console.log('');
console.log(lines.join('\n'));
