// What the calculator says when it cannot start: the browser cannot run it (too old, or in 兼容模式), or the start
// failed for another reason. These words are here, not in the text catalogue (crates/text) like every other, because
// the catalogue lives in the WebAssembly module, and this is for when that module cannot run or did not load.
//
// Runs as a classic script in every browser, Internet Explorer (360's 兼容模式) included: ES5, checked by
// `node scripts/floor.mjs check`, which also checks that the message names the versions of scripts/floor.mjs.
// index.html loads it right after #app (the single file carries it inline there), and then it also watches the
// start: if the page's module never runs (no module scripts, a browser older than the floor, a file that did not
// come) it shows the message itself. app.js and embed.js import it as a module for window.minzhengCalcLoad:
//   started             app.js sets it true when it runs
//   whyNot()            why this browser cannot run the calculator (an Error), or null when it can
//   show(container, error, embedded)   puts the message for `error` at the top of `container` (role="alert")
(function () {
  if (typeof window === 'undefined' || window.minzhengCalcLoad) return;
  var doc = window.document;

  var CANNOT_RUN = {
    zh: {
      title: '您的浏览器无法运行本测算器。',
      why: '浏览器版本太旧，或正处于“兼容模式”。本测算器需要以下浏览器之一：360 安全浏览器、360 极速浏览器、QQ 浏览器等的“极速模式”（Chromium 75 及以上内核），Chrome 75 及以上，Edge 79 及以上，Firefox 79 及以上，Safari 15 及以上。',
      todo: '请任选一种办法：',
      steps: [
        '使用 360、QQ 等浏览器时，点击地址栏右侧的闪电图标（或“e”图标），选择“极速模式”，页面会重新打开。',
        '把浏览器更新到最新版本。',
        '改用其他浏览器打开本页，例如新版的 Edge、Chrome 或 Firefox。'
      ]
    },
    en: {
      title: 'This browser cannot run the calculator.',
      why: 'The browser is too old, or it is in compatibility mode (兼容模式). The calculator needs 360 Browser, QQ Browser or a similar browser in 极速模式 (speed mode, a Chromium 75 or later kernel), Chrome 75 or later, Edge 79 or later, Firefox 79 or later, or Safari 15 or later.',
      todo: 'To use it, do one of these:',
      steps: [
        'In 360 or QQ Browser, click the lightning icon (or the “e” icon) at the right of the address bar and choose 极速模式 (speed mode); the page opens again.',
        'Update the browser to its latest version.',
        'Open this page in another browser, such as a recent Edge, Chrome or Firefox.'
      ]
    },
    details: '技术信息 Technical details: '
  };
  var FAILED = {
    page: '计算器加载失败，请刷新页面。您填写的数据仍保存在链接中。 The calculator failed to load; please reload. Your figures are kept in the link.',
    embedded: '计算器加载失败，请刷新页面。 The calculator failed to load; please reload the page.',
    // When the page's script never ran and nothing says why.
    noScript: 'the page’s script did not run'
  };

  // A module that uses each WebAssembly feature the calculator's modules may use (scripts/floor.mjs, which checks
  // that this is so): a mutable global exported, memory.copy, i32.trunc_sat_f32_s, i32.extend8_s.
  var PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 6, 6, 1, 127, 1, 65, 0, 11, 7, 5, 1, 1, 103, 3, 0, 10, 26, 1, 24, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 67, 0, 0, 0, 0, 252, 0, 26, 65, 0, 192, 26, 11];

  function message(error) {
    if (!error) return '';
    return String(error.message ? (error.name ? error.name + ': ' : '') + error.message : error);
  }

  /**
   * Why this browser cannot run the calculator, as an Error for the small print, or null when it can. Asked of
   * the engine itself, before any download: the probe compiles where the module would. (A Content-Security-Policy
   * without 'wasm-unsafe-eval' refuses every module: that is the site's setting, not the browser, so not here.)
   */
  var answer;
  function whyNot() {
    if (answer === undefined) answer = ask();
    return answer;
  }
  function ask() {
    var wasm = window.WebAssembly;
    if (!wasm || typeof wasm !== 'object' || typeof wasm.Module !== 'function') return new Error('WebAssembly is not available in this browser');
    if (typeof window.Promise !== 'function' || typeof window.queueMicrotask !== 'function') return new Error('no Promise or queueMicrotask');
    try {
      new wasm.Module(new Uint8Array(PROBE)); // eslint-disable-line no-new
      return null; // (an engine without a feature throws a CompileError that names it: the small print)
    } catch (e) {
      return /unsafe-eval|Content.Security|disallowed/i.test(message(e)) ? null : e;
    }
  }

  function element(tag, className, text, lang) {
    var e = doc.createElement(tag);
    if (className) e.className = className;
    if (lang) e.setAttribute('lang', lang);
    if (text) e.appendChild(doc.createTextNode(text));
    return e;
  }

  function cannotRunMessage(error) {
    var box = element('div', 'unsupported');
    var langs = ['zh', 'en'];
    for (var i = 0; i < langs.length; i++) {
      var words = CANNOT_RUN[langs[i]];
      var lang = langs[i] === 'zh' ? 'zh-CN' : 'en';
      var p = element('p', null, null, lang);
      p.appendChild(element('strong', null, words.title));
      p.appendChild(doc.createTextNode(' ' + words.why));
      box.appendChild(p);
      box.appendChild(element('p', null, words.todo, lang));
      var list = element('ol', null, null, lang);
      for (var j = 0; j < words.steps.length; j++) list.appendChild(element('li', null, words.steps[j]));
      box.appendChild(list);
    }
    var details = message(error);
    if (details) {
      var small = element('p', 'unsupported-details');
      small.appendChild(element('small', null, CANNOT_RUN.details + details));
      box.appendChild(small);
    }
    return box;
  }

  /** Shows why the calculator did not start, once per container; returns the message element. */
  function show(container, error, embedded) {
    if (container.minzhengCalcFailure) return container.minzhengCalcFailure;
    // The engine, not the error, decides: a browser with the floor's WebAssembly also reads the floor's scripts,
    // so there a syntax error or a damaged download is not the browser's fault.
    var reason = error && error.browser ? error : whyNot();
    var unsupported = reason !== null;
    var note;
    if (unsupported) {
      note = cannotRunMessage(error || reason);
      // Nothing else in the container can work: the loading line, a prerendered calculator (the single file).
      for (var child = container.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 1 && child.nodeName.toLowerCase() !== 'noscript') child.style.display = 'none';
      }
    } else {
      var text = FAILED[embedded ? 'embedded' : 'page'];
      note = element('p', 'fatal', text + (error ? ' (' + message(error) + ')' : ''));
      // The loading line goes; so does the hosted page's "stuck here? a saved copy…" note, unless this is one.
      var loading = embedded ? [] : [doc.getElementById('loading')];
      if (!embedded && window.location.protocol !== 'file:') loading.push(doc.querySelector('.loading-late'));
      for (var i = 0; i < loading.length; i++) if (loading[i]) loading[i].style.display = 'none';
    }
    note.setAttribute('role', 'alert');
    if (unsupported) container.insertBefore(note, container.firstChild);
    else container.appendChild(note);
    container.minzhengCalcFailure = note;
    if (!embedded) doc.documentElement.setAttribute('data-failed', 'true');
    return note;
  }

  var api = window.minzhengCalcLoad = {};
  api.started = false;
  api.whyNot = whyNot;
  api.show = show;

  // ---------- as the page's classic script: watch the start ----------
  // Imported as a module (app.js, embed.js), document.currentScript is null: nothing to watch.
  if (doc.currentScript === null) return;
  var app = function () { return doc.getElementById('app'); };
  var whenParsed = function (f) {
    if (app()) f();
    else if (window.addEventListener) doc.addEventListener('DOMContentLoaded', f);
    else if (window.attachEvent) window.attachEvent('onload', f);
  };

  // No module scripts (Internet Explorer, 360's 兼容模式, Chrome before 61), or an engine without what the
  // modules need: say so at once, before anything else is downloaded (app.js then stops; see also its whyNot).
  var modules = 'noModule' in doc.createElement('script');
  var reason = modules ? whyNot() : new Error('no JavaScript modules (type="module")');
  if (reason) {
    reason.browser = true;
    whenParsed(function () { if (app()) show(app(), reason); });
    return;
  }
  // Otherwise app.js says what happens, once it runs. If it has not run by the time the page has loaded, it never
  // will: a syntax error (a browser older than the floor), or its file did not come.
  var firstError = null;
  window.addEventListener('error', function (event) {
    if (!api.started && !firstError) firstError = event.error || new Error(event.message);
  });
  window.addEventListener('load', function () {
    if (api.started || !app()) return;
    // A copy of the hosted page saved by the browser cannot run its module from disk: its own notes say so.
    if (window.location.protocol === 'file:' && doc.querySelector('.loading-late') && !firstError) return;
    show(app(), firstError || new Error(FAILED.noScript));
  });
})();
