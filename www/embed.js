// <minzheng-calc>: the calculator as a custom element for any page (CSP-clean: no inline scripts or styles).
//
//   <script type="module" src="https://your.site/minzheng-calc/embed.js"></script>
//   <minzheng-calc lang="zh" urban_resident_population="231109" current.community_workers="900"
//                  norms="community_workers,nursing_beds"></minzheng-calc>
//
// Attributes: any contract field id (prefill), `current.<norm id>`, `param.<norm id>.<name>`, `lang` (zh|en) and
// `norms` (a comma-separated subset). Changing one later changes that field only (removing it empties the field):
// what the user typed in the others stays, also through a `norms` or `lang` change. On every change the element
// dispatches `minzheng-calc:results` (bubbling, composed) with the object `compute()` returns as `detail`.
// Removed from the page, the element frees its calculator and keeps the figures; put back, it shows them again.
// Styles live in an open shadow root (the site's own style.css, linked from beside this file).
//
// Loading this module also gives iframes of the calculator (index.html?embed=1) auto-height: it listens for
// their `minzheng-calc:height` messages and sets the iframe's height attribute.
//
// Written for the oldest browsers supported (scripts/floor.mjs checks it): no private class members (Firefox 90,
// Chrome 84), no ?. or ??; an element's state lives in a WeakMap instead. In an older browser the element says,
// in its shadow root, that this browser cannot run it (unsupported.js).
import './unsupported.js'; // window.minzhengCalcLoad: what the element says when it cannot start
import { listenForLocalityExport } from './locality-export.js';

/** wasm-bindgen's glue (pkg/minzheng_calc.js), once loaded: start, stop, setLang, setNorms, updateInputs, … */
let glue = null;
let ready = null;
/**
 * Loads the glue and initialises the WebAssembly module once per page; resolves to the set of value attribute
 * names. In a browser that cannot run it, rejects at once, with nothing downloaded (not even the glue).
 */
function load() {
  if (ready) return ready;
  const reason = window.minzhengCalcLoad.whyNot();
  ready = reason ? Promise.reject(reason) : import('./pkg/minzheng_calc.js').then((m) => {
    glue = m;
    return m.default({ module_or_path: new URL('./pkg/minzheng_calc_bg.wasm', import.meta.url) });
  }).then(() => ({
    fields: new Set(glue.fields().map((f) => f.id)),
    norms: new Set(glue.norms().map((n) => n.id)),
  }));
  return ready;
}

function isValueName(name, known) {
  if (known.fields.has(name)) return true;
  const current = name.match(/^current\.(.+)$/);
  if (current) return known.norms.has(current[1]);
  const param = name.match(/^param\.([^.]+)\.[^.]+$/);
  return !!param && known.norms.has(param[1]);
}

const langOf = (value) => (String(value || '').toLowerCase().startsWith('en') ? 'en' : 'zh');

/**
 * Each element's state: `handle` (its running calculator, or null), `container` (in its shadow root), `known`
 * (the value attribute names), `observer`, `lang`, and `kept`: the figures of a calculator stopped when the element
 * left the page (`{ field: text }`), for its return.
 */
const states = new WeakMap();

class MinzhengCalc extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./style.css', import.meta.url).href;
    const container = document.createElement('div');
    container.className = 'calculator embedded';
    root.append(link, container);
    const state = { handle: null, container, known: null, observer: null, lang: null, kept: null };
    states.set(this, state);
    // 导出本地区 XLSX (locality-export.js): the words are built into the public module.
    listenForLocalityExport(container, {
      inputs: () => (state.handle === null ? null : glue.getInputs(state.handle)),
      lang: () => state.lang,
      words: () => Promise.resolve(glue.words),
    });
  }

  /** The handle of the running calculator (for updateInputs, setInputs, getInputs, setLang), or null while there is none. */
  get handle() { return states.get(this).handle; }

  connectedCallback() {
    const state = states.get(this);
    if (state.handle !== null) return; // moved within the page: still running
    load().then((known) => {
      if (state.handle !== null || !this.isConnected) return;
      state.known = known;
      state.lang = langOf(this.getAttribute('lang'));
      const options = {
        embedded: true, exportLocality: true, lang: state.lang, values: state.kept !== null ? state.kept : valuesOf(this, known),
      };
      const subset = this.getAttribute('norms');
      if (subset) options.norms = subset;
      state.handle = glue.start(state.container, options);
      state.kept = null;
      if (!state.observer) {
        // Kept while the element is out of the page, so changes made then are there on its return.
        state.observer = new MutationObserver((records) => changed(this, state, records));
        state.observer.observe(this, { attributes: true, attributeOldValue: true });
      }
    }).catch((error) => {
      // In the shadow root: this browser cannot run the calculator, or it failed to load (unsupported.js).
      state.container.textContent = '';
      window.minzhengCalcLoad.show(state.container, error, true);
    });
  }

  disconnectedCallback() {
    const state = states.get(this);
    // A move (out and back in within the same task) keeps the calculator; a removal frees it.
    queueMicrotask(() => {
      if (this.isConnected || state.handle === null) return;
      try {
        state.kept = glue.getInputs(state.handle);
        glue.stop(state.handle);
      } catch (error) {
        console.error('minzheng-calc:', error);
      }
      state.handle = null;
    });
  }
}

/** The element's value attributes, `{ name: value }`. */
function valuesOf(element, known) {
  const values = {};
  for (const { name, value } of element.attributes) {
    if (isValueName(name, known)) values[name] = value;
  }
  return values;
}

/** Attribute changes: each value attribute changes that field only; `norms` and `lang` their setting. */
function changed(element, state, records) {
  // Each attribute once, with its value now; one set to the value it had changes nothing.
  const names = new Map();
  for (const r of records) if (!names.has(r.attributeName)) names.set(r.attributeName, r.oldValue);
  for (const [name, old] of names) if (element.getAttribute(name) === old) names.delete(name);
  const changes = {};
  let count = 0;
  for (const name of names.keys()) {
    if (isValueName(name, state.known)) {
      changes[name] = element.getAttribute(name); // null (removed) empties the field
      count += 1;
    }
  }
  if (state.handle === null) {
    // Out of the page: the change waits in the kept figures (the rest is read on return).
    if (state.kept) {
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) delete state.kept[name];
        else state.kept[name] = value;
      }
    }
    return;
  }
  if (names.has('norms')) glue.setNorms(state.handle, element.getAttribute('norms'));
  if (names.has('lang') && langOf(element.getAttribute('lang')) !== state.lang) {
    state.lang = langOf(element.getAttribute('lang'));
    glue.setLang(state.handle, state.lang);
  }
  if (count > 0) glue.updateInputs(state.handle, changes);
}

if (!customElements.get('minzheng-calc')) customElements.define('minzheng-calc', MinzhengCalc);

// Auto-height for <iframe src=".../index.html?embed=1">: the framed page posts its height.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'minzheng-calc:height' || !Number.isFinite(data.height)) return;
  // Only the iframe whose window sent it is resized (and it is only a height).
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.setAttribute('height', String(Math.max(100, Math.ceil(data.height))));
  }
});
