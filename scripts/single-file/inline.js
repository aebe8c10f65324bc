// The bytes the single file carries as base64 in `<data id="…" value="…">` elements at the end of its <body>
// (scripts/build.mjs writes them; the page's modules read them here). An attribute, not script text: the
// document is parsed by the time the bundled module runs, and V8 never scans it as JavaScript.
export function inlineBytes(id) {
  const text = document.getElementById(id).getAttribute('value');
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
