// The Share / Embed dialog: builds what a teacher pastes into course notes. Tick the panels and
// buttons to hide, pick the layout and the tour stop; it shows the link, an <iframe> snippet and a
// <som-playground> snippet for the current state, each with a copy button. The text is built
// from the same link keys the element reads as attributes (url-state.js), so all three open the
// same state.
import { readHash, hideNames } from '../url-state.js';
import { buttonEl } from './form-util.js';

export class ShareDialog {
  /**
   * @param root the element's shadow root
   * @param link () => { hash, page, module }: the current state's hash (without hide and stop),
   *   the standalone page's URL and the element module's URL
   * @param stops the tour's stop titles
   */
  constructor(root, link, stops) {
    this.root = root;
    this.link = link;
    this.dialog = root.getElementById('share-dialog');
    this.layout = root.getElementById('share-layout');
    this.stop = root.getElementById('share-stop');
    this.note = root.getElementById('share-note');
    this.stop.append(new Option('none (the lesson as it is)', '0'), ...stops.map((title, k) => new Option(`${k + 1}. ${title}`, String(k + 1))));
    const fieldset = root.querySelector('.share-hide');
    this.boxes = hideNames(root).filter((n) => n !== 'share').map((name) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = name;
      const label = document.createElement('label');
      label.className = 'field check';
      const span = document.createElement('span');
      span.textContent = name;
      label.append(span, box);
      fieldset.append(label);
      return box;
    });
    this.out = root.querySelector('.share-out');
    this.fields = ['Link', 'Iframe', 'Element'].map((kind) => {
      const label = document.createElement('label');
      label.className = 'field';
      const span = document.createElement('span');
      span.textContent = { Link: 'Link', Iframe: '<iframe> (any page; add embed.js to size it)', Element: '<som-playground> (a page that loads som-playground.js)' }[kind];
      const text = document.createElement('textarea');
      text.readOnly = true;
      text.rows = kind === 'Link' ? 2 : 3;
      text.dataset.testid = `share-${kind.toLowerCase()}`;
      const copy = buttonEl(`Copy ${kind.toLowerCase()}`, () => this.copy(text));
      label.append(span, text, copy);
      this.out.append(label);
      return text;
    });
    this.dialog.addEventListener('input', () => this.update());
  }

  open(stop) {
    this.stop.value = String(stop);
    this.update();
    this.dialog.showModal();
  }

  /** Rebuilds the three snippets from the form. */
  update() {
    const { hash, page, module } = this.link();
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    const stop = Number(this.stop.value);
    if (stop > 0) {
      // A stop sets its own map and steps: the link keeps only the data and the stop.
      for (const key of [...params.keys()]) if (!['csv', 'csvz', 'data', 'dataRows'].includes(key)) params.delete(key);
      params.set('stop', String(stop));
    }
    const hide = this.boxes.filter((b) => b.checked).map((b) => b.value);
    if (hide.length) params.set('hide', hide.join(','));
    const text = params.toString().replace(/%2C/g, ',');
    readHash(`#${text}`); // the snippets must open: a bad state throws here, not on the course page
    const layout = this.layout.value;
    const url = `${page}#${text}`;
    this.fields[0].value = url;
    this.fields[1].value = `<iframe src="${escapeAttr(url)}" title="Self-Organizing Map lesson" width="100%" height="720" style="border:0" allow="clipboard-write"></iframe>`;
    const attrs = [...params].map(([k, v]) => ` ${k.toLowerCase()}="${escapeAttr(v)}"`).join('');
    this.fields[2].value = `<script type="module" src="${escapeAttr(module)}"></script>\n<som-playground layout="${layout}"${attrs}></som-playground>`;
  }

  async copy(field) {
    try {
      await navigator.clipboard.writeText(field.value);
      this.note.textContent = 'Copied.';
    } catch {
      field.select();
      this.note.textContent = 'The clipboard is not available here: the text is selected, press Ctrl+C (⌘C) to copy it.';
    }
  }
}

/** Text safe inside a double-quoted HTML attribute. */
function escapeAttr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
