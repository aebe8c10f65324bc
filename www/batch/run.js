// A file in: read it (CSV and other delimited text, .xlsx, and .xls / .ods through the legacy-format module),
// compute every row in slices with the page responsive between them, and show the results (table.js).
//
// When a file is done, the section carries data-batch-rows (localities read), data-batch-errors (rows
// with an input error), data-batch-ms (milliseconds from reading the file to the results shown) and
// data-batch-timings (where the time went); data-batch-state says how far it is.

import { group, nextFrame, yieldToBrowser } from './dom.js';
import { Said } from './words.js';
import { loadModule, loadLegacy, warmUp } from './module.js';
import { report, fail } from './state.js';
import { readColumns, renderResults } from './table.js';

// Limits (README "Batch"): a bigger file is refused with a message before it is parsed, never a frozen or
// crashed tab. 200,000 rows covers every township in China; split anything bigger into several files.
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;

const STEP_BUDGET_MS = 40; // computation runs in slices of about this long, with the page responsive between

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

const tooManyRows = (rows) => new Said('batch.too_many_rows', { rows: group(rows), max: group(MAX_ROWS) });

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

/** Reads `file`, computes it and shows the results; one file at a time (another chosen meanwhile is ignored). */
export async function run(s, file) {
  if (s.busy) return;
  const { container, input, progress, failure, results } = s;
  const t = s.words.t;
  s.busy = true;
  input.disabled = true;
  for (const k of ['batchRows', 'batchErrors', 'batchMs', 'batchLoadMs', 'batchTimings']) delete container.dataset[k];
  container.dataset.batchState = 'reading';
  failure.hidden = true;
  s.failed = null;
  results.hidden = true;
  results.replaceChildren();
  s.words.dropResults();
  if (s.job) { s.job.free(); s.job = null; }
  s.fileBase = file.name.replace(/\.[^.]*$/, '') || 'batch';
  progress.hidden = false;
  progress.removeAttribute('value'); // indeterminate while reading
  report(s, () => t('batch.reading', { file: file.name }));
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
    s.glue = m;
    await nextFrame(); // let "reading" show before the parse, which is one call
    if (/\.ett?$/i.test(file.name)) throw new Said('batch.wps_et');
    let bytes = new Uint8Array(buffer);
    const legacy = isLegacy(bytes);
    if (legacy) bytes = await legacySheets(bytes);
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
    if (!isZip && !legacy && countLines(bytes) > MAX_ROWS + 1) throw tooManyRows(countLines(bytes) - 1);
    const tRead = performance.now();
    s.job = new m.BatchJob(bytes);
    const job = s.job;
    const tParsed = performance.now();
    const total = job.rows();
    if (total > MAX_ROWS) throw tooManyRows(total);
    container.dataset.batchState = 'computing';
    progress.max = Math.max(total, 1);
    progress.value = 0;
    let done = 0;
    const chunk = 2000;
    while (done < total) {
      const sliceStart = performance.now();
      while (done < total && performance.now() - sliceStart < STEP_BUDGET_MS) done = job.step(chunk);
      progress.value = done;
      const counts = { done: group(done), total: group(total) };
      report(s, () => t('batch.computing', counts));
      if (done < total) await yieldToBrowser();
    }
    if (total === 0) job.step(1);
    const tComputed = performance.now();
    s.columns = readColumns(job.columns());
    s.sortCol = -1;
    s.descending = false;
    s.onlyUnmet = false;
    renderResults(s, file.name);
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
    report(s, () => t('batch.done', counts));
  } catch (e) {
    container.dataset.batchState = 'failed';
    if (s.job) { try { s.job.free(); } catch { /* already gone */ } s.job = null; }
    fail(s, () => t('batch.failed', { reason: s.words.reason(e) }));
    report(s, () => '');
  } finally {
    progress.hidden = true;
    s.busy = false;
    input.disabled = false;
    input.value = ''; // choosing the same file again runs it again
  }
}
