// The data: built-in data sets as thumbnails, your own CSV, its shape and columns, the scaling,
// and a window of rows (the row being presented first) with raw and scaled values side by side.
// Clicking a row puts it in the tug of war (or takes it out); chosen rows show their tug colour.
import { CATEGORICAL, extent } from '../colors.js';
import { fmt } from '../format.js';
import { labelled, numberEl, numberOf, selectEl } from './form-util.js';
import { DataThumbs } from './data-thumbs.js';
import { CsvImport } from './csv-import.js';

const WINDOW = 6;       // rows shown in the table
const MAX_COLUMNS = 12; // data columns shown in the table (the rest are named in the text)
const SCALINGS = [
  ['minMax', 'min–max to [0, 1]'],
  ['zScore', 'z-score (mean 0, sd 1)'],
  ['none', 'none (raw values)'],
];

export class DataPanel {
  constructor(container, app) {
    this.thumbs = new DataThumbs(app, (name) => this.useBuiltin(app, name));
    this.source = document.createElement('p');
    this.source.className = 'legend';
    this.source.dataset.testid = 'data-source';
    const bar = document.createElement('div');
    bar.className = 'view-bar data-bar';
    this.rowsInput = numberEl('data-rows', { min: 1, max: 100000, step: 1 });
    this.rowsInput.id = 'd-data-rows';
    this.scalingSelect = selectEl('scaling', SCALINGS);
    this.scalingSelect.id = 'd-scaling';
    bar.append(
      labelled('Rows', this.rowsInput),
      labelled('Scaling', this.scalingSelect),
    );
    this.shapeEl = document.createElement('p');
    this.shapeEl.className = 'data-shape';
    this.shapeEl.dataset.testid = 'data-shape';
    this.columnsEl = document.createElement('p');
    this.columnsEl.className = 'legend';
    this.warning = document.createElement('p');
    this.warning.className = 'warning';
    this.warning.hidden = true;
    this.warning.dataset.testid = 'scaling-warning';
    this.tableWrap = document.createElement('div');
    this.tableWrap.className = 'table-wrap';
    this.tableWrap.tabIndex = 0;
    this.tableWrap.setAttribute('role', 'region');
    this.tableWrap.setAttribute('aria-labelledby', 'data-table-caption');
    this.caption = document.createElement('p');
    this.caption.className = 'legend';
    this.caption.id = 'data-table-caption';
    this.csv = new CsvImport(app, container.closest('.panel') ?? container);
    container.append(this.thumbs.el, this.source, bar, this.csv.el, this.shapeEl, this.columnsEl, this.warning, this.tableWrap, this.caption);

    this.rowsInput.addEventListener('change', () => this.useBuiltin(app, app.options.data));
    // Clicking a row (or its button, from the keyboard) toggles it in the tug of war.
    this.tableWrap.addEventListener('click', (e) => {
      const tr = e.target.closest('tr[data-row]');
      if (tr) app.toggleTugRow(Number(tr.dataset.row));
    });
    this.scalingSelect.addEventListener('change', async () => {
      try {
        await app.call('setScaling', { name: this.scalingSelect.value });
      } catch (error) {
        app.showError(error.message);
        this.sync(app, true);
      }
    });
  }

  /** Switches to built-in data set `name` with the row count in the Rows field. */
  async useBuiltin(app, name) {
    if (name === 'custom') return;
    const rows = numberOf(this.rowsInput);
    // A blank or fractional count keeps the current one (the core clamps it to 1…100 000).
    const count = Number.isInteger(rows) ? Math.max(1, rows) : app.dataRows;
    try {
      await app.call('useBuiltin', { name, rows: count });
    } catch (error) {
      app.showError(error.message);
      this.sync(app, true);
      return;
    }
    app.setDataSource({ kind: 'builtin' });
    app.showStatus(`A new ${app.shape.rows}×${app.shape.cols} map, from t = 0, for ${name} (${app.dataRows.toLocaleString('en')} rows).`);
  }

  /** Puts the controls back to what the core says is in force. */
  sync(app, force) {
    const o = app.options;
    const optionsKey = `${o.data}|${o.dataRows}|${o.scaling}|${app.dataSource?.name ?? ''}`;
    if (!force && optionsKey === this.optionsKey) return;
    this.optionsKey = optionsKey;
    const custom = o.data === 'custom';
    this.thumbs.render(app);
    const source = app.dataSource ?? { kind: 'builtin' };
    this.source.textContent = !custom ? `Built-in data set: ${o.data}.`
      : source.name ? `Your data: ${source.name}.` : source.path ? `Your data: ${source.path}.` : 'Your own data.';
    this.rowsInput.value = String(app.dataRows);
    this.rowsInput.disabled = o.data === 'iris' || custom;
    this.scalingSelect.value = o.scaling;
  }

  render(app) {
    this.sync(app, false);
    const trace = app.trace && app.phase >= 0 ? app.trace : null;
    const row = trace ? trace.row : null;
    const tug = app.tugRows.join(',');
    if (this.data === app.data && this.row === row && this.tug === tug) return;
    const dataChanged = this.data !== app.data;
    this.data = app.data;
    this.row = row;
    this.tug = tug;
    if (dataChanged) this.describe(app);
    this.table(app, row);
  }

  /** Shape, columns, labels, and the warning when the scaled data leaves [0, 1]. */
  describe(app) {
    const rows = app.dataRows;
    const { dim } = app.shape;
    this.shapeEl.textContent = `${rows} rows × ${dim} column${dim === 1 ? '' : 's'}: each row is a point in ${dim}-dimensional input space.`;
    let text = `Columns: ${app.columns.join(', ')}.`;
    if (app.labelClasses.length) text += ` Labels (not used for training): ${app.labelClasses.join(', ')}.`;
    this.columnsEl.textContent = text;
    const [lo, hi] = extent(app.data);
    const outside = lo < 0 || hi > 1;
    this.warning.hidden = !outside;
    this.warning.textContent = outside
      ? `The scaled data runs from ${fmt(lo, 2)} to ${fmt(hi, 2)}, outside [0, 1]. The weights start near zero and the views assume [0, 1]; min–max scaling puts every column in [0, 1] so no column outweighs the others in the distance.`
      : '';
  }

  /** The window of rows: the one being presented first (highlighted), then the next ones. */
  table(app, current) {
    const rows = app.dataRows;
    const { dim } = app.shape;
    const shown = Math.min(dim, MAX_COLUMNS);
    const hasLabels = app.labelClasses.length > 0 && app.labels.length === rows;
    const start = current ?? 0;
    const table = document.createElement('table');
    table.dataset.testid = 'data-table';
    const head = table.createTHead();
    const h1 = head.insertRow();
    const h2 = head.insertRow();
    const th = (tr, text, attrs = {}) => {
      const cell = document.createElement('th');
      cell.textContent = text;
      for (const [k, v] of Object.entries(attrs)) cell.setAttribute(k, v);
      tr.append(cell);
      return cell;
    };
    th(h1, 'row', { rowspan: '2', scope: 'col' });
    if (hasLabels) th(h1, 'label', { rowspan: '2', scope: 'col' });
    for (let k = 0; k < shown; k++) {
      th(h1, app.columns[k], { colspan: '2', scope: 'colgroup' });
      th(h2, 'raw', { scope: 'col' });
      th(h2, 'scaled', { scope: 'col', class: 'scaled' });
    }
    const body = table.createTBody();
    for (let n = 0; n < Math.min(WINDOW, rows); n++) {
      const r = (start + n) % rows;
      const tr = body.insertRow();
      if (n === 0 && current != null) {
        tr.className = 'current-row';
        tr.setAttribute('aria-current', 'true');
      }
      tr.dataset.row = String(r);
      const tugIndex = app.tugRows.indexOf(r);
      if (tugIndex >= 0) {
        tr.classList.add('tug-row');
        tr.style.setProperty('--tug', CATEGORICAL[tugIndex % CATEGORICAL.length]);
      }
      const head = document.createElement('th');
      head.scope = 'row';
      const pick = document.createElement('button');
      pick.type = 'button';
      pick.className = 'row-pick';
      pick.textContent = n === 0 && current != null ? `▶ ${r}` : String(r);
      pick.setAttribute('aria-pressed', String(tugIndex >= 0));
      pick.setAttribute('aria-label', `Row ${r} in the tug of war`);
      head.append(pick);
      tr.append(head);
      if (hasLabels) tr.insertCell().textContent = app.labelClasses[app.labels[r]] ?? '';
      for (let k = 0; k < shown; k++) {
        tr.insertCell().textContent = fmt(app.rawData[r * dim + k], 3);
        const scaled = tr.insertCell();
        scaled.className = 'scaled';
        scaled.textContent = fmt(app.data[r * dim + k], 3);
      }
    }
    // A rebuilt table keeps the keyboard where it was: on the same row's button.
    const focused = this.tableWrap.getRootNode().activeElement?.closest?.('tr[data-row]');
    const inTable = focused && this.tableWrap.contains(focused);
    this.tableWrap.replaceChildren(table);
    if (inTable) table.querySelector(`tr[data-row="${focused.dataset.row}"] .row-pick`)?.focus();
    let caption = current != null
      ? `Row ${current} is being presented now (highlighted), followed by the next rows in the file. The map sees only the scaled values.`
      : `Rows ${start} to ${Math.min(WINDOW, rows) - 1 + start}. Step a row to see which one is presented. The map sees only the scaled values.`;
    caption += ' Click a row to add it to the tug of war, or to take it out.';
    if (dim > shown) caption += ` Only the first ${shown} of ${dim} columns are shown.`;
    this.caption.textContent = caption;
    this.tableWrap.dataset.row = current == null ? '' : String(current);
  }
}
