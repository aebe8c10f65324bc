// www/pkg/minzheng_legacy.js as the single file sees it (scripts/build.mjs resolves batch.js's import of the glue
// here): wasm-bindgen's glue as it is, its init handed the legacy-format module (.xls, .ods) from the page. As the
// batch module (single-file/batch.js), it travels gzip-compressed and the browser's DecompressionStream inflates it;
// it is loaded only when an .xls or .ods arrives.
import wasmBindgenInit from '../../www/pkg/minzheng_legacy.js';
import { inflatedWhenParsed } from './inline.js';

export * from '../../www/pkg/minzheng_legacy.js';

export default async function init() {
  return wasmBindgenInit({ module_or_path: await inflatedWhenParsed('minzheng-legacy-wasm') });
}
