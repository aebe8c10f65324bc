// The bytes the single file carries as base64 in `<data id="…" value="…">` elements at the end of its <body>
// (scripts/build.mjs writes them; the page's modules read them here). An attribute, not script text: V8 never
// scans it as JavaScript. The page's module comes before the script that starts it; the batch and legacy-format
// modules come after it, so those are read once the document is parsed (inlineBytesWhenParsed).
export function inlineBytes(id) {
  const text = document.getElementById(id).getAttribute('value');
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** inlineBytes(id) once the parser has read the whole document. */
export function inlineBytesWhenParsed(id) {
  if (document.readyState !== 'loading') return Promise.resolve(inlineBytes(id));
  return new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', () => resolve(inlineBytes(id)), { once: true });
  });
}

/** The module carried gzip-compressed under `id`, once the document is parsed: inflated by the browser's
 * DecompressionStream into a Response that WebAssembly.instantiateStreaming compiles as it arrives. */
export async function inflatedWhenParsed(id) {
  const bytes = await inlineBytesWhenParsed(id);
  const wasm = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(wasm, { headers: { 'Content-Type': 'application/wasm' } });
}
