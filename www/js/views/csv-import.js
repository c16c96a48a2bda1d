// Loading your own CSV: a file picker, drag and drop onto the data panel, and a paste box. The
// text goes to the engine's reader (in the Worker) in chunks cut at line ends, ~0.5 MB each, with
// a progress bar; the page's thread only slices text, so a large file never freezes it. The core then
// describes the columns; the student picks features, a label and the scaling, and presses Load.
// Any error is the core's message (line and column named) and changes nothing. Column names are
// text from a file: they only ever go into textContent.
import { INLINE_CSV_LIMIT, pack } from '../url-state.js';
import { labelled, selectEl } from './form-util.js';

/** Characters per chunk handed to the engine (the cut moves on to the next line end). */
export const CHUNK_CHARS = 1 << 19;
/** Texts up to this many characters are tried for packing into a link. */
const PACK_TRY_CHARS = 64 * 1024;
const SCALINGS = [
  ['minMax', 'min–max to [0, 1]'],
  ['zScore', 'z-score (mean 0, sd 1)'],
  ['none', 'none (raw values)'],
];

export class CsvImport {
  /** `dropZone`: the element files can be dropped on (the data panel). */
  constructor(app, dropZone) {
    this.app = app;
    this.el = document.createElement('div');
    this.el.className = 'csv-import';
    const heading = document.createElement('h3');
    heading.textContent = 'Your own data (CSV)';

    this.fileInput = document.createElement('input');
    this.fileInput.type = 'file';
    this.fileInput.accept = '.csv,text/csv';
    this.fileInput.id = 'csv-file';
    this.fileInput.dataset.testid = 'csv-file';
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files[0];
      this.fileInput.value = '';
      if (file) this.fromFile(file);
    });
    const fileRow = document.createElement('p');
    fileRow.className = 'csv-file-row';
    const dropHint = document.createElement('span');
    dropHint.className = 'legend';
    dropHint.textContent = ' or drop a CSV file anywhere on this panel.';
    fileRow.append(labelled('Choose a CSV file', this.fileInput), dropHint);

    this.paste = document.createElement('textarea');
    this.paste.id = 'csv-paste';
    this.paste.rows = 3;
    this.paste.placeholder = 'x,y,label\n0.1,0.2,a\n0.8,0.9,b';
    this.paste.spellcheck = false;
    this.pasteButton = document.createElement('button');
    this.pasteButton.type = 'button';
    this.pasteButton.id = 'csv-paste-load';
    this.pasteButton.textContent = 'Read pasted text';
    this.pasteButton.addEventListener('click', () => this.fromText(this.paste.value, 'pasted text'));
    const pasteRow = document.createElement('div');
    pasteRow.className = 'csv-paste-row';
    pasteRow.append(labelled('…or paste CSV text', this.paste), this.pasteButton);

    this.progress = document.createElement('progress');
    this.progress.id = 'csv-progress';
    this.progress.hidden = true;
    this.progressText = document.createElement('p');
    this.progressText.className = 'legend';
    this.progressText.setAttribute('aria-live', 'polite');
    this.progress.setAttribute('aria-label', 'Reading the CSV file');

    this.form = document.createElement('form');
    this.form.className = 'csv-form';
    this.form.hidden = true;
    this.form.dataset.testid = 'csv-form';
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.load();
    });
    // The page's error line (#error) is at the top; a copy here is seen where the file was chosen.
    this.errorEl = document.createElement('p');
    this.errorEl.className = 'error csv-error';
    this.errorEl.dataset.testid = 'csv-error';
    this.errorEl.hidden = true;
    this.el.append(heading, fileRow, pasteRow, this.progress, this.progressText, this.errorEl, this.form);
    this.listenForDrops(dropZone);
  }

  listenForDrops(zone) {
    const over = (e) => {
      e.preventDefault();
      zone.classList.add('drop-target');
    };
    zone.addEventListener('dragenter', over);
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', (e) => {
      if (!zone.contains(e.relatedTarget)) zone.classList.remove('drop-target');
    });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('drop-target');
      const file = e.dataTransfer?.files?.[0];
      if (file) this.fromFile(file);
      else {
        const text = e.dataTransfer?.getData('text/plain');
        if (text) this.fromText(text, 'dropped text');
      }
    });
  }

  /** Reads a File: its size is checked by the core before a byte is read. */
  async fromFile(file) {
    if (!(await this.start(file.size))) return;
    const job = this.job;
    let text;
    try {
      text = await file.text();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (job === this.job) await this.read(text, file.name);
  }

  async fromText(text, name) {
    if (await this.start(new Blob([text]).size)) await this.read(text, name);
  }

  /** A fresh loader in the engine for `bytes` bytes, dropping any load in progress; false (error shown) if too big. */
  async start(bytes) {
    this.cancel();
    this.showError('');
    this.bytes = bytes;
    try {
      await this.app.call('csvStart', { bytes });
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /** Forgets a load in progress or a form not yet used. */
  cancel() {
    this.job = (this.job ?? 0) + 1;
    if (this.pending) this.app.act('csvCancel');
    this.pending = null;
    this.form.hidden = true;
    this.form.replaceChildren();
    this.progress.hidden = true;
  }

  /** Hands `text` to the engine's reader chunk by chunk, then shows the column form. */
  async read(text, name) {
    const app = this.app;
    const job = this.job;
    const started = performance.now();
    this.progress.hidden = false;
    this.progress.max = Math.max(1, this.bytes);
    this.progress.value = 0;
    this.el.dataset.state = 'reading';
    let longest = 0; // the longest single call into the core, for the tests' report
    try {
      for (let pos = 0; pos < text.length;) {
        let end = Math.min(text.length, pos + CHUNK_CHARS);
        if (end < text.length) {
          const eol = text.indexOf('\n', end);
          end = eol < 0 ? text.length : eol + 1;
        }
        const t0 = performance.now();
        const read = await app.call('csvPush', { text: text.slice(pos, end) });
        longest = Math.max(longest, performance.now() - t0);
        pos = end;
        if (job !== this.job) return;
        this.progress.value = read.bytes;
        this.progressText.textContent = `Reading ${name}: ${read.records.toLocaleString('en')} records so far…`;
      }
      const t0 = performance.now();
      const info = await app.call('csvInfo');
      if (job !== this.job) return;
      longest = Math.max(longest, performance.now() - t0);
      this.el.dataset.readMs = String(Math.round(performance.now() - started));
      this.el.dataset.longestCallMs = String(Math.round(longest));
      this.progress.hidden = true;
      this.progressText.textContent = '';
      this.pending = { info, name, text };
      this.showForm(info, name);
      this.el.dataset.state = 'form';
    } catch (error) {
      if (job === this.job) this.fail(error);
    }
  }

  /** Shows the core's message; nothing else changes. */
  fail(error) {
    this.app.act('csvCancel');
    this.progress.hidden = true;
    this.progressText.textContent = '';
    this.el.dataset.state = 'error';
    this.showError(error && error.message ? error.message : String(error));
  }

  /** The message in the page's error line and beside the import controls; '' clears both. */
  showError(text) {
    this.app.showError(text);
    this.errorEl.textContent = text;
    this.errorEl.hidden = !text;
  }

  /** Feature checkboxes, label choice, scaling, a preview and the Load button. */
  showForm(info, name) {
    const { headers, numeric, rows, preview } = info;
    const summary = document.createElement('p');
    summary.className = 'data-shape';
    summary.textContent = `${name}: ${rows.toLocaleString('en')} rows, ${headers.length} columns${info.hasHeader ? ' (first line is a header)' : ''}.`;

    const features = document.createElement('fieldset');
    features.className = 'csv-columns';
    const legend = document.createElement('legend');
    legend.textContent = 'Features: the columns the map learns from';
    features.append(legend);
    this.checks = headers.map((header, k) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = String(k);
      box.checked = numeric[k];
      const label = document.createElement('label');
      label.className = 'field check';
      const span = document.createElement('span');
      span.textContent = numeric[k] ? header : `${header} (text)`;
      label.append(span, box);
      features.append(label);
      return box;
    });
    const firstText = numeric.indexOf(false);
    this.labelSelect = selectEl('csv-label', [['-1', '(none)'], ...headers.map((h, k) => [String(k), h])]);
    this.labelSelect.value = String(firstText);
    this.scalingSelect = selectEl('csv-scaling', SCALINGS);
    this.scalingSelect.value = 'minMax';
    const bar = document.createElement('div');
    bar.className = 'view-bar';
    bar.append(
      labelled('Label (colours points, not used for training)', this.labelSelect),
      labelled('Scaling', this.scalingSelect),
    );
    const load = document.createElement('button');
    load.type = 'submit';
    load.id = 'csv-load';
    load.textContent = 'Load';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => this.cancel());
    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    buttons.append(load, cancel);
    this.form.replaceChildren(summary, features, bar, previewTable(headers, preview), buttons);
    this.form.hidden = false;
    this.defaults = { columns: numeric.flatMap((n, k) => (n ? [k] : [])).join(','), label: firstText };
  }

  /** Makes the chosen columns the data (all or nothing); on success the page redraws. */
  async load() {
    const pending = this.pending;
    if (!pending) return;
    const app = this.app;
    const columns = this.checks.filter((c) => c.checked).map((c) => Number(c.value));
    const label = Number(this.labelSelect.value);
    if (!columns.length) {
      this.showError('Choose at least one feature column.');
      return;
    }
    const started = performance.now();
    try {
      await app.call('csvAdopt', { columns, label, scaling: this.scalingSelect.value });
    } catch (error) {
      this.showError(error && error.message ? error.message : String(error));
      this.el.dataset.state = 'error';
      return; // the form stays, so another choice can be tried
    }
    this.el.dataset.loadMs = String(Math.round(performance.now() - started));
    const plain = columns.join(',') === this.defaults.columns && label === this.defaults.label;
    this.pending = null;
    this.cancel();
    this.showError('');
    app.setDataSource({ kind: 'local', name: pending.name });
    app.showStatus(`Loaded ${app.dataRows.toLocaleString('en')} rows × ${app.shape.dim} columns from ${pending.name}. A new map starts at t = 0.`);
    this.el.dataset.state = 'loaded';
    // A small file with the default columns travels inside a link (the link loads it that way).
    if (plain && pending.text.length <= PACK_TRY_CHARS) this.packLater(pending.text);
  }

  async packLater(text) {
    const source = this.app.dataSource;
    const packed = await pack(text);
    if (packed.length <= INLINE_CSV_LIMIT && this.app.dataSource === source) {
      // The file's name stays: the data panel goes on naming it.
      this.app.setDataSource({ kind: 'inline', packed, name: source.name });
    }
  }
}

/** The first rows as a small table (text only). */
function previewTable(headers, preview) {
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  const table = document.createElement('table');
  table.className = 'csv-preview';
  const caption = table.createCaption();
  caption.textContent = 'First rows of the file';
  const head = table.createTHead().insertRow();
  for (const h of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of preview) {
    const tr = body.insertRow();
    for (const field of row) tr.insertCell().textContent = field;
  }
  wrap.append(table);
  return wrap;
}
