// A lesson's state as link text, so a link (or an element's attributes) reproduces it:
//
//   #rows=3&cols=3&seed=4&data=rgb&t=120&stop=9&tug=3,17&hide=params,data
//
// Every option of `new Som(options)` by its own name; `data` a built-in data set, or `csv` a CSV
// file's path relative to the page (same origin only), or `csvz` a small CSV itself, deflated and
// base64url-encoded; `t` the steps taken; `phase` the phase of the last step being shown (row,
// distances, bmu, neighborhood; absent when it is complete); `pull` the tug-of-war pulls made
// (`60:3.17` = at t 60, rows 3 then 17 took their steps); `stop` a tour stop (1-based); `tug` the
// tug-of-war rows; `node` the selected node; `hide` the controls and panels to hide (names of
// their data-hide attributes). The same keys are the <som-playground> element's attributes.
// docs/embedding.md describes it for teachers.
import { f32Text } from './number-text.js';

/** Hash keys that are not options of the core. */
const PAGE_KEYS = ['csv', 'csvz', 't', 'phase', 'pull', 'stop', 'tug', 'node', 'hide'];
/** Phases a link can stop in the middle of (the last one, update, is a finished step). */
const PARTIAL_PHASES = ['row', 'distances', 'bmu', 'neighborhood'];
/** A CSV whose packed form is at most this many characters travels inside the link. */
export const INLINE_CSV_LIMIT = 2048;
/** Links replay at most this many steps (a longer run would freeze the page). */
export const MAX_REPLAY_STEPS = 5_000_000;

/**
 * Parses a hash such as "#rows=3&toroidal=true" into
 * { options, csv, csvz, t, phase, pulls, stop, tug, node, hide, problems }.
 * Page keys are checked here (a bad one throws, naming it); options are checked by the core.
 */
export function readHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = { options: {}, tug: [], hide: [], pulls: [], t: null, stop: null, node: null };
  for (const [key, value] of params) {
    if (key === 'hide') state.hide = list(value);
    else if (key === 'tug') state.tug = list(value).map((v) => count('tug', v));
    else if (key === 't') state.t = count('t', value, MAX_REPLAY_STEPS);
    else if (key === 'stop') state.stop = count('stop', value, 1000, 1);
    else if (key === 'node') state.node = count('node', value);
    else if (key === 'pull') state.pulls = list(value).map(readPull);
    else if (key === 'phase') {
      if (!PARTIAL_PHASES.includes(value)) throw new Error(`phase must be one of ${PARTIAL_PHASES.join(', ')}, got ${quote(value)}`);
      state.phase = value;
    } else if (PAGE_KEYS.includes(key)) state[key] = value;
    else state.options[key] = value === 'true' ? true : value === 'false' ? false : value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  if (state.csv != null && state.csvz != null) throw new Error('a link holds either csv or csvz, not both');
  if ((state.csv != null || state.csvz != null) && 'data' in state.options) throw new Error('a link names either a built-in data set or a CSV, not both');
  if ((state.phase || state.pulls.length) && state.t == null) throw new Error('phase and pull need t');
  const end = state.pulls.reduce((t, p) => {
    if (p.t < t) throw new Error(`pulls must be in order of t, got ${p.t} after ${t}`);
    return p.t + p.rows.length;
  }, 0);
  if (state.t != null && end > state.t) throw new Error(`the pulls take the map to t = ${end}, beyond t = ${state.t}`);
  if (state.phase && state.t < 1 + end) throw new Error('phase needs a step after the last pull');
  return state;
}

const list = (value) => value.split(',').filter(Boolean);

/** A csv= path longer than this is refused before anything is fetched. */
const MAX_PATH = 2000;

/** A value from a link, quoted for a note: long ones clipped (the note says how long they were). */
export function quote(value) {
  const text = String(value);
  return text.length <= 60 ? `'${text}'` : `'${text.slice(0, 60)}…' (${text.length.toLocaleString('en')} characters)`;
}

/** A whole number from `min` to `max`, or an error naming `key`. */
function count(key, value, max = 1e9, min = 0) {
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < min || n > max) throw new Error(`${key} must be a whole number from ${min} to ${max}, got ${quote(value)}`);
  return n;
}

/** "60:3.17" → { t: 60, rows: [3, 17] }. */
function readPull(text) {
  const [t, rows, extra] = text.split(':');
  if (rows == null || extra != null) throw new Error(`pull must look like 60:3.17 (t, then rows), got ${quote(text)}`);
  return { t: count('pull t', t, MAX_REPLAY_STEPS), rows: rows.split('.').map((r) => count('pull row', r)) };
}

/** A hash value, escaped except for the characters that make it readable (, : / .). */
function escape(value) {
  return encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%2F/g, '/');
}

/** The core's options as they go into a link: numbers as the shortest text that reads back the same f32. */
function optionText(value) {
  return typeof value === 'number' && !Number.isInteger(value) ? f32Text(value) : String(value);
}

/**
 * The hash for the app's current state: the options, the data, and the steps that took the map
 * here (t, the tug-of-war pulls, the phase being shown), so opening it replays them.
 */
export function writeHash(app, { hide = [], stop = -1 } = {}) {
  const pairs = [];
  const set = (key, value) => pairs.push(`${key}=${escape(value)}`);
  const options = app.options;
  const source = dataSource(app);
  for (const [key, value] of Object.entries(options)) {
    if ((key === 'data' || key === 'dataRows') && source.kind !== 'builtin') continue;
    if (key === 'dim') continue; // the data decides
    set(key, optionText(value));
  }
  if (source.kind === 'path') set('csv', source.path);
  if (source.kind === 'inline') set('csvz', source.packed);
  const steps = replaySteps(app);
  set('t', String(steps.t));
  if (steps.pulls.length) set('pull', steps.pulls.map((p) => `${p.t}:${p.rows.join('.')}`).join(','));
  if (steps.phase) set('phase', steps.phase);
  if (stop >= 0) set('stop', String(stop + 1));
  if (app.tugRows?.length) set('tug', app.tugRows.join(','));
  if (app.selected > 0) set('node', String(app.selected));
  if (hide.length) set('hide', hide.join(','));
  return `#${pairs.join('&')}`;
}

/** Where the data came from; a built-in set once the core says so, whatever loaded before. */
export function dataSource(app) {
  const source = app.dataSource ?? { kind: 'builtin' };
  return app.options.data === 'custom' ? source : { kind: 'builtin' };
}

/** { t, pulls, phase }: what replaying the link must do to reach this map from t = 0. */
function replaySteps(app) {
  const t = app.t;
  const pulls = app.pullLog.filter((p) => p.t + p.rows.length <= t);
  const showing = app.trace && app.phase >= 0 && app.phase < PARTIAL_PHASES.length;
  return { t, pulls, phase: showing ? PARTIAL_PHASES[app.phase] : null };
}

/** Deflates text into base64url (for a small CSV inside the link). */
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A csvz link inflates to at most this many bytes: the CSV file limit (50 MB). */
export const MAX_CSVZ_BYTES = 50_000_000;

/**
 * The inverse of pack. Inflates piece by piece and stops as soon as the text passes
 * MAX_CSVZ_BYTES, so a small link that inflates to gigabytes is refused without being held.
 */
export async function unpack(packed) {
  let binary;
  try {
    binary = atob(packed.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new Error('csvz is not base64url text');
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const pieces = [];
  let size = 0;
  for (;;) {
    let piece;
    try {
      piece = await reader.read();
    } catch {
      throw new Error('csvz is not a packed CSV');
    }
    if (piece.done) break;
    size += piece.value.byteLength;
    if (size > MAX_CSVZ_BYTES) {
      await reader.cancel();
      throw new Error(`csvz inflates to more than ${MAX_CSVZ_BYTES / 1e6} MB; a CSV in a link may hold at most ${MAX_CSVZ_BYTES / 1e6} MB`);
    }
    pieces.push(piece.value);
  }
  return new Blob(pieces).text();
}

/**
 * The dataSource for CSV text the student loaded from a file: packed into links when small,
 * otherwise 'local' (copyLink then says the file is not in the link).
 */
export async function csvSource(text, name = '') {
  const packed = await pack(text);
  return packed.length <= INLINE_CSV_LIMIT ? { kind: 'inline', packed } : { kind: 'local', name };
}

/**
 * Fetches a CSV beside the page (`base`: the page's address); refuses other origins (a link must
 * not pull data from elsewhere).
 */
export async function fetchCsv(path, base) {
  if (path.length > MAX_PATH) throw new Error(`csv must be a path of at most ${MAX_PATH} characters, got one of ${path.length.toLocaleString('en')}`);
  let url;
  try {
    url = new URL(path, base);
  } catch {
    throw new Error(`csv must be a path on this site, got ${quote(path)}`);
  }
  if (url.origin !== new URL(base).origin) throw new Error(`csv must be a path on this site, got ${quote(path)}`);
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`could not load ${quote(path)}`);
  }
  if (!response.ok) throw new Error(`could not load ${quote(path)}: HTTP ${response.status}`);
  return response.text();
}

/** Names of everything a link can hide (the data-hide attributes in `root`). */
export function hideNames(root) {
  return [...new Set([...root.querySelectorAll('[data-hide]')].map((el) => el.dataset.hide))];
}

/**
 * Hides every element in `root` whose data-hide names one of `names` (controls and panels); returns the
 * names that match nothing on the page.
 */
export function applyHide(root, names) {
  for (const el of root.querySelectorAll('[data-hide]')) {
    el.hidden = names.includes(el.dataset.hide);
  }
  const known = hideNames(root);
  return names.filter((n) => !known.includes(n));
}
