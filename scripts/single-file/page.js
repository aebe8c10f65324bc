// www/pkg/minzheng_page.js as the single file sees it (scripts/build.mjs resolves app.js's import of the glue
// here): wasm-bindgen's glue as it is, its init handed the module's bytes from the page instead of a URL
// (Chromium fetches nothing from file://, not even a .wasm beside the page).
import wasmBindgenInit, { initSync } from '../../www/pkg/minzheng_page.js';
import { inlineBytes } from './inline.js';

export * from '../../www/pkg/minzheng_page.js';

// Compiled and instantiated at once, while the parser waits on the script that runs this (scripts/build.mjs), so
// that start() runs before the browser lays out anything and before the rest of the document is read. Chromium before 1xx compiles no more than 4 KB at once on the main thread (a
// RangeError, nothing set up yet): there it is compiled asynchronously, as the hosted page does.
export default async function init() {
  const bytes = inlineBytes('minzheng-page-wasm');
  try {
    return initSync({ module: bytes });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return wasmBindgenInit({ module_or_path: bytes });
  }
}
