// 批量测算 / Batch: a spreadsheet in (one locality per row), every locality computed, a spreadsheet out.
// The work is done by a second WebAssembly module (pkg/minzheng_batch.js, crates/web-batch), loaded once the
// calculator is up, in the page's idle time (or at once when a file comes first), so that the calculator
// itself starts as fast as before. Everything here is plain DOM built with textContent: a locality name is
// never markup.
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
const tooManyRows = (n) => `行数过多（约 ${group(n)} 行），一次最多 ${group(MAX_ROWS)} 行，请拆分为几个文件。 Too many rows (about ${n}); at most ${MAX_ROWS} at once: split the file.`;

/**
 * Renders the batch section into `container` (an element; its content is replaced).
 * @param {HTMLElement} container
 */
export function attachBatch(container) {
  if (!container) return;
  container.classList.add('batch');
  container.replaceChildren();
  if (!container.id) container.id = 'batch';
  container.setAttribute('aria-labelledby', 'batch-title');

  const status = el('p', { class: 'batch-status', role: 'status', 'aria-live': 'polite' });
  const progress = el('progress', { class: 'batch-progress', max: 100, value: 0, hidden: true });
  const failure = el('p', { class: 'batch-failure', role: 'alert', hidden: true });
  const results = el('div', { class: 'batch-results', hidden: true });
  const input = el('input', {
    type: 'file', id: 'batch-file', name: 'batch_file',
    accept: '.csv,.xlsx,text/csv,' + XLSX_TYPE,
  });
  const drop = el('div', { class: 'batch-drop' },
    el('label', { for: 'batch-file', text: '选择表格文件（CSV 或 Excel .xlsx） Choose a spreadsheet (CSV or .xlsx)' }),
    input,
    el('p', { class: 'hint', text: '也可以把文件拖到这里。每行一个地区；列名用字段名（如 resident_population）或中文名（如 常住人口），可带单位；可加“现有＋指标名称”列计算缺口。 Or drop the file here. One locality per row; column names are field ids or the Chinese labels; add 现有<指标> columns for gaps.' }),
  );
  const templates = el('p', { class: 'batch-templates' },
    el('span', { text: '下载模板 Templates: ' }),
    el('button', { type: 'button', class: 'tool', 'data-template': 'xlsx', text: 'Excel 模板 (.xlsx)', onclick: () => template('xlsx') }),
    ' ',
    el('button', { type: 'button', class: 'tool', 'data-template': 'csv', text: 'CSV 模板', onclick: () => template('csv') }),
  );
  container.append(
    el('h2', { id: 'batch-title', text: '批量测算 Batch' }),
    el('p', { class: 'intro', text: '一次测算一个省、市所有县区或乡镇的全部指标，结果可导出为 Excel。文件只在本机浏览器中处理，不会上传。 Every target for every locality at once, exported to Excel. The file is processed in this browser only; nothing is uploaded.' }),
    drop, templates, status, progress, failure, results,
  );

  let job = null; // the computed batch, kept for sorting, filtering and (retried) exports
  let fileBase = 'batch';
  let columns = [];
  let sortCol = -1;
  let descending = false;
  let onlyUnmet = false;
  let busy = false;

  const say = (text) => { status.textContent = text; };
  const fail = (text) => {
    failure.textContent = text;
    failure.hidden = false;
  };

  // Start loading the module as soon as the user shows interest, or the page has nothing else to do.
  const prefetch = () => prepare(container);
  for (const type of ['pointerenter', 'focusin', 'dragenter']) container.addEventListener(type, prefetch, { once: true });
  prepareWhenIdle(container);

  async function template(kind) {
    failure.hidden = true;
    try {
      const m = await loadModule();
      if (kind === 'xlsx') download(m.templateXlsx(), '民政指标批量测算模板.xlsx', XLSX_TYPE);
      else download(m.templateCsv(), '民政指标批量测算模板.csv', CSV_TYPE);
    } catch (e) {
      fail(`模板生成失败，请重试。 The template could not be made; please try again. (${message(e)})`);
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

  async function run(file) {
    if (busy) return;
    busy = true;
    input.disabled = true;
    for (const k of ['batchRows', 'batchErrors', 'batchMs', 'batchLoadMs', 'batchTimings']) delete container.dataset[k];
    container.dataset.batchState = 'reading';
    failure.hidden = true;
    results.hidden = true;
    results.replaceChildren();
    if (job) { job.free(); job = null; }
    fileBase = file.name.replace(/\.[^.]*$/, '') || 'batch';
    progress.hidden = false;
    progress.removeAttribute('value'); // indeterminate while reading
    say(`正在读取 ${file.name}… Reading…`);
    try {
      if (file.size > MAX_FILE_BYTES) {
        throw new Error(`文件过大（${(file.size / 1048576).toFixed(1)} MB），一次最多 ${MAX_FILE_BYTES / 1048576} MB，请拆分为几个文件。 The file is too large (${(file.size / 1048576).toFixed(1)} MB); at most ${MAX_FILE_BYTES / 1048576} MB at once: split it.`);
      }
      const t0 = performance.now();
      const loadStart = performance.now();
      const modulePending = loadModule().then((m) => {
        warmUp(m); // what the idle time has not done yet
        container.dataset.batchLoadMs = String(Math.round(performance.now() - loadStart));
        return m;
      });
      const [m, buffer] = await Promise.all([modulePending, file.arrayBuffer()]);
      await nextFrame(); // let "reading" show before the parse, which is one call
      const bytes = new Uint8Array(buffer);
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
      if (!isZip && countLines(bytes) > MAX_ROWS + 1) throw new Error(tooManyRows(countLines(bytes) - 1));
      const tRead = performance.now();
      job = new m.BatchJob(bytes);
      const tParsed = performance.now();
      const total = job.rows();
      if (total > MAX_ROWS) throw new Error(tooManyRows(total));
      container.dataset.batchState = 'computing';
      progress.max = Math.max(total, 1);
      progress.value = 0;
      let done = 0;
      let chunk = 2000;
      while (done < total) {
        const sliceStart = performance.now();
        while (done < total && performance.now() - sliceStart < STEP_BUDGET_MS) done = job.step(chunk);
        progress.value = done;
        say(`正在测算 ${group(done)} / ${group(total)} 个地区… Computing…`);
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
      say(`完成：${group(total)} 个地区，${group(job.errorRows())} 行有输入错误，用时 ${ms} 毫秒。 Done: ${total} localities, ${job.errorRows()} rows with input errors, ${ms} ms.`);
    } catch (e) {
      container.dataset.batchState = 'failed';
      if (job) { try { job.free(); } catch { /* already gone */ } job = null; }
      fail(`无法处理这个文件。 This file cannot be used. ${message(e)}`);
      say('');
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

  function renderResults(fileName) {
    const notes = job.notes();
    const noteList = el('ul', { class: 'batch-notes' });
    for (let i = 0; i < notes.length; i += 2) noteList.append(el('li', { text: `${notes[i]} ${notes[i + 1]}` }));

    exportStatus = el('span', { class: 'batch-export-status', role: 'status' });
    const exports = el('p', { class: 'batch-exports' },
      el('button', { type: 'button', class: 'tool', 'data-export': 'xlsx', text: '导出 Excel (.xlsx)', onclick: () => exportAs('xlsx') }),
      ' ',
      // The CSV is the machine form (headed by field and norm ids, CONTRACT.md §3); the workbook is for reading.
      el('button', { type: 'button', class: 'tool', 'data-export': 'csv', text: '导出 CSV（字段 id 表头，供程序读取） CSV (id headers, for programs)', onclick: () => exportAs('csv') }),
      ' ', exportStatus,
    );
    const filter = el('input', {
      type: 'checkbox', id: 'batch-only-unmet', name: 'batch_only_unmet',
      onchange: (e) => { onlyUnmet = e.target.checked; resort(); },
    });
    const filterRow = el('p', { class: 'batch-filter' },
      filter, el('label', { for: 'batch-only-unmet', text: ` 只看有未达标指标的地区（${group(job.unmetRows())} 个） Only localities with an unmet target` }),
    );

    table = el('table', { class: 'batch-table' });
    const headRow = el('tr');
    columns.forEach((c, i) => {
      const label = c.kind === 'gap' ? `缺口 ${c.zh}` : c.zh;
      const unit = c.unitZh ? `（${c.unitZh}）` : '';
      const button = el('button', {
        type: 'button', class: 'sort', 'data-col': i,
        title: `${c.en}${c.unitEn ? ` (${c.unitEn})` : ''}${c.kind === 'gap' ? ' — gap' : ''}${c.kind === 'range' ? ' — range' : ''}`,
        onclick: () => sortBy(i),
      }, label, unit ? el('span', { class: 'unit', text: unit }) : null);
      headRow.append(el('th', { scope: 'col', 'data-col-id': c.id, 'data-kind': c.kind }, button));
    });
    tbody = el('tbody');
    const totals = job.totals();
    const footRow = el('tr', { class: 'batch-totals' });
    totals.forEach((t, i) => footRow.append(el(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, text: t })));
    table.append(el('thead', {}, headRow), tbody, el('tfoot', {}, footRow));
    shownNote = el('p', { class: 'hint batch-shown' });

    const scroller = el('div', { class: 'batch-scroll', tabindex: 0, role: 'region', 'aria-label': '测算结果 Results' }, table);
    results.append(
      el('h3', { text: `测算结果：${fileName} Results` }),
      noteList, exports, filterRow, shownNote, scroller,
      renderErrors(),
    );
    renderRows();
    results.hidden = false;
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
      for (let c = 0; c < columns.length; c++) {
        const text = flat[base + c];
        const kind = columns[c].kind;
        const cell = document.createElement(c === 0 ? 'th' : 'td');
        if (c === 0) cell.setAttribute('scope', 'row');
        if (kind === 'name') cell.className = 'name';
        else if (kind !== 'row') cell.className = 'num';
        if (kind === 'gap' && text !== '' && text !== '0') cell.classList.add('gap-unmet');
        cell.textContent = text === '' && kind !== 'name' ? '—' : text;
        tr.append(cell);
      }
      rows.push(tr);
    }
    tbody.replaceChildren(...rows);
    shownNote.textContent = count > n
      ? `显示前 ${group(n)} 行，共 ${group(count)} 行；全部结果请导出。 Showing the first ${n} of ${count} rows; export for all.`
      : `共 ${group(count)} 行。 ${count} rows.`;
    table.dataset.rowsInView = String(count);
  }

  function sortBy(i) {
    if (sortCol === i) descending = !descending;
    else { sortCol = i; descending = columns[i].kind !== 'name' && columns[i].kind !== 'row'; }
    for (const th of table.tHead.rows[0].cells) th.removeAttribute('aria-sort');
    table.tHead.rows[0].cells[i].setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    renderRows();
  }

  function resort() { renderRows(); }

  function renderErrors() {
    const count = job.errorCount();
    const box = el('div', { class: 'batch-errors' });
    if (count === 0) {
      box.append(el('p', { class: 'batch-no-errors', text: '没有输入错误。 No input errors.' }));
      return box;
    }
    box.append(el('h3', { text: `输入错误：${group(job.errorRows())} 行，${group(count)} 处 Input errors` }));
    const flat = job.errors(ERRORS_SHOWN);
    const body = el('tbody');
    for (let i = 0; i < flat.length; i += 5) {
      body.append(el('tr', { 'data-row': flat[i], 'data-field': flat[i + 2] },
        el('td', { class: 'num', text: flat[i] }),
        el('td', { text: flat[i + 1], title: flat[i + 2] }),
        el('td', { text: flat[i + 3] }),
        el('td', { lang: 'en', text: flat[i + 4] }),
      ));
    }
    box.append(el('table', { class: 'batch-error-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: '行号 Row' }),
        el('th', { scope: 'col', text: '列 Column' }),
        el('th', { scope: 'col', text: '错误' }),
        el('th', { scope: 'col', text: 'Error' }))),
      body));
    if (count > ERRORS_SHOWN) {
      box.append(el('p', { class: 'hint', text: `仅显示前 ${ERRORS_SHOWN} 处；全部错误见导出的 Excel 文件“输入错误”表。 Only the first ${ERRORS_SHOWN} are shown; the exported workbook lists all.` }));
    }
    return box;
  }

  async function exportAs(kind) {
    if (!job) return;
    exportStatus.textContent = '正在生成… Preparing…';
    await nextFrame();
    try {
      if (kind === 'xlsx') download(job.toXlsx(), `${fileBase}-测算结果.xlsx`, XLSX_TYPE);
      else download(job.toCsv(), `${fileBase}-测算结果.csv`, CSV_TYPE);
      exportStatus.textContent = '已导出。 Exported.';
    } catch (e) {
      exportStatus.textContent = `导出失败，可再试一次。 Export failed; you can try again. (${message(e)})`;
    }
  }
}
