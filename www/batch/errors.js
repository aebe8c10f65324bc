// The list of input errors under the results: row, column and message, in the page's language.

import { el, group } from './dom.js';

const ERRORS_SHOWN = 500;

/** The list of the job's input errors into `box`. */
export function renderErrors(s, box) {
  const t = s.words.t;
  const job = s.job;
  const count = job.errorCount();
  if (count === 0) {
    box.replaceChildren(el('p', { class: 'batch-no-errors', text: t('batch.no_errors') }));
    return;
  }
  const flat = job.errors(ERRORS_SHOWN, s.words.lang);
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
