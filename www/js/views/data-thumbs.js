// The built-in data sets as a row of small pictures (like TensorFlow Playground's): one toggle
// button per set, each with a canvas of that set's points and its name as text. The points come
// from the engine (the first 200 rows of each, scaled to [0, 1]); labels colour them as in the
// input view, three-column sets without labels are drawn in their own RGB colour.
import { CATEGORICAL, channel, rgb } from '../colors.js';
import { fitCanvas } from './grid-geometry.js';

const SIZE = 56;        // canvas side, CSS pixels
const ROWS = 200;       // points per picture
const PAD = 4;

/** Which two columns a picture shows (iris: the petal columns, which separate the species). */
const AXES = { iris: [2, 3] };

const DESCRIPTIONS = {
  rgb: 'random colours: 3 columns (red, green, blue)',
  square: 'points spread evenly over a square: 2 columns',
  blobs: 'three clusters in 2-D, labelled A to C',
  blobs3d: 'four clusters at corners of a cube, labelled A to D',
  ring: 'points on a ring: 2 columns',
  iris: 'Fisher\'s irises: 4 measurements, 3 species',
};

export class DataThumbs {
  /** `onPick(name)` is called when the student chooses a set; the points come from the engine. */
  constructor(app, onPick) {
    this.el = document.createElement('div');
    this.el.className = 'thumbs';
    this.el.setAttribute('role', 'group');
    this.el.setAttribute('aria-label', 'Built-in data sets');
    this.buttons = new Map();
    app.act('thumbnails', { rows: ROWS }).then((sets) => {
      for (const set of sets ?? []) {
        const { name } = set;
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'thumb';
        button.dataset.name = name;
        button.dataset.testid = `thumb-${name}`;
        button.setAttribute('aria-pressed', String(name === this.current));
        button.title = DESCRIPTIONS[name] ?? name;
        const canvas = document.createElement('canvas');
        canvas.setAttribute('aria-hidden', 'true');
        const label = document.createElement('span');
        label.textContent = name;
        button.append(canvas, label);
        button.addEventListener('click', () => onPick(name));
        this.buttons.set(name, button);
        this.el.append(button);
        draw(canvas, set);
      }
    });
  }

  /** Presses the button of the data set in use (none for a loaded CSV). */
  render(app) {
    this.current = app.options.data;
    for (const [name, button] of this.buttons) {
      button.setAttribute('aria-pressed', String(name === this.current));
    }
  }
}

/** Draws a data set's first rows (`values`, `dim` columns, `labels`) into `canvas`. */
function draw(canvas, { name, values, dim, labels }) {
  const ctx = fitCanvas(canvas, SIZE, SIZE);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, SIZE, SIZE);
  const [ax, ay] = AXES[name] ?? [0, 1];
  const span = SIZE - 2 * PAD;
  const rows = values.length / dim;
  for (let i = 0; i < rows; i++) {
    const o = i * dim;
    let x = values[o + ax];
    let y = dim > 1 ? values[o + ay] : 0.5;
    // Three columns: a slanted view, so the third shows as a shift up and to the right.
    if (dim === 3) {
      x = 0.75 * x + 0.25 * values[o + 2];
      y = 0.75 * y + 0.25 * values[o + 2];
    }
    ctx.fillStyle = labels.length ? CATEGORICAL[(labels[i] + 2) % CATEGORICAL.length]
      : dim === 3 ? rgb([channel(values[o]), channel(values[o + 1]), channel(values[o + 2])]) : '#444';
    ctx.fillRect(PAD + x * span - 1, PAD + (1 - y) * span - 1, 2.5, 2.5);
  }
}
