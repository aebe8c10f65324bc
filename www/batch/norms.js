// The norm chooser: which norms' columns the results table shows. A checkbox per norm (default all), grouped by
// the plan's chapters.

import { el } from './dom.js';

// The choice is kept for this browser tab (sessionStorage) as the ids of the norms left out, so that the
// default, and any norm added later, is shown. A tab without storage (a sandboxed frame) keeps it until reload.
const HIDDEN_NORMS_KEY = 'minzheng-calc.batch.hidden-norms';

export function readHiddenNorms() {
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

/** The norm a column belongs to ('' for the row number and the name). */
export const normOf = (c) => (c.kind === 'gap' ? c.id.slice(4) : c.kind === 'required' || c.kind === 'range' ? c.id : '');

/**
 * The chooser for the columns of `s.columns` (a <details>); it updates `s.hiddenNorms`, saves it, and calls
 * `changed()` to show the table again.
 */
export function normChooser(s, changed) {
  const w = s.words;
  const t = w.t;
  const hiddenNorms = s.hiddenNorms;
  const byId = new Map(s.columns.filter((c) => c.kind === 'required' || c.kind === 'range').map((c) => [c.id, c]));
  const flat = s.glue.normGroups();
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
      onChange();
    });
    const label = el('label', { 'data-norm-choice': c.id }, box, ' ', w.resultText(el('span'), () => (w.lang === 'en' ? c.en : c.zh)));
    return { box, label };
  });
  const summary = el('summary');
  const count = () => norms.filter((c) => !hiddenNorms.has(c.id)).length;
  w.sayResult(() => { summary.textContent = t('batch.norms_shown', { shown: count(), total: norms.length }); });
  const setAll = (show) => {
    for (const c of norms) { if (show) hiddenNorms.delete(c.id); else hiddenNorms.add(c.id); }
    for (const b of boxes) b.box.checked = show;
    onChange();
  };
  function onChange() {
    summary.textContent = t('batch.norms_shown', { shown: count(), total: norms.length });
    saveHiddenNorms(hiddenNorms);
    changed();
  }
  return el('details', { class: 'batch-norms', 'data-norm-chooser': true },
    summary,
    el('p', { class: 'batch-norms-tools' },
      w.resultText(el('button', { type: 'button', class: 'tool', 'data-norms': 'all', onclick: () => setAll(true) }), () => t('batch.norms_all')),
      ' ',
      w.resultText(el('button', { type: 'button', class: 'tool', 'data-norms': 'none', onclick: () => setAll(false) }), () => t('batch.norms_none')),
      ' ',
      w.resultText(el('span', { class: 'hint' }), () => t('batch.norms_hint')),
    ),
    ...groups.map((g) => {
      const legend = w.resultText(el('legend'), () => (w.lang === 'en' ? g.en : g.zh));
      const labels = g.norms.map((c) => boxes[norms.indexOf(c)].label);
      return el('fieldset', { class: 'batch-norms-group' }, legend, el('div', { class: 'batch-norms-list' }, ...labels));
    }),
  );
}
