// www/pkg/minzheng_words.js as the single file sees it (scripts/build.mjs resolves app.js's import of the glue
// here): wasm-bindgen's glue as it is, its init handed the words module from the page once the document is parsed
// (it comes after the script that starts the calculator). Base64 without gzip: the cards' 依据 and the batch
// section's words must come in every browser supported, also those without DecompressionStream (Safari before
// 16.4), and the module is small.
import wasmBindgenInit from '../../www/pkg/minzheng_words.js';
import { inlineBytesWhenParsed } from './inline.js';

export * from '../../www/pkg/minzheng_words.js';

export default async function init() {
  return wasmBindgenInit({ module_or_path: await inlineBytesWhenParsed('minzheng-words-wasm') });
}
