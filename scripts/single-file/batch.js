// www/pkg/minzheng_batch.js as the single file sees it (scripts/build.mjs resolves batch/module.js's import of the glue
// here): wasm-bindgen's glue as it is, its init handed the batch module from the page. The module travels
// gzip-compressed (it is loaded after start-up, in the page's idle time) and the browser's DecompressionStream
// inflates it into a Response that WebAssembly.instantiateStreaming compiles as it arrives.
import wasmBindgenInit from '../../www/pkg/minzheng_batch.js';
import { inflatedWhenParsed } from './inline.js';

export * from '../../www/pkg/minzheng_batch.js';

export default async function init() {
  return wasmBindgenInit({ module_or_path: await inflatedWhenParsed('minzheng-batch-wasm') });
}
