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
import init, { start, stop, setLang, setNorms, updateInputs, getInputs, inputKey } from './pkg/minzheng_calc.js';

let ready = null;
/** Initialises the WebAssembly module once per page. */
function load() {
  ready ??= init({ module_or_path: new URL('./pkg/minzheng_calc_bg.wasm', import.meta.url) });
  return ready;
}

/** The input an attribute sets (a field, `current.<norm id>`, `param.<norm id>.<name>`), named as compute() reads
 * it, or null for any other attribute (`lang`, `norms`, `class`…): the module's own reader of these names. */
const inputName = (attribute) => inputKey(attribute)?.name ?? null;

const langOf = (value) => (String(value || '').toLowerCase().startsWith('en') ? 'en' : 'zh');

class MinzhengCalc extends HTMLElement {
  #handle = null;
  #container = null;
  #observer = null;
  #lang = null;
  /** The figures of a calculator stopped when the element left the page (`{ field: text }`), for its return. */
  #kept = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./style.css', import.meta.url).href;
    this.#container = document.createElement('div');
    this.#container.className = 'calculator embedded';
    root.append(link, this.#container);
  }

  /** The handle of the running calculator (for updateInputs, setInputs, getInputs, setLang), or null while there is none. */
  get handle() { return this.#handle; }

  connectedCallback() {
    if (this.#handle !== null) return; // moved within the page: still running
    load().then(() => {
      if (this.#handle !== null || !this.isConnected) return;
      this.#lang = langOf(this.getAttribute('lang'));
      const options = { embedded: true, lang: this.#lang, values: this.#kept ?? this.#values() };
      const subset = this.getAttribute('norms');
      if (subset) options.norms = subset;
      this.#handle = start(this.#container, options);
      this.#kept = null;
      if (!this.#observer) {
        // Kept while the element is out of the page, so changes made then are there on its return.
        this.#observer = new MutationObserver((records) => this.#changed(records));
        this.#observer.observe(this, { attributes: true, attributeOldValue: true });
      }
    }).catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    // A move (out and back in within the same task) keeps the calculator; a removal frees it.
    queueMicrotask(() => {
      if (this.isConnected || this.#handle === null) return;
      try {
        this.#kept = getInputs(this.#handle);
        stop(this.#handle);
      } catch (error) {
        console.error('minzheng-calc:', error);
      }
      this.#handle = null;
    });
  }

  #values() {
    const values = {};
    for (const { name, value } of this.attributes) {
      const input = inputName(name);
      if (input) values[input] = value;
    }
    return values;
  }

  #changed(records) {
    // Each attribute once, with its value now; one set to the value it had changes nothing.
    const names = new Map();
    for (const r of records) if (!names.has(r.attributeName)) names.set(r.attributeName, r.oldValue);
    for (const [name, old] of names) if (this.getAttribute(name) === old) names.delete(name);
    const changes = {};
    let count = 0;
    for (const name of names.keys()) {
      const input = inputName(name);
      if (input) {
        changes[input] = this.getAttribute(name); // null (removed) empties the field
        count += 1;
      }
    }
    if (this.#handle === null) {
      // Out of the page: the change waits in the kept figures (the rest is read on return).
      if (this.#kept) {
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) delete this.#kept[name];
          else this.#kept[name] = value;
        }
      }
      return;
    }
    if (names.has('norms')) setNorms(this.#handle, this.getAttribute('norms'));
    if (names.has('lang') && langOf(this.getAttribute('lang')) !== this.#lang) {
      this.#lang = langOf(this.getAttribute('lang'));
      setLang(this.#handle, this.#lang);
    }
    if (count > 0) updateInputs(this.#handle, changes);
  }

  #fail(error) {
    const p = document.createElement('p');
    p.className = 'fatal';
    p.setAttribute('role', 'alert');
    p.textContent = '计算器加载失败 / The calculator failed to load: ' + String((error && error.message) || error);
    this.#container.replaceChildren(p);
  }
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
