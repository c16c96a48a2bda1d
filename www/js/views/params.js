// The parameter panel: every option of the map the student may change, built from the core's
// option table (`optionSchema()`: type, range, allowed values and a line of doc for each) and
// filled from the options in force. Apply builds a new map from the options with the changes
// (the core checks them; a bad value leaves the old map in place and its message appears in
// #error). The current data is kept. Above the form, the core's warnings for the map in force
// (allowed but dubious settings), each with a one-click fix.
import { labelled, numberEl, numberOf, selectEl, buttonEl } from './form-util.js';

/** The form's labels (presentation only: names, ranges and defaults come from the schema). */
const LABELS = {
  rows: 'Map rows',
  cols: 'Map columns',
  topology: 'Topology',
  toroidal: 'Toroidal (edges wrap around)',
  neighborhood: 'Neighbourhood h',
  learningRate: 'Learning rate α at start',
  learningRateEnd: 'α at the end',
  sigma: 'Radius σ at start',
  sigmaEnd: 'σ at the end',
  decay: 'Decay of α and σ',
  steps: 'Steps (horizon of the schedules)',
  init: 'Initial weights',
  order: 'Row order',
  seed: 'Seed',
};

/** [option, label, kind, choices or {min, max, step}, hint] for each option of the form, from the schema. */
function fields(schema) {
  return schema.filter((o) => o.name in LABELS).map((o) => {
    const kind = o.type === 'enum' ? 'select' : o.type;
    const extra = kind === 'select' ? o.values.map((v) => [v, v])
      : { min: o.min, max: o.max, step: o.type === 'int' ? 1 : 'any' };
    return [o.name, LABELS[o.name], kind, extra, o.doc];
  });
}

export class Params {
  /** @param schema the core's option table, `optionSchema()` */
  constructor(container, app, schema) {
    this.app = app;
    this.fields = fields(schema);
    this.form = document.createElement('form');
    this.form.className = 'params-form';
    this.form.noValidate = true; // the core checks the values and names the field at fault
    this.form.setAttribute('aria-describedby', 'params-note');
    const grid = document.createElement('div');
    grid.className = 'param-grid';
    this.controls = {};
    for (const [name, text, kind, extra, hint] of this.fields) {
      let control;
      if (kind === 'select') control = selectEl(name, extra);
      else if (kind === 'bool') {
        control = document.createElement('input');
        control.type = 'checkbox';
        control.name = name;
        control.id = `f-${name}`;
      } else control = numberEl(name, extra);
      this.controls[name] = control;
      const field = labelled(text, control, hint);
      if (kind === 'bool') field.classList.add('check');
      if (name === 'seed') {
        const dice = document.createElement('button');
        dice.type = 'button';
        dice.textContent = 'Random seed';
        dice.addEventListener('click', () => {
          control.value = String(crypto.getRandomValues(new Uint32Array(1))[0]);
          this.markChanged();
        });
        const wrap = document.createElement('div');
        wrap.className = 'seed-row';
        wrap.append(field, dice);
        grid.append(wrap);
      } else grid.append(field);
    }
    this.decayNote = document.createElement('p');
    this.decayNote.className = 'legend';
    this.decayNote.hidden = true;
    const actions = document.createElement('div');
    actions.className = 'apply-row';
    const apply = document.createElement('button');
    apply.type = 'submit';
    apply.textContent = 'Apply: build a new map';
    const undo = document.createElement('button');
    undo.type = 'button';
    undo.textContent = 'Undo edits';
    undo.addEventListener('click', () => this.fill(app.options));
    const note = document.createElement('p');
    note.id = 'params-note';
    note.className = 'apply-note';
    note.textContent = 'Changing a parameter builds a new map and resets t to 0 (the data stays).';
    actions.append(apply, undo, note);
    this.message = document.createElement('p');
    this.message.className = 'legend';
    this.message.setAttribute('role', 'status');
    this.warnings = document.createElement('div');
    this.warnings.className = 'warnings';
    this.warnings.dataset.testid = 'warnings';
    this.form.append(grid, this.decayNote, actions, this.message);
    // The warnings come first: a dubious setting is what the student should see before the form.
    container.append(this.warnings, this.form);
    this.form.addEventListener('input', () => this.markChanged());
    this.controls.decay.addEventListener('change', () => { this.decayTouched = true; this.markChanged(); });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.apply(app);
    });
  }

  /** Puts the options in force into the fields. */
  fill(o) {
    const c = this.controls;
    for (const [name, , kind] of this.fields) {
      if (name === 'decay') continue;
      if (kind === 'bool') c[name].checked = Boolean(o[name]);
      else c[name].value = kind === 'number' ? shortest(o[name]) : String(o[name]);
    }
    c.decay.value = o.learningRateDecay;
    const mixed = o.learningRateDecay !== o.sigmaDecay;
    this.decayNote.hidden = !mixed;
    this.decayNote.textContent = mixed ? `α decays ${o.learningRateDecay}, σ decays ${o.sigmaDecay}; choosing a decay here sets both.` : '';
    this.decayTouched = false;
    this.markChanged();
  }

  /** Flags the fields whose value differs from the options in force. */
  markChanged() {
    const changes = this.changes(this.app.options);
    for (const [name] of this.fields) this.controls[name].closest('.field').classList.toggle('changed', name in changes);
  }

  /** The fields whose values differ from `o`, as options for the core. */
  changes(o) {
    const out = {};
    const c = this.controls;
    for (const [name, , kind] of this.fields) {
      let value;
      if (kind === 'bool') value = c[name].checked;
      else if (kind === 'select') value = c[name].value;
      else value = numberOf(c[name]);
      if (name === 'decay') {
        if (value !== o.learningRateDecay || (o.learningRateDecay !== o.sigmaDecay && this.decayTouched)) out.decay = value;
        continue;
      }
      // Compare as the core stores them (f32 options come back slightly off the typed decimal).
      const current = o[name];
      const same = kind === 'number' ? String(value) === String(current) || Math.fround(value) === Math.fround(current) : value === current;
      if (!same) out[name] = value;
    }
    return out;
  }

  async apply(app) {
    const changes = this.changes(app.options);
    if (!Object.keys(changes).length) {
      this.message.textContent = 'Nothing changed: the map is the same.';
      return;
    }
    // A blank or unreadable number field is named here; what is allowed comes from the option table.
    const blank = this.fields.find(([name, , kind]) => name in changes && kind !== 'select' && kind !== 'bool' && Number.isNaN(changes[name]));
    if (blank) {
      const [name, label, , { min, max }] = blank;
      app.showError(`${label} (${name}) is empty or not a number: type a number${min != null ? ` from ${min}` : ''}${max != null ? ` to ${max}` : ''}.`);
      this.message.textContent = 'The map was not changed.';
      return;
    }
    try {
      await rebuild(app, changes);
    } catch (error) {
      app.showError(error.message);
      this.message.textContent = 'The map was not changed.';
      return;
    }
    app.showError('');
    const list = Object.entries(changes).map(([k, v]) => `${k} = ${v}`).join(', ');
    this.message.textContent = `New ${app.shape.rows}×${app.shape.cols} map built (${list}); t = 0.`;
  }

  render(app) {
    if (this.options === app.options) return;
    this.options = app.options;
    this.fill(app.options);
    this.showWarnings(app);
  }

  /**
   * The core's warnings for the map in force (`som.warnings()`): each says what is dubious and
   * why, with a button that applies its fix (a new map with that one option changed).
   */
  showWarnings(app) {
    this.warnings.replaceChildren(...(app.warnings ?? []).map((w) => {
      const p = document.createElement('p');
      p.className = 'warning';
      p.dataset.code = w.code;
      p.textContent = `${w.message} `;
      const value = typeof w.fix.value === 'number' ? shortest(w.fix.value) : String(w.fix.value);
      p.append(buttonEl(`Fix: ${w.fix.field} = ${value}`, async () => {
        try {
          await rebuild(app, { [w.fix.field]: w.fix.value });
          this.message.textContent = `New map with ${w.fix.field} = ${value}; t = 0.`;
        } catch (error) {
          app.showError(error.message);
        }
      }));
      return p;
    }));
  }
}

/** A float32 option as the decimal the student typed (0.01, not 0.009999999776482582). */
function shortest(v) {
  return String(Number(Math.fround(v).toPrecision(7)));
}

/**
 * Builds a new map from the options in force with `changes`, keeping the current data set.
 * Rejects with the core's error (and leaves everything as it was) when an option is bad.
 */
export function rebuild(app, changes) {
  const options = { ...app.options, ...changes };
  delete options.dim; // taken from the data
  if ('decay' in changes) {
    delete options.learningRateDecay;
    delete options.sigmaDecay;
  }
  return app.build(options); // keeps the current data when options.data is 'custom'
}
