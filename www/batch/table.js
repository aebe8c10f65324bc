// The results of a file: notes, export buttons, the 只看未达标 filter, the norm chooser, the table (sorted and
// filtered by the batch module, VISIBLE_ROWS rows of it in the page, totals at its foot) and the input errors.

import { el, group } from './dom.js';
import { normChooser, normOf } from './norms.js';
import { exportButtons } from './exports.js';
import { renderErrors } from './errors.js';

const VISIBLE_ROWS = 200; // rows rendered at once; sorting and filtering work on all of them

/** The columns from the batch module's flat list (six strings a column). */
export function readColumns(flat) {
  const cols = [];
  for (let i = 0; i < flat.length; i += 6) {
    cols.push({ id: flat[i], kind: flat[i + 1], zh: flat[i + 2], en: flat[i + 3], unitZh: flat[i + 4], unitEn: flat[i + 5] });
  }
  return cols;
}

/** Shows the results of `s.job` (read from `fileName`, its columns in `s.columns`) in `s.results`. */
export function renderResults(s, fileName) {
  const w = s.words;
  const t = w.t;
  // The previous file's columns are gone: nothing is shown of them (renderColumns, below, shows this file's).
  s.shownCols = [];
  const noteList = el('ul', { class: 'batch-notes' });
  w.sayResult(() => noteList.replaceChildren(...s.job.notes(w.lang).map((note) => el('li', { text: note }))));

  const exports = exportButtons(s);
  const filter = el('input', {
    type: 'checkbox', id: 'batch-only-unmet', name: 'batch_only_unmet',
    onchange: (e) => { s.onlyUnmet = e.target.checked; renderRows(s); },
  });
  const unmetRows = group(s.job.unmetRows());
  const filterRow = el('p', { class: 'batch-filter' },
    filter, w.resultText(el('label', { for: 'batch-only-unmet' }), () => ` ${t('batch.only_unmet', { count: unmetRows })}`),
  );

  s.table = el('table', { class: 'batch-table' });
  s.headRow = el('tr');
  s.headCells = s.columns.map((c, i) => {
    const label = el('span');
    const unit = el('span', { class: 'unit' });
    w.sayResult(() => {
      const name = w.lang === 'en' ? c.en : c.zh;
      const unitName = w.lang === 'en' ? c.unitEn : c.unitZh;
      label.textContent = c.kind === 'gap' ? t('batch.gap_column', { name }) : name;
      unit.textContent = unitName ? t('batch.unit', { unit: unitName }) : '';
      unit.hidden = !unitName;
    });
    const button = el('button', { type: 'button', class: 'sort', 'data-col': i, onclick: () => sortBy(s, i) }, label, unit);
    return el('th', { scope: 'col', 'data-col-id': c.id, 'data-kind': c.kind }, button);
  });
  s.tbody = el('tbody');
  s.footRow = el('tr', { class: 'batch-totals' });
  w.sayResult(() => renderTotals(s));
  s.table.append(el('thead', {}, s.headRow), s.tbody, el('tfoot', {}, s.footRow));
  const chooser = normChooser(s, () => renderColumns(s));
  s.shownNote = el('p', { class: 'hint batch-shown' });
  w.sayResult(() => { s.shownNote.textContent = s.shown(); });

  const scroller = el('div', { class: 'batch-scroll', tabindex: 0, role: 'region' }, s.table);
  w.sayResult(() => scroller.setAttribute('aria-label', t('batch.results')));
  const errors = el('div', { class: 'batch-errors' });
  w.sayResult(() => renderErrors(s, errors));
  s.results.append(
    w.resultText(el('h3'), () => t('batch.results_of', { file: fileName })),
    noteList, exports, filterRow, chooser, s.shownNote, scroller, errors,
  );
  renderColumns(s);
  s.results.hidden = false;
}

/** The header, body and totals again with the columns of the norms not hidden. */
function renderColumns(s) {
  s.shownCols = [];
  s.columns.forEach((c, i) => { if (!s.hiddenNorms.has(normOf(c))) s.shownCols.push(i); });
  s.headRow.replaceChildren(...s.shownCols.map((i) => s.headCells[i]));
  renderTotals(s);
  renderRows(s);
}

function renderTotals(s) {
  if (!s.footRow) return;
  const totals = s.job.totals(s.words.lang);
  s.footRow.replaceChildren(...s.shownCols.map((i, k) => el(k === 0 ? 'th' : 'td', {
    scope: k === 0 ? 'row' : null, text: totals[i], class: s.columns[i].kind === 'name' ? 'name' : null,
  })));
}

/** The first VISIBLE_ROWS rows in the chosen order and filter, and the line saying how many there are. */
function renderRows(s) {
  const { job, columns, shownCols } = s;
  const count = s.onlyUnmet || s.sortCol >= 0 ? job.sort(s.sortCol, s.descending, s.onlyUnmet) : job.sort(-1, false, false);
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
  s.tbody.replaceChildren(...rows);
  const counts = { shown: group(n), count: group(count) };
  const t = s.words.t;
  s.shown = () => (count > n ? t('batch.shown_some', counts) : t('batch.shown_all', counts));
  s.shownNote.textContent = s.shown();
  s.table.dataset.rowsInView = String(count);
}

/** Sorts by column `i`: a click on the same column turns the order round; numbers start with the largest. */
function sortBy(s, i) {
  if (s.sortCol === i) s.descending = !s.descending;
  else { s.sortCol = i; s.descending = s.columns[i].kind !== 'name' && s.columns[i].kind !== 'row'; }
  for (const th of s.headCells) th.removeAttribute('aria-sort');
  s.headCells[i].setAttribute('aria-sort', s.descending ? 'descending' : 'ascending');
  renderRows(s);
}
