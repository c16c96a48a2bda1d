// The tug of war: the rows the student chose (each in its colour), a "Pull" button that applies
// their updates in turn, and each row's pull on the selected node, from the core's pull matrix.
import { CATEGORICAL } from '../colors.js';
import { MAX_TUG_ROWS } from '../app.js';
import { fmt } from '../format.js';
import { buttonEl, numberEl } from './form-util.js';

export class TugView {
  constructor(container, app) {
    this.el = container;
    this.el.className = 'tug';
    const heading = document.createElement('h3');
    heading.textContent = 'Tug of war';
    this.hint = document.createElement('p');
    this.hint.className = 'legend';
    this.chips = document.createElement('ul');
    this.chips.className = 'chips';
    this.chips.setAttribute('aria-label', 'Rows in the tug of war');
    const bar = document.createElement('div');
    bar.className = 'buttons';
    this.pull = buttonEl('Pull', () => app.pullChosen(), { id: 'btn-pull', label: 'Pull: apply each chosen row\'s update in turn' });
    this.clear = buttonEl('Clear', () => app.setTug([]), { label: 'Clear: remove every chosen row' });
    // The keyboard's way to choose a row (the pointer's is a click on a data point).
    const add = document.createElement('form');
    add.className = 'tug-add';
    const label = document.createElement('label');
    label.textContent = 'Row ';
    this.rowInput = numberEl('tug-row', { min: 0, step: 1 });
    this.rowInput.id = 'tug-row';
    label.append(this.rowInput);
    const addButton = document.createElement('button');
    addButton.type = 'submit';
    addButton.textContent = 'Add or remove';
    add.append(label, addButton);
    add.addEventListener('submit', (event) => {
      event.preventDefault();
      const row = Number(this.rowInput.value);
      if (this.rowInput.value !== '' && Number.isInteger(row) && row >= 0 && row < app.dataRows) app.toggleTugRow(row);
    });
    bar.append(this.pull, this.clear, add);
    this.pulls = document.createElement('p');
    this.pulls.className = 'formula';
    this.pulls.dataset.testid = 'node-pulls';
    this.el.append(heading, this.hint, this.chips, bar, this.pulls);
    this.app = app;
  }

  render(app) {
    const rows = app.tugRows;
    this.hint.textContent = rows.length < 2
      ? `Click data points in input space, or rows in the data table, to choose two or more rows (up to ${MAX_TUG_ROWS}). Their BMUs pull on the nodes in between like a tug of war.`
      : 'The map mixes the rows\' colours by how hard each row\'s BMU pulls each node. Press Pull to apply their updates in turn.';
    const key = rows.join(',');
    if (key !== this.key) {
      this.key = key;
      this.chips.replaceChildren(...rows.map((row, k) => {
        const li = document.createElement('li');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = CATEGORICAL[k];
        const remove = buttonEl('×', () => app.toggleTugRow(row), { label: `Remove row ${row} from the tug of war` });
        li.append(swatch, `row ${row} `, remove);
        return li;
      }));
    }
    this.rowInput.max = String(app.dataRows - 1);
    this.pull.disabled = rows.length === 0;
    this.clear.disabled = rows.length === 0;
    if (!rows.length) {
      this.pulls.hidden = true;
      return;
    }
    const matrix = app.tugPulls;
    const nodes = app.shape.nodes;
    const parts = rows.map((row, k) => `row ${row}: ${fmt(matrix[k * nodes + app.selected], 4)}`);
    this.pulls.hidden = false;
    this.pulls.textContent = `Pull α·h on node ${app.selected}: ${parts.join(', ')}`;
    this.pulls.dataset.values = rows.map((_, k) => matrix[k * nodes + app.selected]).join(',');
  }
}

