// What the batch section writes: the results (XLSX for reading, CSV for machines), the empty templates, and one
// locality's workbook (the calculators' 导出本地区 XLSX button).

import { el, download, nextFrame, XLSX_TYPE, CSV_TYPE } from './dom.js';
import { fill, message, pageLang } from './words.js';
import { loadModule } from './module.js';
import { fail } from './state.js';

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

/** The export buttons and their status line (above the results table). */
export function exportButtons(s) {
  const w = s.words;
  s.exportStatus = el('span', { class: 'batch-export-status', role: 'status' });
  s.exportSays = () => '';
  w.sayResult(() => { s.exportStatus.textContent = s.exportSays(); });
  return el('p', { class: 'batch-exports' },
    w.resultText(el('button', { type: 'button', class: 'tool', 'data-export': 'xlsx', onclick: () => exportAs(s, 'xlsx') }), () => w.t('batch.export_xlsx')),
    ' ',
    // The CSV is the machine form (headed by field and norm ids, CONTRACT.md §3); the workbook is for reading.
    w.resultText(el('button', { type: 'button', class: 'tool', 'data-export': 'csv', onclick: () => exportAs(s, 'csv') }), () => w.t('batch.export_csv')),
    ' ', s.exportStatus,
  );
}

/** Says `write()` beside the export buttons, and again when the language changes. */
function sayExport(s, write) {
  s.exportSays = write;
  s.exportStatus.textContent = write();
}

/** Downloads the results as `kind` ('xlsx' or 'csv'); a failed export says why and can be tried again. */
async function exportAs(s, kind) {
  if (!s.job) return;
  const t = s.words.t;
  sayExport(s, () => t('batch.exporting'));
  await nextFrame();
  try {
    const name = t('batch.results_file', { file: s.fileBase });
    if (kind === 'xlsx') download(s.job.toXlsx(), `${name}.xlsx`, XLSX_TYPE);
    else download(s.job.toCsv(), `${name}.csv`, CSV_TYPE);
    sayExport(s, () => t('batch.exported'));
  } catch (e) {
    sayExport(s, () => t('batch.export_failed', { reason: s.words.reason(e) }));
  }
}

/** Downloads the empty template as `kind` ('xlsx' or 'csv'). */
export async function template(s, kind) {
  const t = s.words.t;
  s.failure.hidden = true;
  try {
    const m = await loadModule();
    if (kind === 'xlsx') download(m.templateXlsx(), `${t('batch.template_file')}.xlsx`, XLSX_TYPE);
    else download(m.templateCsv(), `${t('batch.template_file')}.csv`, CSV_TYPE);
  } catch (e) {
    fail(s, () => t('batch.template_failed', { reason: s.words.reason(e) }));
  }
}
