// The data: its shape and columns, a built-in data set picker, the scaling, and a window of rows
// (the row being presented first) with raw and scaled values side by side.
import { extent } from '../colors.js';
import { fmt } from '../format.js';
import { attempt, labelled, numberEl, numberOf, selectEl } from './form-util.js';

const WINDOW = 6;       // rows shown in the table
const MAX_COLUMNS = 12; // data columns shown in the table (the rest are named in the text)
const SCALINGS = [
  ['minMax', 'min–max to [0, 1]'],
  ['zScore', 'z-score (mean 0, sd 1)'],
  ['none', 'none (raw values)'],
];

export class DataPanel {
  constructor(container, app) {
    const names = window.wasmBindings.builtinDataSets();
    this.names = names;
    const bar = document.createElement('div');
    bar.className = 'view-bar data-bar';
    this.dataSelect = selectEl('data-set', names.map((n) => [n, n]));
    this.dataSelect.id = 'd-data-set';
    this.rowsInput = numberEl('data-rows', { min: 1, max: 100000, step: 1 });
    this.rowsInput.id = 'd-data-rows';
    this.scalingSelect = selectEl('scaling', SCALINGS);
    this.scalingSelect.id = 'd-scaling';
    bar.append(
      labelled('Data set', this.dataSelect),
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
    container.append(bar, this.shapeEl, this.columnsEl, this.warning, this.tableWrap, this.caption);

    const load = () => {
      const name = this.dataSelect.value;
      const rows = numberOf(this.rowsInput);
      if (name === 'custom') return;
      // A blank or fractional count keeps the current one (the core clamps it to 1…100 000).
      const count = Number.isInteger(rows) ? Math.max(1, rows) : app.som.dataRows();
      if (!attempt(() => app.som.useBuiltin(name, count))) {
        this.sync(app, true);
        return;
      }
      app.dataChanged();
    };
    this.dataSelect.addEventListener('change', load);
    this.rowsInput.addEventListener('change', load);
    this.scalingSelect.addEventListener('change', () => {
      if (!attempt(() => app.som.setScaling(this.scalingSelect.value))) {
        this.sync(app, true);
        return;
      }
      app.dataChanged();
    });
  }

  /** Puts the controls back to what the core says is in force. */
  sync(app, force) {
    const o = app.options;
    const optionsKey = `${o.data}|${o.dataRows}|${o.scaling}`;
    if (!force && optionsKey === this.optionsKey) return;
    this.optionsKey = optionsKey;
    const custom = o.data === 'custom';
    const choices = custom ? [...this.names, 'custom'] : this.names;
    if (this.dataSelect.options.length !== choices.length) {
      this.dataSelect.replaceChildren(...choices.map((n) => new Option(n === 'custom' ? 'custom (loaded)' : n, n)));
    }
    this.dataSelect.value = o.data;
    this.rowsInput.value = String(app.som.dataRows());
    this.rowsInput.disabled = o.data === 'iris' || custom;
    this.scalingSelect.value = o.scaling;
  }

  render(app) {
    this.sync(app, false);
    const trace = app.trace && app.phase >= 0 ? app.trace : null;
    const row = trace ? trace.row : null;
    if (this.data === app.data && this.row === row) return;
    const dataChanged = this.data !== app.data;
    this.data = app.data;
    this.row = row;
    if (dataChanged) this.describe(app);
    this.table(app, row);
  }

  /** Shape, columns, labels, and the warning when the scaled data leaves [0, 1]. */
  describe(app) {
    const rows = app.som.dataRows();
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
    const rows = app.som.dataRows();
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
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = n === 0 && current != null ? `▶ ${r}` : String(r);
      tr.append(head);
      if (hasLabels) tr.insertCell().textContent = app.labelClasses[app.labels[r]] ?? '';
      for (let k = 0; k < shown; k++) {
        tr.insertCell().textContent = fmt(app.rawData[r * dim + k], 3);
        const scaled = tr.insertCell();
        scaled.className = 'scaled';
        scaled.textContent = fmt(app.data[r * dim + k], 3);
      }
    }
    this.tableWrap.replaceChildren(table);
    let caption = current != null
      ? `Row ${current} is being presented now (highlighted), followed by the next rows in the file. The map sees only the scaled values.`
      : `Rows ${start} to ${Math.min(WINDOW, rows) - 1 + start}. Step a row to see which one is presented. The map sees only the scaled values.`;
    if (dim > shown) caption += ` Only the first ${shown} of ${dim} columns are shown.`;
    this.caption.textContent = caption;
    this.tableWrap.dataset.row = current == null ? '' : String(current);
  }
}
