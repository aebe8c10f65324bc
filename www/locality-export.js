// 导出本地区 XLSX ([data-export-locality="xlsx"]): the one click handler of the page (app.js) and of the custom
// element (embed.js). It hands this locality's figures (getInputs(), the shape compute() takes) to batch.js's
// exportLocalityFor, which writes the workbook with the batch module and says so beside the button. batch.js and
// the words are loaded on the first click, not at start-up.
// Written for the oldest browsers supported (scripts/floor.mjs checks it): no ?. or ??.

/**
 * @param {Element} container the calculator's root (#app, or the element's shadow container)
 * @param {{ inputs: () => (object|null), lang: () => string, words: () => Promise<Function> }} from
 *   `inputs` the figures now (null while no calculator runs), `lang` 'zh' or 'en', `words` the words module's
 *   `words` (a rejected promise: the status line names the words by id)
 */
export function listenForLocalityExport(container, { inputs, lang, words }) {
  container.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('[data-export-locality]');
    if (!button) return;
    const figures = inputs();
    if (figures === null) return;
    const status = container.querySelector('.table-status');
    const said = words().catch(() => () => ({}));
    Promise.all([import('./batch.js'), said])
      .then(([m, w]) => m.exportLocalityFor(status, figures, lang(), w))
      .catch((error) => { if (status) status.textContent = String((error && error.message) || error); });
  });
}
