// Bootstrap: load the WebAssembly calculator and build it into #app. Any failure is shown on the
// page (never a blank page); the user's figures stay in the link and in localStorage.
// Written for the oldest browsers supported (scripts/floor.mjs checks it): no top-level await, no ?. or ??.
import './unsupported.js'; // window.minzhengCalcLoad: what the page says when it cannot start
import init, { start, getInputs, setBases } from './pkg/minzheng_page.js';
import { listenForLocalityExport } from './locality-export.js';

const load = window.minzhengCalcLoad;
load.started = true; // the watch in unsupported.js: this module runs

// A copy of this page saved by the browser cannot run: www/index.html carries notes that say so (.saved-copy,
// .loading-late), which style.css shows in such a copy. The running page hides them with a style sheet adopted
// here: document.adoptedStyleSheets is never serialized, so no saved copy (DOM or MHTML) carries it. Where the
// browser has no constructable style sheets, the notes are removed instead (its saved copies then say nothing).
const savedCopyNotes = '.saved-copy, .loading-late';
const hideNotes = (() => {
  if (!document.querySelector(savedCopyNotes)) return null; // the single file has none
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`${savedCopyNotes} { display: none !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return sheet;
  } catch {
    for (const note of document.querySelectorAll(savedCopyNotes)) note.remove();
    return null;
  }
})();
// The links to the offline file as absolute URLs, so that a saved copy links back to this site's single file.
if (/^https?:$/.test(location.protocol)) {
  for (const a of document.querySelectorAll('a[data-offline]')) a.setAttribute('href', a.href);
}

/** The start failed: this browser cannot run the calculator, or something else went wrong (unsupported.js). */
function showFailure(error) {
  // From disk (a browser that ran this module from a saved copy, then could not fetch the .wasm): the notes say why.
  if (location.protocol === 'file:' && hideNotes && !load.whyNot()) {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== hideNotes);
  }
  load.show(document.getElementById('app') || document.body, error, false);
}

// A wasm trap (or an error thrown through the wasm) after start, e.g. in an input handler, would leave
// a page that silently stops updating: say so instead, once, at the top of the calculator.
let trapShown = false;
function showTrap(error) {
  const wasm = (typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError) || /wasm-function|wasm:\/\//.test(String(error && error.stack));
  if (trapShown || !wasm) return;
  trapShown = true;
  const p = document.createElement('p');
  p.className = 'fatal';
  p.setAttribute('role', 'alert');
  p.textContent = '计算出错，请刷新页面。您填写的数据已保存在链接中。 Something went wrong; please reload. Your figures are kept in the link. (' + String(error && error.message || error) + ')';
  (document.getElementById('app') || document.body).prepend(p);
  document.documentElement.dataset.failed = 'true';
}
window.addEventListener('error', (event) => showTrap(event.error));
window.addEventListener('unhandledrejection', (event) => showTrap(event.reason));

// ?embed=1: the iframe mode (no header or footer; posts its height to the parent page, see postHeight).
const params = new URLSearchParams(location.search);
const embedMode = params.get('embed') === '1';
if (embedMode) document.documentElement.classList.add('embed');

/** Where the height messages may go: ?origin=…, else the embedding page's origin, else anywhere ('*'). */
function parentOrigin() {
  for (const candidate of [params.get('origin'), document.referrer]) {
    if (!candidate) continue;
    try {
      const origin = new URL(candidate).origin;
      if (origin && origin !== 'null') return origin;
    } catch { /* not a URL: try the next */ }
  }
  return '*';
}

/** Tells the parent page our height on every size change, for an auto-height iframe. */
function postHeight() {
  if (window.parent === window) return;
  const target = parentOrigin();
  const app = document.getElementById('app');
  let last = -1;
  const send = () => {
    const height = Math.ceil(app.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'minzheng-calc:height', height }, target);
  };
  new ResizeObserver(send).observe(app);
  send();
}

/** Offline after the first visit (hosted site only: never for a file:// copy). */
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).catch((error) => {
    console.warn('minzheng-calc: no offline copy (service worker not registered):', error);
  });
}

/**
 * The words module (pkg/minzheng_words.js): the words no first result needs, which the page's module leaves out
 * to start sooner (the cards' 依据, the batch section's words), loaded once after start-up.
 */
let wordsModule = null;
function loadWords() {
  if (!wordsModule) {
    wordsModule = import('./pkg/minzheng_words.js').then((m) => Promise.resolve(m.default()).then(() => m));
    wordsModule.catch(() => { wordsModule = null; }); // after a failure, the next caller (an export) tries again
  }
  return wordsModule;
}

async function main() {
  let started = false;
  try {
    const reason = load.whyNot(); // this browser cannot run it: say so without downloading the module
    if (reason) throw reason;
    await init(/*INIT*/);
    performance.mark('minzheng-calc:init'); // the module is compiled and instantiated (for the benchmark)
    const handle = start('#app', embedMode ? { embedded: true, persist: true, exportLocality: true } : {});
    started = true;
    const app = document.getElementById('app');
    listenForLocalityExport(app, {
      inputs: () => getInputs(handle),
      lang: () => (String(app.getAttribute('lang') || 'zh').startsWith('en') ? 'en' : 'zh'),
      words: () => loadWords().then((m) => m.words),
    });
    if (embedMode) postHeight();
    registerServiceWorker();
    // The first results are on the page once start() returns: mark it for the speed benchmark.
    performance.mark('minzheng-calc:first-result');
  } catch (error) {
    showFailure(error);
  }
  // Where the calculator could not start, the batch section stays empty.
  if (!started) return;
  // After the first paint of the results (a frame, then a task): the words module, then the cards' 依据, and the
  // batch section (www/batch.js: its own WebAssembly module is loaded in the page's idle time) with its words.
  // Both are below the first results, and building them first would hold that paint back.
  requestAnimationFrame(() => setTimeout(() => {
    const words = loadWords();
    words.then((m) => setBases(m.bases())).catch((error) => console.warn('the cards\' 依据 unavailable:', error));
    // Without the words module the section still works, naming its words by id (www/batch.js).
    Promise.all([import('./batch.js'), words.catch(() => ({}))])
      .then(([b, m]) => b.attachBatch(document.querySelector('#batch'), { words: m.words }))
      .catch((error) => console.warn('batch section unavailable:', error));
  }, 0));
}
// Called at once: the continuation after `await init()` is a microtask, run when this script's run ends. The single
// file runs this as a classic script in the middle of its <body> with a synchronous init(), so the calculator is
// up before the parser reads on and before the browser first lays out the page.
main();
