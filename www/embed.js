// <minzheng-calc>: the calculator as a custom element for any page (CSP-clean: no inline scripts or styles).
//
//   <script type="module" src="https://your.site/minzheng-calc/embed.js"></script>
//   <minzheng-calc lang="zh" urban_resident_population="231109" current.community_workers="900"
//                  norms="community_workers,nursing_beds"></minzheng-calc>
//
// Attributes: any contract field id (prefill), `current.<norm id>`, `param.<norm id>.<name>`, `lang` (zh|en) and
// `norms` (a comma-separated subset). Changing them later updates the calculator. On every change the element
// dispatches `minzheng-calc:results` (bubbling, composed) with the object `compute()` returns as `detail`.
// Styles live in an open shadow root (the site's own style.css, linked from beside this file).
//
// Loading this module also gives iframes of the calculator (index.html?embed=1) auto-height: it listens for
// their `minzheng-calc:height` messages and sets the iframe's height attribute.
import init, { start, setInputs, setLang, fields, norms } from './pkg/minzheng_calc.js';

let ready = null;
/** Initialises the WebAssembly module once per page; resolves to the set of value attribute names. */
function load() {
  ready ??= init({ module_or_path: new URL('./pkg/minzheng_calc_bg.wasm', import.meta.url) }).then(() => ({
    fields: new Set(fields().map((f) => f.id)),
    norms: new Set(norms().map((n) => n.id)),
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

class MinzhengCalc extends HTMLElement {
  #handle = null;
  #container = null;
  #known = null;
  #observer = null;
  #lang = null;

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

  /** The handle of the running calculator (for setInputs/setLang), or null before it started. */
  get handle() { return this.#handle; }

  connectedCallback() {
    if (this.#handle !== null) return;
    load().then((known) => {
      if (this.#handle !== null || !this.isConnected) return;
      this.#known = known;
      this.#lang = langOf(this.getAttribute('lang'));
      const options = { embedded: true, lang: this.#lang, values: this.#values() };
      const subset = this.getAttribute('norms');
      if (subset) options.norms = subset;
      this.#handle = start(this.#container, options);
      this.#observer = new MutationObserver((records) => this.#changed(records));
      this.#observer.observe(this, { attributes: true });
    }).catch((error) => this.#fail(error));
  }

  #values() {
    const values = {};
    for (const { name, value } of this.attributes) {
      if (isValueName(name, this.#known)) values[name] = value;
    }
    return values;
  }

  #changed(records) {
    const names = new Set(records.map((r) => r.attributeName));
    if (names.has('norms')) {
      // A different subset is a different calculator: rebuild it (the handle of the old one is dropped).
      const fresh = document.createElement('div');
      fresh.className = this.#container.className;
      this.#container.replaceWith(fresh);
      this.#container = fresh;
      this.#handle = null;
      this.#observer.disconnect();
      this.connectedCallback();
      return;
    }
    if (names.has('lang') && langOf(this.getAttribute('lang')) !== this.#lang) {
      this.#lang = langOf(this.getAttribute('lang'));
      setLang(this.#handle, this.#lang);
    }
    if ([...names].some((n) => isValueName(n, this.#known))) setInputs(this.#handle, this.#values());
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
