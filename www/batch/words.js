// The batch section's words. Every word comes from the text catalogue (crates/text) through the `words(lang)`
// function attachBatch is given (the words module's, www/app.js), in the page's language (<html lang>), and is said
// again when the page's language changes: whatever shows words registers a function that (re)writes them.

/** `template` with each `{name}` replaced by `values[name]` (places with no value stay as written). */
export const fill = (template, values = {}) =>
  template.replace(/\{([a-z_]+)\}/g, (all, name) => (name in values ? String(values[name]) : all));

/** The page's language: 'en' or 'zh'. */
export const pageLang = () => (document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'zh');

/** An error's own text. */
export const message = (error) => String((error && error.message) || error);

/** A message that is a catalogue entry with its values, so that it can be said again in another language. */
export class Said extends Error {
  constructor(id, values = {}) {
    super(id);
    this.id = id;
    this.values = values;
  }
}

/**
 * The section's words: `lang`, `t(id, values)`, `reason(error)`, and the lists of what says them again.
 * @param {(lang: string) => Record<string, string>} words the text catalogue (attachBatch's `words` option)
 */
export function sectionWords(words) {
  const catalogues = {};
  const w = {
    lang: pageLang(),
    // What shows words: each function (re)writes its words; all run again when the page's language changes.
    // The section's own are kept for good; the results' are dropped with the results (dropResults).
    forGood: [],
    forResults: [],

    /** The catalogue entry `id` in the page's language, its places filled from `values`. */
    t(id, values) {
      if (!catalogues[w.lang]) {
        try {
          catalogues[w.lang] = words(w.lang);
        } catch (error) {
          // Only if the words module failed: the section still works, naming its words by id.
          console.warn('batch section: no words from the words module:', error);
          catalogues[w.lang] = {};
        }
      }
      const word = catalogues[w.lang][id];
      return fill(word === undefined || word === null ? id : word, values);
    },

    /** Why something failed, in the page's language: a catalogue entry, the batch module's message, or the error's own. */
    reason(error) {
      if (error instanceof Said) return w.t(error.id, error.values);
      if (error && typeof error[w.lang] === 'string') return error[w.lang];
      return message(error);
    },

    /** Runs `write` now and again on every change of language, for good. */
    say(write) { write(); w.forGood.push(write); },
    /** Runs `write` now and again on every change of language until the next file's results. */
    sayResult(write) { write(); w.forResults.push(write); },
    dropResults() { w.forResults = []; },

    /** `element` with the section's word `id` as its text, for good. */
    text(element, id, values) { w.say(() => { element.textContent = w.t(id, values); }); return element; },
    /** `element` with the text `write()` returns, until the next file's results. */
    resultText(element, write) { w.sayResult(() => { element.textContent = write(); }); return element; },
  };
  return w;
}

/** The page switches its language on <html lang>: say everything again in it. */
export function followPageLanguage(w) {
  new MutationObserver(() => {
    if (pageLang() === w.lang) return;
    w.lang = pageLang();
    for (const write of [...w.forGood, ...w.forResults]) write();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}
