// The batch module (pkg/minzheng_batch.js, crates/web-batch), which does the work: loaded once the calculator is
// up, in the page's idle time (or at once when a file comes first), so that the calculator itself starts as fast
// as before; and warmed up in that idle time too. Also the legacy-format module for .xls and .ods.

import { whenIdle } from './dom.js';

/** `load()` (the dynamic import of a wasm-bindgen glue) once, initialised; a failed load can be retried. */
function loadOnce(load) {
  let promise = null;
  return () => {
    if (!promise) {
      promise = load().then((glue) => Promise.resolve(glue.default()).then(() => glue));
      promise.catch(() => { promise = null; });
    }
    return promise;
  };
}

/** Loads and initialises the batch module once. */
export const loadModule = loadOnce(() => import('../pkg/minzheng_batch.js'));

/** Loads the legacy-format module (pkg/minzheng_legacy.js, crates/web-legacy: .xls and .ods) once, when such
 * a file first arrives. */
export const loadLegacy = loadOnce(() => import('../pkg/minzheng_legacy.js'));

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
export function warmUp(glue) {
  while (!warmUpPiece(glue));
}

let preparing = false;
/**
 * Loads the module and warms it up in slices of the page's idle time; `container` gets
 * data-batch-module="ready" when both are done.
 */
export function prepare(container) {
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
export function prepareWhenIdle(container) {
  whenIdle(() => {
    if (container.isConnected && container.getClientRects().length) prepare(container);
  });
}
