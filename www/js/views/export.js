// Export: the map's weights as CSV or JSON (one row per node: node, row, col, then one column per
// input named by the data's columns) and the map view as a PNG. Formatting only: the weights,
// the grid's shape and the column names all come from the core.
import { f32Text } from '../number-text.js';
import { buttonEl } from './form-util.js';

export class ExportView {
  constructor(container, app) {
    container.classList.add('export', 'buttons');
    container.setAttribute('role', 'group');
    container.setAttribute('aria-labelledby', 'export-title');
    const title = document.createElement('span');
    title.id = 'export-title';
    title.className = 'export-title';
    title.textContent = 'Save';
    // Every weight, asked of the engine: the snapshots of a large map carry only what is drawn.
    const csv = buttonEl('Weights as CSV', async () => {
      const text = weightsCsv(app, await app.allWeights());
      save(app, new Blob([text], { type: 'text/csv' }), fileName(app, 'weights', 'csv'));
    }, { id: 'btn-export-csv' });
    const json = buttonEl('Weights as JSON', async () => {
      const text = weightsJson(app, await app.allWeights());
      save(app, new Blob([text], { type: 'application/json' }), fileName(app, 'weights', 'json'));
    }, { id: 'btn-export-json' });
    const png = buttonEl('Map as PNG', () => {
      const canvas = app.root.querySelector('[data-testid="map-canvas"]');
      canvas.toBlob((blob) => {
        if (blob) save(app, blob, fileName(app, 'map', 'png'));
        else app.showStatus('The map could not be turned into a PNG.');
      }, 'image/png');
    }, { id: 'btn-export-png' });
    container.append(title, csv, json, png);
  }

  render() {}
}

/** The weights as CSV text: header node,row,col,<columns>; numbers as the shortest f32 text. */
export function weightsCsv(app, weights) {
  const lines = [header(app).map(csvField).join(',')];
  for (const [node, row, col, w] of nodeRows(app, weights)) lines.push([node, row, col, ...w.map(f32Text)].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The weights as JSON: an array of { node, row, col, <column>: weight, … }, one per node. */
export function weightsJson(app, weights) {
  const names = header(app).slice(3);
  const records = nodeRows(app, weights).map(([node, row, col, w]) => {
    // fromEntries defines own properties, so a column called __proto__ stays a column.
    return Object.fromEntries([['node', node], ['row', row], ['col', col], ...names.map((name, k) => [name, Number(f32Text(w[k]))])]);
  });
  return `${JSON.stringify(records, null, 1)}\n`;
}

/**
 * The column names: node, row, col, then the data's columns (a name that repeats one before it,
 * such as a data column called "row", gets a suffix _2, _3, … so JSON keys stay distinct).
 */
function header(app) {
  const names = ['node', 'row', 'col'];
  const dim = app.shape.dim;
  for (let k = 0; k < dim; k++) {
    const base = app.columns[k] ?? `x${k + 1}`;
    let name = base;
    for (let n = 2; names.includes(name); n++) name = `${base}_${n}`;
    names.push(name);
  }
  return names;
}

/** [node, grid row, grid column, its weights] for every node of `weights`, node = row × cols + col. */
function nodeRows(app, weights) {
  const { rows, cols, dim } = app.shape;
  const out = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const node = out.length;
      out.push([node, r, c, Array.from(weights.subarray(node * dim, (node + 1) * dim))]);
    }
  }
  return out;
}

/**
 * A CSV field, quoted (RFC 4180) when it holds a comma, a quote, a line break or edge spaces. A
 * field a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading ' so it
 * opens as text.
 */
export function csvField(text) {
  const s = /^[=+\-@\t\r]/.test(String(text)) ? `'${text}` : String(text);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fileName(app, what, ext) {
  return `som-${what}-${app.shape.rows}x${app.shape.cols}-t${app.t}.${ext}`;
}

/** Starts a download of `blob` as `name` and says so in the status line. */
function save(app, blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.hidden = true;
  app.root.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
  app.showStatus(`Saved ${name}.`);
}

