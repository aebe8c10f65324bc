// 批量测算 / Batch: a spreadsheet in (one locality per row), every locality computed, a spreadsheet out.
// The work is done by a second WebAssembly module (pkg/minzheng_batch.js, crates/web-batch), loaded once the
// calculator is up, in the page's idle time (or at once when a file comes first), so that the calculator
// itself starts as fast as before. Everything here is plain DOM built with textContent: a locality name is
// never markup.
//
// Every word comes from the text catalogue (crates/text) through the words module's words(lang), in the
// page's language (<html lang>), and changes when the page's language does.
//
// This file is the section's entry (app.js and embed.js import it, and the tests): it builds the section and
// wires its events. The rest is in www/batch/, a module per job, sharing one state object (state.js):
//   module.js   loading the batch and legacy-format modules, and the warm-up in the page's idle time
//   words.js    the words, and what says them again when the language changes
//   run.js      reading a file and computing it; the size limits
//   table.js    the results: the table with its sorting, 只看未达标 filter and totals
//   norms.js    the norm chooser (which norms' columns the table shows)
//   errors.js   the list of input errors
//   exports.js  the exports, the templates and one locality's workbook
//   dom.js      element, download and scheduling helpers

import { el, XLSX_TYPE } from './batch/dom.js';
import { sectionWords, followPageLanguage } from './batch/words.js';
import { prepare, prepareWhenIdle } from './batch/module.js';
import { newSection } from './batch/state.js';
import { run } from './batch/run.js';
import { template } from './batch/exports.js';
// The modules the ones above import, named here too so that the browser asks for every file of the section at
// once (the hosted site is not bundled: otherwise each level of imports waits for the one before). A new module
// of the section goes here too.
import './batch/table.js';
import './batch/norms.js';
import './batch/errors.js';

export { MAX_FILE_BYTES, MAX_ROWS } from './batch/run.js';
export { exportLocalityXlsx, exportLocalityFor } from './batch/exports.js';

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

  const w = sectionWords(words);
  const s = newSection(container, w);
  const text = w.text;

  s.status = el('p', { class: 'batch-status', role: 'status', 'aria-live': 'polite' });
  s.progress = el('progress', { class: 'batch-progress', max: 100, value: 0, hidden: true });
  s.failure = el('p', { class: 'batch-failure', role: 'alert', hidden: true });
  s.results = el('div', { class: 'batch-results', hidden: true });
  s.input = el('input', {
    type: 'file', id: 'batch-file', name: 'batch_file',
    accept: '.csv,.txt,.xlsx,.xls,.ods,.xml,.htm,.html,.xlsb,.et,text/csv,' + XLSX_TYPE +
      ',application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet',
  });
  s.drop = el('div', { class: 'batch-drop' },
    text(el('label', { for: 'batch-file' }), 'batch.choose'),
    s.input,
    text(el('p', { class: 'hint' }), 'batch.drop_hint'),
  );
  const templates = el('p', { class: 'batch-templates' },
    text(el('span'), 'batch.templates'),
    text(el('button', { type: 'button', class: 'tool', 'data-template': 'xlsx', onclick: () => template(s, 'xlsx') }), 'batch.template_xlsx'),
    ' ',
    text(el('button', { type: 'button', class: 'tool', 'data-template': 'csv', onclick: () => template(s, 'csv') }), 'batch.template_csv'),
  );
  container.append(
    text(el('h2', { id: 'batch-title' }), 'batch.title'),
    text(el('p', { class: 'intro' }), 'batch.intro'),
    s.drop, templates, s.status, s.progress, s.failure, s.results,
  );

  // The status line and the failure line say again what they said (state.js: report, fail).
  w.say(() => { s.status.textContent = s.statusSays(); });
  w.say(() => { if (s.failed) s.failure.textContent = s.failed(); });
  followPageLanguage(w);

  // Start loading the module as soon as the user shows interest, or the page has nothing else to do.
  const prefetch = () => prepare(container);
  for (const type of ['pointerenter', 'focusin', 'dragenter']) container.addEventListener(type, prefetch, { once: true });
  prepareWhenIdle(container);

  const { input, drop } = s;
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (file) run(s, file);
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
    run(s, file);
  });
}
