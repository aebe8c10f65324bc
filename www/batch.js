// 批量测算 / Batch: a spreadsheet in (one locality per row), every locality computed, a spreadsheet out.
// The work is done by a second WebAssembly module (pkg/minzheng_batch.js, crates/web-batch), loaded once the
// calculator is up, in the page's idle time (or at once when a file comes first), so that the calculator
// itself starts as fast as before. Everything here is plain DOM built with textContent: a locality name is
// never markup.
//
// Every word comes from the text catalogue (crates/text) through the words module's words(lang), in the
// page's language (<html lang>), and changes when the page's language does.
//
// When a file is done, the section carries data-batch-rows (localities read), data-batch-errors (rows
// with an input error) and data-batch-ms (milliseconds from reading the file to the results shown).

const VISIBLE_ROWS = 200; // rows rendered at once; sorting and filtering work on all of them
const ERRORS_SHOWN = 500;
const STEP_BUDGET_MS = 40; // computation runs in slices of about this long, with the page responsive between
// Limits (README "Batch"): a bigger file is refused with a message before it is parsed, never a frozen or
// crashed tab. 200,000 rows covers every township in China; split anything bigger into several files.
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;

let modulePromise = null;

/** Loads and initialises the batch module once. */
function loadModule() {
  if (!modulePromise) {
    modulePromise = (async () => {
      const glue = await import('./pkg/minzheng_batch.js');
      await glue.default();
      return glue;
    })();
    modulePromise.catch(() => { modulePromise = null; }); // a failed load can be retried
  }
  return modulePromise;
}

let legacyPromise = null;

/** Loads the legacy-format module (pkg/minzheng_legacy.js, crates/web-legacy: .xls and .ods) once, when such
 * a file first arrives. */
function loadLegacy() {
  if (!legacyPromise) {
    legacyPromise = (async () => {
      const glue = await import('./pkg/minzheng_legacy.js');
      await glue.default();
      return glue;
    })();
    legacyPromise.catch(() => { legacyPromise = null; });
  }
  return legacyPromise;
}

/** Whether the bytes are an .xls (an OLE compound file) or an .ods (a zip whose first part is its mimetype). */
function isLegacy(bytes) {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
  const ascii = (from, to) => String.fromCharCode.apply(null, bytes.subarray(from, to));
  return ole || (bytes[0] === 0x50 && bytes[1] === 0x4b && ascii(30, 38) === 'mimetype' && ascii(38, 100).indexOf('opendocument.spreadsheet') >= 0);
}

/** The sheets of an .xls or .ods as the batch module reads them (the legacy-format module's encoding). When that
 * module cannot load, the file's own bytes: the batch module then says what to do. */
async function legacySheets(bytes) {
  let legacy;
  try {
    legacy = await loadLegacy();
  } catch (error) {
    console.warn('legacy-format module not loaded:', error);
    return bytes;
  }
  try {
    return legacy.readLegacy(bytes);
  } catch (error) {
    if (error && typeof error.zh === 'string') throw error; // the module's own message (zh and en)
    console.warn('legacy-format module failed:', error); // a trap in the reader: not the user's to read
    throw new Said('batch.legacy_failed');
  }
}

// The warm-up: small batches (the template's example row, 3,000 rows in all) computed once the module is
// loaded, so that the engine's hot code is already optimised by the browser when the user's own file arrives
// (the first 40,000-row file otherwise runs about twice as long as later ones). It goes in pieces of a few
// milliseconds each (read a 500-row job, or compute 50 of its rows) so that it can run in the page's idle
// time without holding up a keystroke (prepare); what is left of it runs at once before the first file.
const WARM_UP_JOBS = 6;
const WARM_UP_JOB_ROWS = 500;
let warming = null; // null (not started), { bytes, job, jobsDone } (part done), or 'done'

/** Does the next piece of the warm-up; true when it is over (or failed: it is only an optimisation). */
function warmUpPiece(glue) {
  if (warming === 'done') return true;
  try {
    if (!warming) {
      const template = new TextDecoder().decode(glue.templateCsv());
      const [header, example] = template.replace(/^\uFEFF/, '').split(/\r?\n/);
      const text = header + '\n' + (example + '\n').repeat(WARM_UP_JOB_ROWS);
      warming = { bytes: new TextEncoder().encode(text), job: null, jobsDone: 0 };
    }
    if (warming.job) {
      if (warming.job.step(50) >= WARM_UP_JOB_ROWS) {
        warming.job.free();
        warming.job = null;
        warming.jobsDone++;
      }
      return false;
    }
    if (warming.jobsDone < WARM_UP_JOBS) {
      warming.job = new glue.BatchJob(warming.bytes);
      return false;
    }
    const xlsx = new glue.BatchJob(glue.templateXlsx());
    xlsx.step(10);
    xlsx.free();
  } catch (error) {
    console.warn('batch warm-up skipped:', error);
    try { if (warming && warming.job) warming.job.free(); } catch { /* already gone */ }
  }
  warming = 'done';
  return true;
}

/** The rest of the warm-up, at once. */
function warmUp(glue) {
  while (!warmUpPiece(glue));
}

// requestIdleCallback, or (Safari) a timer with a 20 ms deadline of its own.
const whenIdle = (fn) => {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(fn);
  return setTimeout(() => {
    const end = performance.now() + 20;
    fn({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 50);
};

let preparing = false;
/**
 * Loads the module and warms it up in slices of the page's idle time; `container` gets
 * data-batch-module="ready" when both are done.
 */
function prepare(container) {
  if (preparing) return;
  preparing = true;
  loadModule().then((glue) => {
    const slice = (deadline) => {
      // Pieces while this idle period has room, and no more than about 15 ms in one go.
      const start = performance.now();
      let over = warmUpPiece(glue);
      while (!over && deadline.timeRemaining() > 10 && performance.now() - start < 15) over = warmUpPiece(glue);
      if (over) container.dataset.batchModule = 'ready';
      else whenIdle(slice);
    };
    whenIdle(slice);
  }, () => { preparing = false; /* loaded again, with its message, when a file is chosen */ });
}

/**
 * Prepares the module in the page's idle time once the calculator is up, so that a spreadsheet chosen
 * later is computed at once instead of first waiting a fifth of a second or more for the module. A page
 * that never uses the batch pays that idle time once (and the module's memory); a hidden section (an
 * embedded calculator) loads nothing until it is used.
 */
function prepareWhenIdle(container) {
  whenIdle(() => {
    if (container.isConnected && container.getClientRects().length) prepare(container);
  });
}

// Lets the browser handle input and paint between slices of work.
const channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
function yieldToBrowser() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  if (!channel) return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}
const nextFrame = () => new Promise((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 0)));

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Downloads one locality as an Excel workbook, `<name>-民政规划指标.xlsx`: the summary table (序号, 指标, 属性,
 * 单位, 规划要求, 现有, 差距, 状态; 未达标 rows marked; A4 with the header row on every page), then the inputs,
 * the working and the citations. Loads the batch module if it is not loaded yet.
 * @param {Record<string, string|number>} inputs the inputs as compute() takes them
 * @param {string} [lang] 'zh' or 'en' (default: the page's language)
 * @returns {Promise<string>} the file's name; rejects with an Error whose `zh` and `en` say why when the
 *   workbook cannot be made (or the module cannot be loaded)
 */
export async function exportLocalityXlsx(inputs, lang) {
  const m = await loadModule();
  const language = lang || pageLang();
  const values = inputs || {};
  const bytes = m.exportLocality(values, language);
  const name = m.localityFileName(typeof values.name === 'string' ? values.name : '', language);
  download(bytes, name, XLSX_TYPE);
  return name;
}

/**
 * A calculator's 导出本地区 XLSX button ([data-export-locality="xlsx"]: www/app.js for the page and its iframe mode,
 * www/embed.js for the custom element): exports `inputs` (getInputs()) and says how it went in `status`.
 * @param {Element|null} status where to say it (the summary table's status line)
 * @param {(lang: string) => Record<string, string>} words the text catalogue (a module's words(lang))
 */
export function exportLocalityFor(status, inputs, lang, words) {
  const say = (id, values) => {
    const word = words(lang)[id];
    if (status) status.textContent = fill(word === undefined || word === null ? id : word, values);
  };
  say('batch.exporting');
  return exportLocalityXlsx(inputs, lang).then(
    () => say('batch.exported'),
    (error) => say('batch.export_failed', { reason: (error && typeof error[lang] === 'string') ? error[lang] : message(error) }),
  );
}
const CSV_TYPE = 'text/csv;charset=utf-8';
const message = (error) => String((error && error.message) || error);
const group = (n) => Number(n).toLocaleString('zh-CN');

/** Line breaks in delimited text (UTF-8, GB18030 or UTF-16 with its mark), counted before any parsing. */
function countLines(bytes) {
  let n = 1;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    for (let i = 2; i + 1 < bytes.length; i += 2) if (bytes[i] === 10 && bytes[i + 1] === 0) n++;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    for (let i = 2; i + 1 < bytes.length; i += 2) if (bytes[i] === 0 && bytes[i + 1] === 10) n++;
  } else {
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  }
  return n;
}

/** `template` with each `{name}` replaced by `values[name]` (places with no value stay as written). */
const fill = (template, values = {}) =>
  template.replace(/\{([a-z_]+)\}/g, (all, name) => (name in values ? String(values[name]) : all));

/** The page's language: 'en' or 'zh'. */
const pageLang = () => (document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh');

// The norm chooser's choice, for this browser tab (sessionStorage): the ids of the norms left out, so that the
// default, and any norm added later, is shown. A tab without storage (a sandboxed frame) keeps it until reload.
const HIDDEN_NORMS_KEY = 'minzheng-calc.batch.hidden-norms';

function readHiddenNorms() {
  try {
    const list = JSON.parse(sessionStorage.getItem(HIDDEN_NORMS_KEY) || '[]');
    return new Set(Array.isArray(list) ? list.filter((id) => typeof id === 'string') : []);
  } catch (error) {
    return new Set();
  }
}

function saveHiddenNorms(hidden) {
  try {
    sessionStorage.setItem(HIDDEN_NORMS_KEY, JSON.stringify([...hidden]));
  } catch (error) { /* no storage here: the choice lasts until the page is reloaded */ }
}

/** A message that is a catalogue entry with its values, so that it can be said again in another language. */
class Said extends Error {
  constructor(id, values = {}) {
    super(id);
    this.id = id;
    this.values = values;
  }
}

/**
 * Renders the batch section into `container` (an element; its content is replaced).
 * @param {HTMLElement} container
 * @param {{ words: (lang: string) => Record<string, string> }} page the words module's `words` export (www/app.js)
 */
export function attachBatch(container, { words } = {}) {
  if (!container) return;
  container.classList.add('batch');
  container.replaceChildren();
  if (!container.id) container.id = 'batch';
  container.setAttribute('aria-labelledby', 'batch-title');

  let lang = pageLang();
  const catalogues = {};
  const dictionary = () => {
    if (!catalogues[lang]) {
      try {
        catalogues[lang] = words(lang);
      } catch (error) {
        // Only if the words module failed: the section still works, naming its words by id.
        console.warn('batch section: no words from the words module:', error);
        catalogues[lang] = {};
      }
    }
    return catalogues[lang];
  };
  /** The catalogue entry `id` in the page's language, its places filled from `values`. */
  const t = (id, values) => {
    const word = dictionary()[id];
    return fill(word === undefined || word === null ? id : word, values);
  };
  /** Why something failed, in the page's language: a catalogue entry, the batch module's message, or the error's own. */
  const reason = (error) => {
    if (error instanceof Said) return t(error.id, error.values);
    if (error && typeof error[lang] === 'string') return error[lang];
    return message(error);
  };

  // What shows words: each function (re)writes its words; all run again when the page's language changes.
  // The section's own are kept for good; the results' are dropped with the results.
  const sectionWords = [];
  let resultWords = [];
  const say = (list, write) => { write(); list.push(write); };
  const text = (element, id, values) => { say(sectionWords, () => { element.textContent = t(id, values); }); return element; };

  const status = el('p', { class: 'batch-status', role: 'status', 'aria-live': 'polite' });
  const progress = el('progress', { class: 'batch-progress', max: 100, value: 0, hidden: true });
  const failure = el('p', { class: 'batch-failure', role: 'alert', hidden: true });
  const results = el('div', { class: 'batch-results', hidden: true });
  const input = el('input', {
    type: 'file', id: 'batch-file', name: 'batch_file',
    accept: '.csv,.txt,.xlsx,.xls,.ods,.xlsb,.et,text/csv,' + XLSX_TYPE +
      ',application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet',
  });
  const drop = el('div', { class: 'batch-drop' },
    text(el('label', { for: 'batch-file' }), 'batch.choose'),
    input,
    text(el('p', { class: 'hint' }), 'batch.drop_hint'),
  );
  const templates = el('p', { class: 'batch-templates' },
    text(el('span'), 'batch.templates'),
    text(el('button', { type: 'button', class: 'tool', 'data-template': 'xlsx', onclick: () => template('xlsx') }), 'batch.template_xlsx'),
    ' ',
    text(el('button', { type: 'button', class: 'tool', 'data-template': 'csv', onclick: () => template('csv') }), 'batch.template_csv'),
  );
  container.append(
    text(el('h2', { id: 'batch-title' }), 'batch.title'),
    text(el('p', { class: 'intro' }), 'batch.intro'),
    drop, templates, status, progress, failure, results,
  );

  let job = null; // the computed batch, kept for sorting, filtering and (retried) exports
  let glueModule = null; // the batch module, once loaded
  let fileBase = 'batch';
  let columns = [];
  let sortCol = -1;
  let descending = false;
  let onlyUnmet = false;
  let busy = false;
  const hiddenNorms = readHiddenNorms(); // norm ids the table leaves out (the chooser), kept for this tab

  // The status line and the failure line: what they say, kept so that they can say it again.
  let statusSays = () => '';
  say(sectionWords, () => { status.textContent = statusSays(); });
  const report = (write) => { statusSays = write; status.textContent = write(); };
  let failed = null;
  say(sectionWords, () => { if (failed) failure.textContent = failed(); });
  const fail = (write) => {
    failed = write;
    failure.textContent = write();
    failure.hidden = false;
  };

  // The page switches its language on <html lang>: say everything again in it.
  new MutationObserver(() => {
    if (pageLang() === lang) return;
    lang = pageLang();
    for (const write of [...sectionWords, ...resultWords]) write();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

  // Start loading the module as soon as the user shows interest, or the page has nothing else to do.
  const prefetch = () => prepare(container);
  for (const type of ['pointerenter', 'focusin', 'dragenter']) container.addEventListener(type, prefetch, { once: true });
  prepareWhenIdle(container);

  async function template(kind) {
    failure.hidden = true;
    try {
      const m = await loadModule();
      if (kind === 'xlsx') download(m.templateXlsx(), `${t('batch.template_file')}.xlsx`, XLSX_TYPE);
      else download(m.templateCsv(), `${t('batch.template_file')}.csv`, CSV_TYPE);
    } catch (e) {
      fail(() => t('batch.template_failed', { reason: reason(e) }));
    }
  }

  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (file) run(file);
  });
  container.addEventListener('dragover', (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) {
      e.preventDefault();
      drop.classList.add('dragging');
    }
  });
  container.addEventListener('dragleave', (e) => {
    if (!container.contains(e.relatedTarget)) drop.classList.remove('dragging');
  });
  container.addEventListener('drop', (e) => {
    const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    drop.classList.remove('dragging');
    run(file);
  });

  const tooManyRows = (rows) => new Said('batch.too_many_rows', { rows: group(rows), max: group(MAX_ROWS) });

  async function run(file) {
    if (busy) return;
    busy = true;
    input.disabled = true;
    for (const k of ['batchRows', 'batchErrors', 'batchMs', 'batchLoadMs', 'batchTimings']) delete container.dataset[k];
    container.dataset.batchState = 'reading';
    failure.hidden = true;
    failed = null;
    results.hidden = true;
    results.replaceChildren();
    resultWords = [];
    if (job) { job.free(); job = null; }
    fileBase = file.name.replace(/\.[^.]*$/, '') || 'batch';
    progress.hidden = false;
    progress.removeAttribute('value'); // indeterminate while reading
    report(() => t('batch.reading', { file: file.name }));
    try {
      if (file.size > MAX_FILE_BYTES) {
        throw new Said('batch.too_large', { size: (file.size / 1048576).toFixed(1), max: MAX_FILE_BYTES / 1048576 });
      }
      const t0 = performance.now();
      const loadStart = performance.now();
      const modulePending = loadModule().then((m) => {
        warmUp(m); // what the idle time has not done yet
        container.dataset.batchLoadMs = String(Math.round(performance.now() - loadStart));
        return m;
      });
      const [m, buffer] = await Promise.all([modulePending, file.arrayBuffer()]);
      glueModule = m;
      await nextFrame(); // let "reading" show before the parse, which is one call
      if (/\.ett?$/i.test(file.name)) throw new Said('batch.wps_et');
      let bytes = new Uint8Array(buffer);
      const legacy = isLegacy(bytes);
      if (legacy) bytes = await legacySheets(bytes);
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
      if (!isZip && !legacy && countLines(bytes) > MAX_ROWS + 1) throw tooManyRows(countLines(bytes) - 1);
      const tRead = performance.now();
      job = new m.BatchJob(bytes);
      const tParsed = performance.now();
      const total = job.rows();
      if (total > MAX_ROWS) throw tooManyRows(total);
      container.dataset.batchState = 'computing';
      progress.max = Math.max(total, 1);
      progress.value = 0;
      let done = 0;
      let chunk = 2000;
      while (done < total) {
        const sliceStart = performance.now();
        while (done < total && performance.now() - sliceStart < STEP_BUDGET_MS) done = job.step(chunk);
        progress.value = done;
        const counts = { done: group(done), total: group(total) };
        report(() => t('batch.computing', counts));
        if (done < total) await yieldToBrowser();
      }
      if (total === 0) job.step(1);
      const tComputed = performance.now();
      columns = readColumns(job.columns());
      sortCol = -1;
      descending = false;
      onlyUnmet = false;
      renderResults(file.name);
      const tEnd = performance.now();
      const ms = Math.round(tEnd - t0);
      // Where the time went (ms): file read, parse (decode + rows), compute, render.
      container.dataset.batchTimings = [tRead - t0, tParsed - tRead, tComputed - tParsed, tEnd - tComputed]
        .map((x, i) => `${['read', 'parse', 'compute', 'render'][i]}=${Math.round(x)}`).join(' ');
      container.dataset.batchRows = String(total);
      container.dataset.batchErrors = String(job.errorRows());
      container.dataset.batchMs = String(ms);
      container.dataset.batchState = 'done';
      const counts = { rows: group(total), errors: group(job.errorRows()), ms };
      report(() => t('batch.done', counts));
    } catch (e) {
      container.dataset.batchState = 'failed';
      if (job) { try { job.free(); } catch { /* already gone */ } job = null; }
      fail(() => t('batch.failed', { reason: reason(e) }));
      report(() => '');
    } finally {
      progress.hidden = true;
      busy = false;
      input.disabled = false;
      input.value = ''; // choosing the same file again runs it again
    }
  }

  function readColumns(flat) {
    const cols = [];
    for (let i = 0; i < flat.length; i += 6) {
      cols.push({ id: flat[i], kind: flat[i + 1], zh: flat[i + 2], en: flat[i + 3], unitZh: flat[i + 4], unitEn: flat[i + 5] });
    }
    return cols;
  }

  // ---------- results ----------
  let table;
  let tbody;
  let shownNote;
  let exportStatus;
  let exportSays = () => '';
  let shown = () => '';
  const sayExport = (write) => { exportSays = write; exportStatus.textContent = write(); };

  /** The results' words: written now, and again when the language changes (until the next file). */
  const resultText = (element, write) => { say(resultWords, () => { element.textContent = write(); }); return element; };

  function renderResults(fileName) {
    const noteList = el('ul', { class: 'batch-notes' });
    say(resultWords, () => noteList.replaceChildren(...job.notes(lang).map((note) => el('li', { text: note }))));

    exportStatus = el('span', { class: 'batch-export-status', role: 'status' });
    exportSays = () => '';
    say(resultWords, () => { exportStatus.textContent = exportSays(); });
    const exports = el('p', { class: 'batch-exports' },
      resultText(el('button', { type: 'button', class: 'tool', 'data-export': 'xlsx', onclick: () => exportAs('xlsx') }), () => t('batch.export_xlsx')),
      ' ',
      // The CSV is the machine form (headed by field and norm ids, CONTRACT.md §3); the workbook is for reading.
      resultText(el('button', { type: 'button', class: 'tool', 'data-export': 'csv', onclick: () => exportAs('csv') }), () => t('batch.export_csv')),
      ' ', exportStatus,
    );
    const filter = el('input', {
      type: 'checkbox', id: 'batch-only-unmet', name: 'batch_only_unmet',
      onchange: (e) => { onlyUnmet = e.target.checked; resort(); },
    });
    const unmetRows = group(job.unmetRows());
    const filterRow = el('p', { class: 'batch-filter' },
      filter, resultText(el('label', { for: 'batch-only-unmet' }), () => ` ${t('batch.only_unmet', { count: unmetRows })}`),
    );

    table = el('table', { class: 'batch-table' });
    headRow = el('tr');
    // Every column's header cell, made once; the chooser decides which are in the table.
    headCells = columns.map((c, i) => {
      const label = el('span');
      const unit = el('span', { class: 'unit' });
      say(resultWords, () => {
        const name = lang === 'en' ? c.en : c.zh;
        const unitName = lang === 'en' ? c.unitEn : c.unitZh;
        label.textContent = c.kind === 'gap' ? t('batch.gap_column', { name }) : name;
        unit.textContent = unitName ? t('batch.unit', { unit: unitName }) : '';
        unit.hidden = !unitName;
      });
      const button = el('button', { type: 'button', class: 'sort', 'data-col': i, onclick: () => sortBy(i) }, label, unit);
      return el('th', { scope: 'col', 'data-col-id': c.id, 'data-kind': c.kind }, button);
    });
    tbody = el('tbody');
    footRow = el('tr', { class: 'batch-totals' });
    say(resultWords, renderTotals);
    table.append(el('thead', {}, headRow), tbody, el('tfoot', {}, footRow));
    const chooser = normChooser();
    shownNote = el('p', { class: 'hint batch-shown' });
    say(resultWords, () => { shownNote.textContent = shown(); });

    const scroller = el('div', { class: 'batch-scroll', tabindex: 0, role: 'region' }, table);
    say(resultWords, () => scroller.setAttribute('aria-label', t('batch.results')));
    const errors = el('div', { class: 'batch-errors' });
    say(resultWords, () => renderErrors(errors));
    results.append(
      resultText(el('h3'), () => t('batch.results_of', { file: fileName })),
      noteList, exports, filterRow, chooser, shownNote, scroller, errors,
    );
    renderColumns();
    results.hidden = false;
  }

  // ---------- which norms the table shows ----------
  let headRow;
  let headCells = [];
  let footRow;
  let shownCols = []; // indices into columns, in order

  /** The norm a page column belongs to ('' for the row number and the name). */
  const normOf = (c) => (c.kind === 'gap' ? c.id.slice(4) : c.kind === 'required' || c.kind === 'range' ? c.id : '');

  /** The header, body and totals again with the columns of the norms not hidden. */
  function renderColumns() {
    shownCols = [];
    columns.forEach((c, i) => { if (!hiddenNorms.has(normOf(c))) shownCols.push(i); });
    headRow.replaceChildren(...shownCols.map((i) => headCells[i]));
    renderTotals();
    renderRows();
  }

  function renderTotals() {
    if (!footRow) return;
    const totals = job.totals(lang);
    footRow.replaceChildren(...shownCols.map((i, k) => el(k === 0 ? 'th' : 'td', {
      scope: k === 0 ? 'row' : null, text: totals[i], class: columns[i].kind === 'name' ? 'name' : null,
    })));
  }

  /** The chooser: a checkbox per norm (default all), grouped by the plan's chapters, kept for this browser tab. */
  function normChooser() {
    const byId = new Map(columns.filter((c) => c.kind === 'required' || c.kind === 'range').map((c) => [c.id, c]));
    const flat = glueModule.normGroups();
    const groups = []; // [{ zh, en, norms: [column] }] in the plan's order
    for (let i = 0; i < flat.length; i += 3) {
      const c = byId.get(flat[i]);
      if (!c) continue;
      let g = groups[groups.length - 1];
      if (!g || g.zh !== flat[i + 1]) groups.push(g = { zh: flat[i + 1], en: flat[i + 2], norms: [] });
      g.norms.push(c);
    }
    const norms = groups.flatMap((g) => g.norms);
    const boxes = norms.map((c) => {
      const box = el('input', { type: 'checkbox', name: 'batch_norm', value: c.id, checked: !hiddenNorms.has(c.id) });
      box.addEventListener('change', () => {
        if (box.checked) hiddenNorms.delete(c.id); else hiddenNorms.add(c.id);
        changed();
      });
      const label = el('label', { 'data-norm-choice': c.id }, box, ' ', resultText(el('span'), () => (lang === 'en' ? c.en : c.zh)));
      return { box, label };
    });
    const summary = el('summary');
    const count = () => norms.filter((c) => !hiddenNorms.has(c.id)).length;
    say(resultWords, () => { summary.textContent = t('batch.norms_shown', { shown: count(), total: norms.length }); });
    const setAll = (show) => {
      for (const c of norms) { if (show) hiddenNorms.delete(c.id); else hiddenNorms.add(c.id); }
      for (const b of boxes) b.box.checked = show;
      changed();
    };
    function changed() {
      summary.textContent = t('batch.norms_shown', { shown: count(), total: norms.length });
      saveHiddenNorms(hiddenNorms);
      renderColumns();
    }
    return el('details', { class: 'batch-norms', 'data-norm-chooser': true },
      summary,
      el('p', { class: 'batch-norms-tools' },
        resultText(el('button', { type: 'button', class: 'tool', 'data-norms': 'all', onclick: () => setAll(true) }), () => t('batch.norms_all')),
        ' ',
        resultText(el('button', { type: 'button', class: 'tool', 'data-norms': 'none', onclick: () => setAll(false) }), () => t('batch.norms_none')),
        ' ',
        resultText(el('span', { class: 'hint' }), () => t('batch.norms_hint')),
      ),
      ...groups.map((g) => {
        const legend = resultText(el('legend'), () => (lang === 'en' ? g.en : g.zh));
        const labels = g.norms.map((c) => boxes[norms.indexOf(c)].label);
        return el('fieldset', { class: 'batch-norms-group' }, legend, el('div', { class: 'batch-norms-list' }, ...labels));
      }),
    );
  }

  function renderRows() {
    const count = onlyUnmet || sortCol >= 0 ? job.sort(sortCol, descending, onlyUnmet) : job.sort(-1, false, false);
    const n = Math.min(count, VISIBLE_ROWS);
    const flat = job.cells(0, n);
    const width = columns.length + 1;
    const rows = [];
    for (let r = 0; r < n; r++) {
      const base = r * width;
      const flags = flat[base + columns.length];
      const tr = el('tr');
      if (flags.includes('e')) tr.classList.add('has-error');
      if (flags.includes('u')) tr.classList.add('unmet');
      for (let k = 0; k < shownCols.length; k++) {
        const c = shownCols[k];
        const text = flat[base + c];
        const kind = columns[c].kind;
        const cell = document.createElement(k === 0 ? 'th' : 'td');
        if (k === 0) cell.setAttribute('scope', 'row');
        if (kind === 'name') cell.className = 'name';
        else if (kind !== 'row') cell.className = 'num';
        if (kind === 'gap' && text !== '' && text !== '0') cell.classList.add('gap-unmet');
        cell.textContent = text === '' && kind !== 'name' ? '—' : text;
        tr.append(cell);
      }
      rows.push(tr);
    }
    tbody.replaceChildren(...rows);
    const counts = { shown: group(n), count: group(count) };
    shown = () => (count > n ? t('batch.shown_some', counts) : t('batch.shown_all', counts));
    shownNote.textContent = shown();
    table.dataset.rowsInView = String(count);
  }

  function sortBy(i) {
    if (sortCol === i) descending = !descending;
    else { sortCol = i; descending = columns[i].kind !== 'name' && columns[i].kind !== 'row'; }
    for (const th of headCells) th.removeAttribute('aria-sort');
    headCells[i].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    renderRows();
  }

  function resort() { renderRows(); }

  /** The list of input errors, in the page's language, into `box`. */
  function renderErrors(box) {
    const count = job.errorCount();
    if (count === 0) {
      box.replaceChildren(el('p', { class: 'batch-no-errors', text: t('batch.no_errors') }));
      return;
    }
    const flat = job.errors(ERRORS_SHOWN, lang);
    const body = el('tbody');
    for (let i = 0; i < flat.length; i += 4) {
      body.append(el('tr', { 'data-row': flat[i], 'data-field': flat[i + 2] },
        el('td', { class: 'num', text: flat[i] }),
        el('td', { text: flat[i + 1], title: flat[i + 2] }),
        el('td', { text: flat[i + 3] }),
      ));
    }
    box.replaceChildren(
      el('h3', { text: t('batch.errors_of', { rows: group(job.errorRows()), count: group(count) }) }),
      el('table', { class: 'batch-error-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: t('batch.error_row') }),
          el('th', { scope: 'col', text: t('batch.error_column') }),
          el('th', { scope: 'col', text: t('batch.error_message') }))),
        body),
    );
    if (count > ERRORS_SHOWN) box.append(el('p', { class: 'hint', text: t('batch.errors_more', { shown: group(ERRORS_SHOWN) }) }));
  }

  async function exportAs(kind) {
    if (!job) return;
    sayExport(() => t('batch.exporting'));
    await nextFrame();
    try {
      const name = t('batch.results_file', { file: fileBase });
      if (kind === 'xlsx') download(job.toXlsx(), `${name}.xlsx`, XLSX_TYPE);
      else download(job.toCsv(), `${name}.csv`, CSV_TYPE);
      sayExport(() => t('batch.exported'));
    } catch (e) {
      sayExport(() => t('batch.export_failed', { reason: reason(e) }));
    }
  }
}
