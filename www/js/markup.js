// The lesson's markup, cloned into each element's shadow root. Static: no text from a user or a
// link ever goes in here (views fill their parts with textContent). Ids are scoped to the shadow
// root, so several lessons on one page do not collide.
export const MARKUP = `
<div class="lesson">
  <header class="top" data-hide="header">
      <h1>SOM Playground</h1>
      <p class="lede">A Self-Organizing Map learning, one row at a time. Every number here was computed by the Rust core. <a id="pitfalls-link" href="pitfalls.html">Why it goes wrong: pitfalls side by side</a></p>
    </header>

    <section class="controls" aria-label="Training controls" data-hide="controls">
      <div class="buttons">
        <button id="btn-phase" type="button" data-hide="phase" aria-keyshortcuts="p">Step phase <kbd>P</kbd></button>
        <button id="btn-row" type="button" data-hide="row" aria-keyshortcuts="s">Step row <kbd>S</kbd></button>
        <button id="btn-play" type="button" data-hide="play" aria-keyshortcuts="Space" aria-pressed="false">Play <kbd>Space</kbd></button>
        <button id="btn-epoch" type="button" data-hide="epoch" aria-keyshortcuts="e">Epoch <kbd>E</kbd></button>
        <button id="btn-reset" type="button" data-hide="reset" aria-keyshortcuts="r">Reset <kbd>R</kbd></button>
        <label class="speed" data-hide="speed">Speed
          <input id="speed" type="range" min="0" max="100" step="1" value="20" aria-describedby="speed-text" />
          <output id="speed-text" for="speed"></output>
        </label>
        <button id="btn-link" type="button" data-hide="link">Copy link</button>
        <button id="btn-share" type="button" data-hide="share" aria-haspopup="dialog">Share / Embed</button>
        <input id="link-field" class="link-field" type="text" readonly aria-label="Link to this state" hidden />
      </div>
      <ol class="phases" aria-label="Phases of one step" data-hide="phases">
        <li data-phase="row">1 row</li>
        <li data-phase="distances">2 distances</li>
        <li data-phase="bmu">3 BMU</li>
        <li data-phase="neighborhood">4 neighbourhood</li>
        <li data-phase="update">5 update</li>
      </ol>
      <dl class="stats" data-hide="stats">
        <div><dt>t</dt><dd id="stat-t" data-testid="t">0</dd></div>
        <div><dt>learning rate α(t)</dt><dd id="stat-lr">–</dd></div>
        <div><dt>radius σ(t)</dt><dd id="stat-sigma">–</dd></div>
        <div><dt>data</dt><dd id="stat-shape">–</dd></div>
      </dl>
    </section>

    <p id="status" class="status" role="status" aria-live="polite"></p>
    <p id="error" class="error" role="alert" hidden></p>

    <section class="panel tour-strip" id="tour-panel" aria-labelledby="tour-title" data-hide="tour">
      <h2 id="tour-title" class="visually-hidden">Guided tour</h2>
      <div id="tour"></div>
    </section>

    <div class="stage">
    <main class="views">
      <section class="panel" id="map-panel" aria-labelledby="map-title" data-hide="map">
        <h2 id="map-title">The map: a 2-D grid of nodes</h2>
        <div id="map-view"></div>
        <div id="tug-view" data-hide="tug"></div>
        <div id="export-view" data-hide="export"></div>
      </section>
      <section class="panel" id="input-panel" aria-labelledby="input-title" data-hide="input">
        <h2 id="input-title">Input space: data and nodes as "ghost" points</h2>
        <div id="input-view"></div>
      </section>
      <aside class="panel" id="inspector-panel" aria-labelledby="inspector-title" data-hide="inspector">
        <h2 id="inspector-title">Inspector</h2>
        <div id="inspector"></div>
      </aside>
    </main>

    <section class="below">
      <section class="panel" id="network-panel" aria-labelledby="network-title" data-hide="network">
        <h2 id="network-title">The same network, turned around</h2>
        <div id="network-view"></div>
      </section>
      <section class="panel" id="charts-panel" aria-labelledby="charts-title" data-hide="charts">
        <h2 id="charts-title">Over time: the pull and the radius shrink</h2>
        <div id="charts"></div>
      </section>
      <section class="panel" id="data-panel" aria-labelledby="data-title" data-hide="data">
        <h2 id="data-title">Data</h2>
        <div id="data-view"></div>
      </section>
      <section class="panel" id="params-panel" aria-labelledby="params-title" data-hide="params">
        <h2 id="params-title">Parameters</h2>
        <div id="params"></div>
      </section>
    </section>
    </div>

    <footer data-hide="footer">
      <p>SOM Playground · Iris data: R. A. Fisher (1936), via the UCI Machine Learning Repository (CC BY 4.0).</p>
    </footer>
  <dialog id="share-dialog" class="share" aria-labelledby="share-title">
    <form method="dialog" class="share-form">
      <h2 id="share-title">Share or embed this lesson</h2>
      <fieldset class="share-hide"><legend>Hide these panels and buttons</legend></fieldset>
      <div class="view-bar">
        <label class="field"><span>Layout</span><select id="share-layout"><option value="full">full: the workbench</option><option value="compact">compact: for course notes</option></select></label>
        <label class="field"><span>Tour stop</span><select id="share-stop"></select></label>
      </div>
      <div class="share-out"></div>
      <p class="share-note legend" id="share-note" role="status"></p>
      <div class="buttons"><button value="close">Close</button></div>
    </form>
  </dialog>
</div>
`;

/** Each static markup parsed once (by a DOMParser, not by assigning HTML to an element), then cloned. */
const parsed = new Map();

function fragmentOf(markup) {
  if (!parsed.has(markup)) {
    const body = new DOMParser().parseFromString(markup, 'text/html').body;
    const fragment = document.createDocumentFragment();
    fragment.append(...body.childNodes);
    parsed.set(markup, fragment);
  }
  return parsed.get(markup).cloneNode(true);
}

/**
 * Gives `host` an open shadow root holding the stylesheet at `styleUrl` (a file beside the module,
 * so a strict style-src 'self' allows it) and a copy of `markup` (static markup of this project:
 * no text from a user, a link or the core ever goes in as HTML). Returns the root.
 */
export function attachLesson(host, styleUrl, markup) {
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = styleUrl;
  root.append(style, fragmentOf(markup));
  return root;
}
