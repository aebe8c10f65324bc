#!/usr/bin/env node
// Builds the single-file offline page dist/minzheng-calc.html from www/ (after wasm-bindgen + wasm-opt).
//
// - <link rel="stylesheet" href="local.css">  → inline <style> (local url(...) assets become data: URLs)
// - <script type="module" src="app.js">       → ONE inline module (render-blocking): wasm-bindgen glue (exports
//                                                stripped) + app.js in its own block scope; the wasm bytes
//                                                (text) in <data> elements at the end of <body>
// - other local <script src>                  → inlined (must not import anything)
// - <link rel="icon"...>, <img src>           → data: URLs;  <link rel="manifest|preload|modulepreload"> → dropped
//
// The bootstrap contract (www/app.js):
//     import init, { start } from './pkg/minzheng_calc.js';
//     await init();
//     start();
// The import line is removed and `init` is rebound to `() => __wbg_init({ module_or_path: WASM_BYTES })`
// (likewise `initSync` → `initSync({ module: WASM_BYTES })`), so however app.js calls it, the inline bytes are
// used and nothing is fetched. No marker comment is needed.
//
// Fails (exit 1) if the result would still reference any file or network resource.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, extname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import vm from 'node:vm';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const GLUE_REL = 'pkg/minzheng_calc.js';
const WASM_REL = 'pkg/minzheng_calc_bg.wasm';
const OUT = join(ROOT, 'dist', 'minzheng-calc.html');
// The hosted site may offer the offline page as a download; www/minzheng-calc.html is git-ignored.
const OUT_COPY = join(WWW, 'minzheng-calc.html');

const MIME = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.webp': 'image/webp', '.avif': 'image/avif',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.otf': 'font/otf',
  '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
};

const die = (msg) => { console.error(`[build-single] ERROR: ${msg}`); process.exit(1); };
const warn = (msg) => console.warn(`[build-single] warning: ${msg}`);

// ---------- helpers ----------
const isLocal = (u) => !!u && !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(u.trim());

function localPath(base, url) {
  const clean = decodeURIComponent(url.trim().split(/[?#]/)[0]);
  const p = clean.startsWith('/') ? join(WWW, clean) : resolve(base, clean);
  const rel = relative(WWW, p);
  if (rel.startsWith('..') || rel.split(sep).includes('..')) die(`${url} points outside www/`);
  if (!existsSync(p)) die(`${url} referenced from ${relative(ROOT, base) || '.'} does not exist (${relative(ROOT, p)})`);
  return p;
}

function dataUrl(path) {
  const type = MIME[extname(path).toLowerCase()] || 'application/octet-stream';
  return `data:${type};base64,${readFileSync(path).toString('base64')}`;
}

function parseAttrs(tag) {
  const attrs = {};
  const body = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

// Never let inline content close its own element early.
const safeJs = (s) => s.replace(/<\/(script)/gi, '<\\/$1');
// The inline scripts are minified (terser, an npm devDependency: about 7 kB less of the single file's gzip, and
// 40 kB less script text to parse at start-up). The readable sources are www/ and scripts/ in the repository;
// the hosted site serves them as they are. Without terser the build warns and inlines them unminified.
// MINIFY=0 leaves them as written (to read a profile of the page by function names).
let terser = null;
try {
  if (process.env.MINIFY !== '0') terser = await import('terser');
} catch {
  warn('terser is not installed (npm ci): the single file\'s scripts are not minified (about 7 kB more gzip)');
}
function minifyJs(code, module) {
  if (!terser) return code;
  const out = terser.minify_sync(code, { module, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (out.error || typeof out.code !== 'string') die(`terser could not minify an inline script: ${out.error}`);
  if (/<!--|-->/.test(out.code)) die('a minified inline script contains <!-- or -->, which the HTML parser would misread');
  return out.code;
}
const safeCss = (s) => s.replace(/<\/(style)/gi, '<\\/$1');

// The inline stylesheets without comments and runs of white space (about 1 kB less of the single file's gzip;
// the hosted site serves www/*.css as written). Strings are kept as written; outside them only comments and
// white space beside { } ; , go (white space elsewhere can matter: `div :hover`, `calc(1px - 2px)`).
function minifyCss(css) {
  return css
    .split(/(\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/)
    .map((part, i) => {
      if (i % 2) return part.startsWith('/*') ? '' : part; // a comment, or a string
      return part.replace(/\s+/g, ' ').replace(/\s*([{};,])\s*/g, '$1');
    })
    .join('')
    .trim();
}

function inlineCss(cssPath) {
  const dir = dirname(cssPath);
  let css = readFileSync(cssPath, 'utf8');
  if (/@import\b/.test(css)) {
    css = css.replace(/@import\s+(?:url\()?\s*['"]?([^'")\s;]+)['"]?\s*\)?\s*;/g, (all, u) => {
      if (!isLocal(u)) die(`stylesheet ${relative(ROOT, cssPath)} imports a remote stylesheet: ${u}`);
      return inlineCss(localPath(dir, u));
    });
  }
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (all, q, u) => {
    if (u.startsWith('data:')) return all;
    if (!isLocal(u)) die(`stylesheet ${relative(ROOT, cssPath)} references a remote resource: ${u}`);
    return `url("${dataUrl(localPath(dir, u))}")`;
  });
}

// ---------- wasm-bindgen glue ----------
function loadGlue(glueRel = GLUE_REL, wasmRel = WASM_REL) {
  const gluePath = join(WWW, glueRel);
  const wasmPath = join(WWW, wasmRel);
  if (!existsSync(gluePath) || !existsSync(wasmPath)) die(`www/${glueRel} or www/${wasmRel} missing — run scripts/build.sh`);
  let glue = readFileSync(gluePath, 'utf8');
  if (/^\s*import\s*(?:[\w{*'"])/m.test(glue)) {
    die(`the wasm-bindgen glue imports other modules (JS snippets / inline_js?) — not supported by the single-file build`);
  }
  const exportsMap = new Map(); // exported name → local binding
  glue = glue.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm, (all, kw, name) => {
    exportsMap.set(name, name);
    return `${kw} ${name}`;
  });
  glue = glue.replace(/^export\s*\{([^}]*)\}\s*;?/gm, (all, list) => {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [local, exported = local] = item.split(/\s+as\s+/).map((s) => s.trim());
      exportsMap.set(exported, local);
    }
    return '';
  });
  glue = glue.replace(/^export\s+default\s+([\w$]+)\s*;?/gm, (all, name) => { exportsMap.set('default', name); return ''; });
  if (/^\s*export\b/m.test(glue)) die('unrecognised export statement left in the wasm-bindgen glue');
  if (!exportsMap.has('default')) die('the wasm-bindgen glue has no default export (expected __wbg_init)');
  const wasm = readFileSync(wasmPath);
  return { glue, exportsMap, wasm };
}

// ---------- the wasm bytes, as data elements ----------
// Each wasm module travels as text in the value of a <data id="…" value="…"></data> at the end of <body>
// (an element with no content: nothing shows, nothing is read aloud): the page's as text (see escapeBytes), the batch
// module's compressed, as base64 (see buildBatchModule). Not a string literal in the inline
// module: V8 would scan every character of it as JavaScript before the page could start. Not a
// <script type="application/octet-stream"> either: Chromium's parser takes about 17 ms over 270 kB of script
// text and about 10 ms over the same as an attribute value (headless Chromium 156, file://, median of 15
// loads). (One character per byte, U+0100 + b for bytes that are not plain ASCII, parses slower still: 120 vs
// 101 ms to the first result over 40 loads.) The module reads the value (the document is parsed by the time a module script runs) when it needs
// the bytes.
const dataBlocks = [];
function dataBlock(id, bytes, encoding = 'base64') {
  const text = typeof bytes === 'string' ? bytes : bytes.toString(encoding);
  if (/["&<>]/.test(text)) die(`the text of data element ${id} would need escaping`);
  dataBlocks.push(`<data id="${id}" value="${text}"></data>`);
  return `document.getElementById(${JSON.stringify(id)}).getAttribute('value')`;
}

// ---------- the batch module, compressed, decoded in the page ----------
// base64 hides the byte patterns a compressor finds in a wasm module: the page's own gzip shrinks base64 wasm to
// about 1.3× the wasm's gzip size, but base64 of already-compressed bytes to about 1.0× of it. So the batch
// module travels compressed: LZMA (Python's lzma module, at build time only: Node has no LZMA), about 19% smaller
// than zlib level 9 on these modules, or gzip where Python or its lzma module is missing. scripts/inflate.js
// decodes it in the page (__unlzma, or __gunzip over __inflate), synchronously and in any browser; the page gets
// only the decoders it uses, each as its own source text (Function.prototype.toString), run here in a vm sandbox
// over every block and compared with the original before the page is written.
const INFLATE_SRC = readFileSync(join(ROOT, 'scripts', 'inflate.js'), 'utf8');
const DECODERS = (() => {
  const sandbox = { atob, TextEncoder }; // what the decoders use of the browser's globals
  vm.createContext(sandbox);
  vm.runInContext(`${INFLATE_SRC}\nthis.decoders = { __inflate, __gunzip, __unlzma, __undelta, __unescapeBytes, __offThread };`, sandbox);
  return sandbox.decoders;
})();
const sameBytes = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), b) === 0;
function gzipChecked(name, bytes) {
  const gz = gzipSync(bytes, { level: 9, memLevel: 9, strategy: zlibConstants.Z_DEFAULT_STRATEGY });
  if (!sameBytes(DECODERS.__gunzip(new Uint8Array(gz)), bytes)) {
    die(`scripts/inflate.js does not give back ${name} (${bytes.length} bytes) from its gzip`);
  }
  return gz;
}
// LZMA_Alone streams (header: properties, dictionary size, output size all 0xFF = unknown; an end marker) from
// liblzma at its strongest preset, over a few literal-context/position settings (lc, lp, pb; lc + lp ≤ 4 for
// liblzma); the smallest one is written out. The settings travel in the stream's first byte. The dictionary is
// the input's size (the default 64 MiB would only cost the encoder memory). null if python3 or its lzma module
// is missing or fails.
const LZMA_PY = `
import lzma, sys
data = sys.stdin.buffer.read()
best = None
for lc, lp, pb in ((3, 0, 0), (3, 0, 2), (4, 0, 0), (2, 0, 0), (1, 2, 2)):
    f = {"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": max(4096, len(data)),
         "lc": lc, "lp": lp, "pb": pb}
    c = lzma.compress(data, format=lzma.FORMAT_ALONE, filters=[f])
    if best is None or len(c) < len(best):
        best = c
sys.stdout.buffer.write(best)
`;
let lzmaMissing = null; // why python3's lzma cannot be used, once found out
function lzmaCompress(bytes) {
  if (lzmaMissing) return null;
  const r = spawnSync('python3', ['-c', LZMA_PY], { input: bytes, maxBuffer: 256 << 20 });
  if (r.error || r.status !== 0 || !r.stdout || r.stdout.length < 13) {
    const said = String(r.stderr || '').trim().split('\n').pop();
    lzmaMissing = `python3's lzma: ${said || (r.error ? r.error.message : `exit status ${r.status}`)}`;
    return null;
  }
  return r.stdout;
}
// An LZMA stream of `bytes` that __unlzma gives back exactly, or null (with a warning: the caller falls back to
// gzip).
function lzmaChecked(name, bytes) {
  const lz = lzmaCompress(bytes);
  if (!lz) return null;
  let back = null, why = 'different bytes';
  try {
    back = DECODERS.__unlzma(new Uint8Array(lz));
  } catch (e) {
    why = e.message;
  }
  if (back && sameBytes(back, bytes)) return lz;
  warn(`scripts/inflate.js's __unlzma does not give back ${name} (${bytes.length} bytes) from its LZMA stream (${why}): not used`);
  return null;
}
// The batch module LZMA-compressed with the page's module as the encoder's preset dictionary: the stream copies
// from the page's bytes wherever the two modules share a run (catalogue text, library code), at any length and
// with the encoder's own choice of matches, and __unlzma(block, page module) decodes it. 78.7 kB for the batch
// module of Nov 2026, where the delta below (matches of 24 B or more, then LZMA) took 84.3 kB. Python's lzma
// module has no preset dictionary, so this calls liblzma (the library that module is built on) through ctypes:
// lzma_raw_buffer_encode with an LZMA1 filter; the 13-byte .lzma header (properties, dictionary size, size
// unknown) is written here. Only lp = pb = 0, so that the stream's position states cannot depend on where the
// dictionary ends. stdin: 4-byte little-endian dictionary length, the dictionary, the data. null if python3 or
// liblzma is missing or fails (the delta is used then).
const LZMA_DICT_PY = `
import ctypes, ctypes.util, struct, sys
lib = ctypes.CDLL(ctypes.util.find_library("lzma") or "liblzma.so.5")
class Options(ctypes.Structure):  # lzma_options_lzma (lzma/lzma12.h), with room for its reserved fields
    _fields_ = [("dict_size", ctypes.c_uint32), ("preset_dict", ctypes.c_void_p), ("preset_dict_size", ctypes.c_uint32),
                ("lc", ctypes.c_uint32), ("lp", ctypes.c_uint32), ("pb", ctypes.c_uint32), ("mode", ctypes.c_int),
                ("nice_len", ctypes.c_uint32), ("mf", ctypes.c_int), ("depth", ctypes.c_uint32),
                ("reserved", ctypes.c_uint8 * 256)]
class Filter(ctypes.Structure):
    _fields_ = [("id", ctypes.c_uint64), ("options", ctypes.c_void_p)]
raw = sys.stdin.buffer.read()
n = struct.unpack("<I", raw[:4])[0]
dictionary, data = raw[4:4 + n], raw[4 + n:]
keep = ctypes.create_string_buffer(dictionary, len(dictionary))
best = None
for lc in (3, 4, 2):
    o = Options()
    if lib.lzma_lzma_preset(ctypes.byref(o), ctypes.c_uint32(9 | 0x80000000)):
        sys.exit("lzma_lzma_preset failed")
    o.preset_dict, o.preset_dict_size = ctypes.cast(keep, ctypes.c_void_p), len(dictionary)
    o.dict_size, o.lc, o.lp, o.pb = max(4096, len(dictionary) + len(data)), lc, 0, 0
    filters = (Filter * 2)(Filter(0x4000000000000001, ctypes.cast(ctypes.pointer(o), ctypes.c_void_p)),
                           Filter(0xFFFFFFFFFFFFFFFF, None))
    out = ctypes.create_string_buffer(len(data) * 2 + 65536)
    pos = ctypes.c_size_t(0)
    if lib.lzma_raw_buffer_encode(filters, None, data, ctypes.c_size_t(len(data)), out, ctypes.byref(pos),
                                  ctypes.c_size_t(len(out))):
        sys.exit("lzma_raw_buffer_encode failed")
    stream = struct.pack("<BI", lc, o.dict_size) + b"\\xff" * 8 + out.raw[:pos.value]
    if best is None or len(stream) < len(best):
        best = stream
sys.stdout.buffer.write(best)
`;
// An LZMA stream of `bytes` over the preset dictionary `dict` that __unlzma gives back exactly, or null.
function lzmaDictChecked(name, bytes, dict) {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(dict.length);
  const r = spawnSync('python3', ['-c', LZMA_DICT_PY], { input: Buffer.concat([header, dict, bytes]), maxBuffer: 256 << 20 });
  if (r.error || r.status !== 0 || !r.stdout || r.stdout.length < 18) {
    const said = String(r.stderr || '').trim().split('\n').pop();
    warn(`liblzma with a preset dictionary (python3, ctypes): ${said || (r.error ? r.error.message : `exit status ${r.status}`)}: ${name} travels as a delta instead`);
    return null;
  }
  let back = null, why = 'different bytes';
  try {
    back = DECODERS.__unlzma(new Uint8Array(r.stdout), new Uint8Array(dict));
  } catch (e) {
    why = e.message;
  }
  if (back && sameBytes(back, bytes)) return r.stdout;
  warn(`scripts/inflate.js's __unlzma does not give back ${name} from its LZMA stream over the page's module (${why}): not used`);
  return null;
}
// The properties byte of an LZMA stream, as the log shows it.
const lzmaSettings = (lz) => `lc=${lz[0] % 9} lp=${Math.floor(lz[0] / 9) % 5} pb=${Math.floor(lz[0] / 45)}`;
// The batch module as copies from the page's module and literal bytes (decoded by __undelta in
// scripts/inflate.js): a greedy long-match search over `base`, matches of at least `min` bytes.
function deltaEncode(target, base, min) {
  const out = [];
  const num = (v) => { do { let b = v % 128; v = Math.floor(v / 128); if (v) b |= 128; out.push(b); } while (v); };
  const index = new Map(); // first `min` bytes (latin1) → first position in base
  for (let i = 0; i + min <= base.length; i++) {
    const key = base.toString('latin1', i, i + min);
    if (!index.has(key)) index.set(key, i);
  }
  num(target.length);
  let i = 0, lit = 0;
  const flush = (len, from) => {
    num(i - lit);
    for (let k = lit; k < i; k++) out.push(target[k]);
    num(len);
    if (len) num(from);
  };
  while (i + min <= target.length) {
    const from = index.get(target.toString('latin1', i, i + min));
    if (from === undefined) { i++; continue; }
    let len = min;
    while (i + len < target.length && from + len < base.length && target[i + len] === base[from + len]) len++;
    flush(len, from);
    i += len;
    lit = i;
  }
  i = target.length;
  flush(0, 0);
  return Buffer.from(out);
}
// The batch module's block: LZMA over the page's module (lzmaDictChecked; `min` is then null) where liblzma can be
// reached, else the smallest delta over a few match lengths (LZMA; gzip if no LZMA stream could be made and
// checked), checked both ways (decoded, then undelta) against the original. `decoder` is the page's function for
// the first step.
function deltaChecked(name, target, base) {
  const overPage = lzmaDictChecked(name, target, base);
  if (overPage) return { bytes: overPage, min: null, decoder: '__unlzma' };
  const deltas = [12, 16, 24, 32].map((min) => ({ min, delta: deltaEncode(target, base, min) }));
  let best = null;
  for (const { min, delta } of deltas) {
    const lz = lzmaChecked(`${name} (delta, matches ≥ ${min} B)`, delta);
    if (lz && (!best || lz.length < best.bytes.length)) best = { bytes: lz, min, decoder: '__unlzma' };
  }
  if (!best) {
    warn(`${lzmaMissing || 'no LZMA stream came back right through __unlzma'}: the batch module is gzip-compressed instead of LZMA (about 19% larger)`);
    for (const { min, delta } of deltas) {
      const gz = gzipChecked(`${name} (delta)`, delta);
      if (!best || gz.length < best.bytes.length) best = { bytes: gz, min, decoder: '__gunzip' };
    }
  }
  const back = DECODERS.__undelta(DECODERS[best.decoder](new Uint8Array(best.bytes)), new Uint8Array(base));
  if (!sameBytes(back, target)) die(`__undelta does not give back ${name} from its delta against the page's module`);
  return best;
}
// The page's module as text: one character for each of the 85 most frequent byte values, two for the others
// (scripts/inflate.js, __unescapeBytes). Each byte value always gives the same text, so the page's own gzip still
// finds the module's repeats: 87.9 kB of the single file's gzip for a module that gzips to 86.6 kB alone, where
// hex cost 96.6 kB and base64 117 kB. The text is 224 kB (hex: 399 kB), so the page also parses faster.
// Checked here: the text decodes back to the module byte for byte.
function escapeBytes(bytes) {
  const alphabet = '!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
  const n = alphabet.length, direct = n - 2;
  const count = new Array(256).fill(0);
  for (const b of bytes) count[b]++;
  const ranked = [...Array(256).keys()].sort((a, b) => count[b] - count[a] || a - b);
  const code = new Array(256);
  ranked.forEach((b, r) => {
    code[b] = r < direct ? alphabet[2 + r] : alphabet[((r - direct) / n) | 0] + alphabet[(r - direct) % n];
  });
  let text = '';
  for (const b of bytes) text += code[b];
  const ranks = Buffer.from(ranked).toString('hex');
  if (!sameBytes(DECODERS.__unescapeBytes(text, ranks, bytes.length), bytes)) die('__unescapeBytes does not give back the page\'s module');
  return { text, ranks };
}
const fromBase64 = (b64) => `((typeof Uint8Array.fromBase64 === 'function') ? Uint8Array.fromBase64(${b64}) : Uint8Array.from(atob(${b64}), (c) => c.charCodeAt(0)))`;

// ---------- the batch section (www/batch.js + its own wasm module), loaded after start-up ----------
// app.js calls `import('./batch.js')`; batch.js calls `import('./pkg/minzheng_batch.js')` and then its default
// (init). Offline there is nothing to fetch, so both become inline code: the batch glue (exports removed) inside
// a function run when the module is loaded, its wasm compressed over the page's (rebuilt then, in a Worker), and
// batch.js inside its own scope. app.js's `import('./batch.js')` becomes `Promise.resolve(__minzhengBatch)`.
const BATCH_JS_REL = 'batch.js';
const BATCH_GLUE_REL = 'pkg/minzheng_batch.js';
const BATCH_WASM_REL = 'pkg/minzheng_batch_bg.wasm';
const BATCH_IMPORT_RE = /import\(\s*(['"])\.\/batch\.js\1\s*\)/g;
// The functions of scripts/inflate.js the page needs (set by buildBatchModule; none without a batch section).
let pageDecoders = [];

function buildBatchModule(pageWasm) {
  const { glue, exportsMap, wasm } = loadGlue(BATCH_GLUE_REL, BATCH_WASM_REL);
  const { bytes, min, decoder } = deltaChecked(BATCH_WASM_REL, wasm, pageWasm);
  const how = decoder === '__unlzma' ? `LZMA (${lzmaSettings(bytes)})` : 'gzip';
  const overPage = min === null; // LZMA with the page's module as its preset dictionary, no delta
  pageDecoders = overPage ? ['__unlzma', '__offThread'] : decoder === '__unlzma' ? ['__unlzma', '__undelta'] : ['__inflate', '__gunzip', '__undelta'];
  console.log(`[build-single] batch module ${wasm.length} B → ${overPage ? `${how} over the page's module as its dictionary` : `delta against the page's (matches ≥ ${min} B), ${how}`} ${bytes.length} B (gzip alone ${gzipSync(wasm, { level: 9 }).length} B)`);
  let src = readFileSync(join(WWW, BATCH_JS_REL), 'utf8');
  const glueImport = /import\(\s*(['"])\.\/pkg\/minzheng_batch\.js\1\s*\)/g;
  if (!glueImport.test(src)) die(`www/${BATCH_JS_REL} does not import('./${BATCH_GLUE_REL}')`);
  src = src.replace(glueImport, '__minzhengBatchGlue()');
  if (/^\s*import\s*(?:[\w{*'"])/m.test(src)) die(`www/${BATCH_JS_REL} has static imports — not supported by the single-file build`);
  const exported = [];
  src = src.replace(/^export\s+((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm, (all, kw, name) => {
    exported.push(name);
    return `${kw} ${name}`;
  });
  if (/^\s*export\b/m.test(src)) die(`unrecognised export statement in www/${BATCH_JS_REL}`);
  const initLocal = exportsMap.get('default');
  const entries = [...exportsMap].map(([name, local]) => (name === 'default'
    ? `default: async () => ${initLocal}({ module_or_path: await __batchWasmBytes() })`
    : `${JSON.stringify(name)}: ${local}`));
  return [
    `// ---- www/${BATCH_JS_REL} and its module (www/${BATCH_GLUE_REL}, www/${BATCH_WASM_REL}: ${wasm.length} bytes; ${bytes.length} compressed, ${overPage ? 'LZMA over the page\'s module' : 'a delta against the page\'s module'}), inline; rebuilt and compiled after start-up ----`,
    'const __minzhengBatch = (() => {',
    `const __batchWasmB64 = () => ${dataBlock('minzheng-batch-wasm', bytes)};`,
    // __WASM_BYTES (the page's module, 200 kB) stays in memory for this: the delta copies from it.
    overPage
      ? `const __batchWasmBytes = async () => { const src = ${fromBase64('__batchWasmB64()')}; return (await __offThread(__unlzma, [src, __WASM_BYTES])) ?? __unlzma(src, __WASM_BYTES); };`
      : `const __batchWasmBytes = async () => __undelta(${decoder}(${fromBase64('__batchWasmB64()')}), __WASM_BYTES);`,
    'let __batchGlueExports = null;',
    'const __minzhengBatchGlue = async () => (__batchGlueExports ??= (() => {',
    glue.trim(),
    `return { ${entries.join(', ')} };`,
    '})());',
    src.trim(),
    `return { ${exported.join(', ')} };`,
    '})();',
  ].join('\n');
}

// ---------- the app bootstrap ----------
function buildBootstrapModule(appPath) {
  const { glue, exportsMap, wasm } = loadGlue();
  const pageText = escapeBytes(wasm);
  let app = readFileSync(appPath, 'utf8');
  const importRe = /^[ \t]*import\s+([^;'"]*?)\s*from\s*(['"])\.\/pkg\/minzheng_calc\.js\2\s*;?[ \t]*$/m;
  const m = app.match(importRe);
  if (!m) die(`${relative(ROOT, appPath)} does not import './${GLUE_REL}'`);
  app = app.replace(importRe, () => '');
  if (/^\s*import\s*(?:[\w{*'"])/m.test(app)) die(`${relative(ROOT, appPath)} has other static imports — not supported by the single-file build`);
  if (/^\s*export\b/m.test(app)) die(`${relative(ROOT, appPath)} has exports — not supported by the single-file build`);
  let batchModule = '';
  if (BATCH_IMPORT_RE.test(app)) {
    batchModule = buildBatchModule(wasm);
    app = app.replace(BATCH_IMPORT_RE, 'Promise.resolve(__minzhengBatch)');
  }

  // Module-level wrappers that hand the inline bytes to the init functions.
  const initLocal = exportsMap.get('default');
  const wrappers = {
    default: '__wbg_single_init',
    initSync: exportsMap.has('initSync') ? '__wbg_single_initSync' : null,
  };
  const resolveExport = (name) => {
    if (name === 'default') return wrappers.default;
    if (name === 'initSync' && wrappers.initSync) return wrappers.initSync;
    if (!exportsMap.has(name)) die(`app.js imports '${name}', which the wasm-bindgen glue does not export`);
    return exportsMap.get(name);
  };

  // Bind what app.js imported, inside app.js's own block scope.
  const bindings = [];
  let clause = m[1].trim();
  const ns = clause.match(/\*\s*as\s+([\w$]+)/);
  if (ns) {
    const entries = [...exportsMap.keys()].map((k) => `${JSON.stringify(k)}: ${resolveExport(k)}`);
    bindings.push(`const ${ns[1]} = Object.freeze({ ${entries.join(', ')} });`);
    clause = clause.replace(ns[0], '');
  }
  const named = clause.match(/\{([^}]*)\}/);
  if (named) {
    for (const item of named[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const [imported, local = imported] = item.split(/\s+as\s+/).map((s) => s.trim());
      const target = resolveExport(imported);
      if (target !== local) bindings.push(`const ${local} = ${target};`);
    }
    clause = clause.replace(named[0], '');
  }
  const def = clause.replace(/,/g, ' ').trim();
  if (def) bindings.push(`const ${def} = ${wrappers.default};`);

  const parts = [
    `// ---- scripts/inflate.js: ${['__unescapeBytes', ...pageDecoders].join(', ')} ----`,
    ...['__unescapeBytes', ...pageDecoders].map((f) => DECODERS[f].toString()),
    `// ---- wasm-bindgen glue (www/${GLUE_REL}), exports removed ----`,
    glue.trim(),
    `// ---- the wasm module (www/${WASM_REL}, ${wasm.length} bytes), inline (a data element, text) ----`,
    // Not compressed: inflating 200 kB in JavaScript at start-up costs 10–40 ms (cold code, a busy machine),
    // DecompressionStream more (its stream tasks queue behind the page load). See escapeBytes.
    `const __WASM_BYTES = __unescapeBytes(${dataBlock('minzheng-calc-wasm', pageText.text)}, '${pageText.ranks}', ${wasm.length});`,
    // The bytes are already here: compile and instantiate them synchronously (V8 compiles function bodies
    // lazily, so this is validation, not code generation), so start() runs in the same task as the module,
    // before the browser lays out and paints the "Loading…" placeholder. The asynchronous path stays as
    // the fallback for an engine that refuses synchronous compilation of a module this size.
    wrappers.initSync
      ? `const ${wrappers.default} = () => { try { return Promise.resolve(${exportsMap.get('initSync')}({ module: __WASM_BYTES })); } catch { return ${initLocal}({ module_or_path: __WASM_BYTES }); } };`
      : `const ${wrappers.default} = () => ${initLocal}({ module_or_path: __WASM_BYTES });`,
    wrappers.initSync ? `const ${wrappers.initSync} = () => ${exportsMap.get('initSync')}({ module: __WASM_BYTES });` : '',
    batchModule,
    `// ---- www/${relative(WWW, appPath)} ----`,
    '{',
    ...bindings,
    app.trim(),
    '}',
  ];
  return safeJs(minifyJs(parts.filter((s) => s !== '').join('\n'), true));
}

// ---------- the calculator's markup, made at build time ----------
// The page's own wasm (its build-time export __prerender, run here in Node) writes the markup start() would
// build for a fresh page in Chinese; it goes into #app, marked data-prerendered, after the "Loading…" line.
// start() then builds nothing: it takes the markup over and brings it up to date with the saved figures
// (crates/web/src/page.rs, render). Until then style.css keeps it hidden. A page saved by the browser after start()
// has no mark, and is built afresh.
async function prerender(html) {
  const glue = await import(pathToFileURL(join(WWW, GLUE_REL)).href);
  if (typeof glue.__prerender !== 'function') {
    warn('the wasm-bindgen glue has no __prerender export: the single file builds its page at start-up');
    return html;
  }
  glue.initSync({ module: readFileSync(join(WWW, WASM_REL)) });
  const markup = glue.__prerender();
  const app = /(<div id="app" class="calculator")(>[\s\S]*?<p class="loading" id="loading">[^<]*<\/p>)/;
  if (!app.test(html)) {
    warn('www/index.html has no <div id="app" class="calculator"> with its loading line: the single file is not prerendered');
    return html;
  }
  if (/<\/?script\b/i.test(markup)) die('the prerendered markup contains a script element');
  return html.replace(app, (all, open, rest) => `${open} data-prerendered="zh"${rest}\n${markup}`);
}

// ---------- main ----------
const indexPath = join(WWW, 'index.html');
if (!existsSync(indexPath)) die('www/index.html missing');
let html = readFileSync(indexPath, 'utf8');
// What index.html marks <!-- hosted-only --> … <!-- /hosted-only --> is for the hosted site only (the link to this
// file, and the notes a saved copy of the hosted page shows): this file runs from disk, so it leaves them out.
const hostedOnly = /<!--\s*hosted-only\b[\s\S]*?<!--\s*\/hosted-only\s*-->[ \t]*\n?/g;
html = html.replace(hostedOnly, '');
if (/hosted-only|data-offline|saved-copy|loading-late/.test(html)) die('www/index.html has a hosted-only block that is not closed');
html = await prerender(html);
let bootstraps = 0;

// Scripts with src.
// Script elements are swapped for placeholders while the rest of the markup is rewritten, so nothing
// inside script text is ever touched by the <link>/<img> rewriting below.
const scripts = [];
const hold = (text) => `\u0000SCRIPT${scripts.push(text) - 1}\u0000`;
html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (all, attrText) => hold(scriptFor(all, attrText)));
function scriptFor(all, attrText) {
  const attrs = parseAttrs(`<script${attrText}>`);
  if (!('src' in attrs)) return all;
  if (!isLocal(attrs.src)) die(`index.html loads a remote script: ${attrs.src}`);
  const p = localPath(WWW, attrs.src);
  const src = readFileSync(p, 'utf8');
  const isModule = (attrs.type || '').toLowerCase() === 'module';
  if (isModule && /from\s*['"]\.\/pkg\/minzheng_calc\.js['"]/.test(src)) {
    bootstraps++;
    // blocking="render": the browser lays out and paints nothing before this module has run (it runs as soon as
    // the document is parsed, and start() then shows the calculator), rather than first laying out the
    // "Loading…" line (with the first use of the CJK fonts) in the middle of the parse, on the way to the results.
    return `<script type="module" blocking="render">\n${buildBootstrapModule(p)}\n</script>`;
  }
  if (/^\s*import\s*(?:[\w{*'"])/m.test(src)) die(`${attrs.src} has static imports — not supported by the single-file build`);
  return `<script${isModule ? ' type="module"' : ''}>\n${safeJs(minifyJs(src.trim(), isModule))}\n</script>`;
}
if (bootstraps !== 1) die(`expected exactly one module script importing ./${GLUE_REL} in www/index.html, found ${bootstraps}`);

// <link> elements.
html = html.replace(/<link\b[^>]*>/gi, (tag) => {
  const a = parseAttrs(tag);
  const rel = (a.rel || '').toLowerCase().split(/\s+/);
  const href = a.href;
  if (rel.includes('stylesheet')) {
    if (!isLocal(href)) die(`index.html loads a remote stylesheet: ${href}`);
    const media = a.media ? ` media="${a.media}"` : '';
    return `<style${media}>\n${safeCss(minifyCss(inlineCss(localPath(WWW, href))))}\n</style>`;
  }
  if (rel.some((r) => ['manifest', 'preload', 'modulepreload', 'prefetch', 'preconnect', 'dns-prefetch'].includes(r))) return '';
  if (rel.some((r) => r.includes('icon'))) {
    if (!isLocal(href)) die(`index.html references a remote icon: ${href}`);
    return tag.replace(/href\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/i, () => `href="${dataUrl(localPath(WWW, href))}"`);
  }
  if (rel.includes('canonical') || rel.includes('alternate') || rel.includes('license') || rel.includes('help')) return tag;
  if (href && !href.startsWith('data:')) die(`index.html has a <link rel="${a.rel}"> the single-file build does not know how to inline`);
  return tag;
});

// Images / media with local src.
html = html.replace(/<(img|source|audio|video)\b[^>]*>/gi, (tag) => {
  const a = parseAttrs(tag);
  if (!a.src || a.src.startsWith('data:')) return tag;
  if (!isLocal(a.src)) die(`index.html references a remote resource: ${a.src}`);
  return tag.replace(/\ssrc\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/i, () => ` src="${dataUrl(localPath(WWW, a.src))}"`);
});

// Inline style="background:url(...)" etc. is left to the page author; check nothing fetchable remains.
const leftovers = [];
const scan = html.replace(/\u0000SCRIPT(\d+)\u0000/g, (all, i) => scripts[i].replace(/^(<script\b[^>]*>)[\s\S]*$/i, '$1</script>'));
// (<link>s left are canonical/alternate/license/help, which browsers do not fetch.)
for (const m of scan.matchAll(/<(script|img|source|audio|video|track|iframe|embed|object|input)\b[^>]*?\s(?:src|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
  const u = m[2] ?? m[3] ?? m[4] ?? '';
  if (!u.startsWith('data:')) leftovers.push(`<${m[1]} ${u}>`);
}
if (leftovers.length) die(`the single file would still fetch: ${leftovers.join(', ')}`);
if (/<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
  warn('index.html has a CSP <meta>: the single file needs inline scripts/styles and wasm-unsafe-eval allowed');
}

html = html.replace(/\u0000SCRIPT(\d+)\u0000/g, (all, i) => scripts[i]);

// The data elements go last, after everything the page shows.
const blocks = dataBlocks.join('\n') + '\n';
html = /<\/body\s*>/i.test(html) ? html.replace(/<\/body\s*>/i, (end) => blocks + end) : html + blocks;

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
writeFileSync(OUT_COPY, html);
const sha = createHash('sha256').update(html).digest('hex').slice(0, 12);
console.log(`[build-single] wrote ${relative(ROOT, OUT)} (${Buffer.byteLength(html)} bytes, sha256 ${sha}…) and ${relative(ROOT, OUT_COPY)}`);
