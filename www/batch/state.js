// The batch section's state: one plain object, made by attachBatch and passed to every function of the section's
// modules as `s`. Everything the section remembers between events is a field here, so that what one part changes
// (a new file, a sort, the norm chooser) is there for every other part to read.

import { readHiddenNorms } from './norms.js';

/**
 * A fresh section's state.
 * @param {HTMLElement} container the section
 * @param {ReturnType<import('./words.js').sectionWords>} words its words (words.js)
 */
export function newSection(container, words) {
  return {
    container,
    words,

    // Its parts, made once by attachBatch.
    input: null, // <input type=file>
    drop: null, // the drop zone around it
    status: null, // the status line (report)
    progress: null, // <progress> while reading and computing
    failure: null, // the failure line (fail)
    results: null, // where the results go (table.js)
    statusSays: () => '', // what the status line says, kept to say it again in another language
    failed: null, // what the failure line says, or null when there is nothing to say

    // The file.
    busy: false, // a file is being read or computed: another one chosen meanwhile is ignored
    glue: null, // the batch module, once loaded
    job: null, // the computed batch (a BatchJob), kept for sorting, filtering and (retried) exports
    fileBase: 'batch', // the file's name without its extension: the exports' names start with it

    // The results table (table.js) and the norm chooser (norms.js).
    columns: [], // [{ id, kind, zh, en, unitZh, unitEn }] as the batch module gives them
    sortCol: -1, // the column sorted by (an index into columns), or -1 for the file's order
    descending: false,
    onlyUnmet: false, // the 只看未达标 filter
    hiddenNorms: readHiddenNorms(), // norm ids the table leaves out (the chooser), kept for this tab
    shownCols: [], // the columns of the norms not hidden: indices into columns, in order
    table: null,
    headRow: null,
    headCells: [], // every column's header cell, made once per file; the chooser decides which are in the table
    tbody: null,
    footRow: null, // the totals
    shownNote: null, // how many rows are shown
    shown: () => '', // what shownNote says
    exportStatus: null, // beside the export buttons
    exportSays: () => '', // what exportStatus says
  };
}

/** Says `write()` on the status line, and again when the language changes. */
export function report(s, write) {
  s.statusSays = write;
  s.status.textContent = write();
}

/** Shows the failure line saying `write()`, and again when the language changes. */
export function fail(s, write) {
  s.failed = write;
  s.failure.textContent = write();
  s.failure.hidden = false;
}
