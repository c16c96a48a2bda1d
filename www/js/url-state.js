// The page's state in the URL hash, so a link reproduces it and a teacher can embed it:
//
//   #rows=3&cols=3&seed=4&data=rgb&t=120&stop=9&tug=3,17&hide=params,data
//
// Every option of `new Som(options)` by its own name; `data` a built-in data set, or `csv` a CSV
// file's path relative to the page (same origin only), or `csvz` a small CSV itself, deflated and
// base64url-encoded; `t` the steps taken; `stop` a tour stop (1-based); `tug` the tug-of-war rows;
// `hide` the controls and panels to hide (names of their data-hide attributes).

/** Hash keys that are not options of the core. */
const PAGE_KEYS = ['csv', 'csvz', 't', 'stop', 'tug', 'hide'];
/** A CSV up to this size (bytes, deflated) travels inside the link. */
export const INLINE_CSV_LIMIT = 2048;

/** Parses a hash such as "#rows=3&toroidal=true" into { options, csv, csvz, t, stop, tug, hide }. */
export function readHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = { options: {}, tug: [], hide: [] };
  for (const [key, value] of params) {
    if (key === 'tug' || key === 'hide') state[key] = value.split(',').filter(Boolean);
    else if (PAGE_KEYS.includes(key)) state[key] = value;
    else state.options[key] = value === 'true' ? true : value === 'false' ? false : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  state.tug = state.tug.map(Number);
  return state;
}

/** The hash for the app's current state. */
export function writeHash(app, { stop = null, hide = [] } = {}) {
  const params = new URLSearchParams();
  const options = app.som.options();
  const source = app.dataSource ?? { kind: 'builtin' };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'data' && source.kind !== 'builtin') continue;
    if (key === 'dataRows' && source.kind !== 'builtin') continue;
    if (key === 'dim') continue; // the data decides
    params.set(key, String(value));
  }
  if (source.kind === 'path') params.set('csv', source.path);
  if (source.kind === 'inline') params.set('csvz', source.packed);
  if (stop != null) params.set('stop', String(stop));
  else if (app.som.t() > 0) params.set('t', String(app.som.t()));
  if (app.tugRows?.length) params.set('tug', app.tugRows.join(','));
  if (hide.length) params.set('hide', hide.join(','));
  return `#${params.toString()}`;
}

/** Deflates text into base64url (for a small CSV inside the link). */
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of pack. */
export async function unpack(packed) {
  const binary = atob(packed.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/** Fetches a CSV beside the page; refuses other origins (a link must not pull data from elsewhere). */
export async function fetchCsv(path) {
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) throw new Error(`csv must be a path on this site, got ${path}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${path}: HTTP ${response.status}`);
  return response.text();
}

/** Hides every element whose data-hide names one of `names` (controls and panels). */
export function applyHide(names) {
  for (const el of document.querySelectorAll('[data-hide]')) {
    el.hidden = names.includes(el.dataset.hide);
  }
}
