// www/pkg/minzheng_page.js as the single file sees it (scripts/build.mjs resolves app.js's import of the glue
// here): wasm-bindgen's glue as it is, its init handed the module's bytes from the page instead of a URL
// (Chromium fetches nothing from file://, not even a .wasm beside the page).
import { initSync } from '../../www/pkg/minzheng_page.js';
import { inlineBytes } from './inline.js';

export * from '../../www/pkg/minzheng_page.js';

// Compiled and instantiated at once, in the module's own task, so that start() runs before the browser lays
// out the "Loading…" line.
export default async function init() {
  return initSync({ module: inlineBytes('minzheng-page-wasm') });
}
