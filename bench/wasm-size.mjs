// What a wasm module carries: its sections, its biggest functions, code by crate and by module of the workspace's
// crates, and what its data section holds (text in Chinese, other text, panic locations, the rest). The equivalent
// of twiggy's `top`; scripts/size-profile.sh builds the named copies it reads.
//
//   node bench/wasm-size.mjs "label=named.wasm[:shipped.wasm]" ...
//
// named.wasm must keep its function names (a "name" custom section); the shipped module (stripped, as the page
// loads it) is only measured, beside the named copy's code size (the same build but for the names: within 0.5%).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element',
  'code', 'data', 'data count', 'tag'];
const n = (v) => v.toLocaleString('en-US');
const kb = (v) => `${(v / 1000).toFixed(1)} kB`;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** Unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0, shift = 0, b;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

function sections(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a WebAssembly module');
  const out = [];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    let name = SECTION[id] ?? `unknown ${id}`;
    if (id === 0) {
      const [len, text] = leb(bytes, body);
      name = `custom "${bytes.toString('utf8', text, text + len)}"`;
    }
    out.push({ id, name, start: at, body, end: body + size });
    at = body + size;
  }
  return out;
}

/** Function index → name, from the "name" custom section (subsection 1). */
function functionNames(bytes, all) {
  const names = new Map();
  const section = all.find((s) => s.name === 'custom "name"');
  if (!section) return names;
  let [len, at] = leb(bytes, section.body);
  at += len;
  while (at < section.end) {
    const kind = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (kind === 1) {
      let [count, p] = leb(bytes, body);
      for (let i = 0; i < count; i++) {
        let index, l;
        [index, p] = leb(bytes, p);
        [l, p] = leb(bytes, p);
        names.set(index, bytes.toString('utf8', p, p + l));
        p += l;
      }
    }
    at = body + size;
  }
  return names;
}

/** How many functions the module imports (function indices start after them). */
function importedFunctions(bytes, all) {
  const section = all.find((s) => s.id === 2);
  if (!section) return 0;
  let [count, at] = leb(bytes, section.body);
  let functions = 0;
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 2; k++) { // module and field names
      const [l, p] = leb(bytes, at);
      at = p + l;
    }
    const kind = bytes[at++];
    if (kind === 0) { functions++; at = leb(bytes, at)[1]; }
    else if (kind === 1) { at++; const flags = bytes[at++]; at = leb(bytes, at)[1]; if (flags & 1) at = leb(bytes, at)[1]; }
    else if (kind === 2) { const flags = bytes[at++]; at = leb(bytes, at)[1]; if (flags & 1) at = leb(bytes, at)[1]; }
    else if (kind === 3) at += 2;
    else if (kind === 4) { at++; at = leb(bytes, at)[1]; }
  }
  return functions;
}

/** Each function body's size (with its size prefix) and name. */
function functionSizes(bytes, all, names) {
  const code = all.find((s) => s.id === 10);
  const first = importedFunctions(bytes, all);
  let [count, at] = leb(bytes, code.body);
  const out = [];
  for (let i = 0; i < count; i++) {
    const [size, body] = leb(bytes, at);
    out.push({ size: body + size - at, name: names.get(first + i) ?? `function ${first + i}` });
    at = body + size;
  }
  return out;
}

// A function's crate: the first Rust path segment in its name (rustc's [hash] dropped), so `<char as
// core::fmt::Debug>::fmt` is core's. Names with no path are the module's exports (wasm-bindgen's adapters, with the
// exported function's body inlined into them) or wasm-bindgen's intrinsics.
function crateOf(name) {
  if (/^__wbindgen|^__externref|^__wbg_/.test(name)) return 'wasm-bindgen intrinsics';
  if (/^function \d+$/.test(name)) return '(unnamed)';
  const m = name.match(/([A-Za-z_]\w*)(?:\[[0-9a-f]+\])?::/);
  return m ? m[1] : 'exports (#[wasm_bindgen] functions, bodies inlined into their adapters)';
}
// The workspace's functions (crates minzheng_*) by module: the leading path of the name without rustc's hash,
// closures, the item's own name and the type it belongs to (minzheng_batch::xlsx::Workbook::sheet →
// minzheng_batch::xlsx).
function moduleOf(name) {
  const path = name.replace(/^[<&(\s]+/, '').match(/^[\w:{}]+/)?.[0].split('::') ?? [];
  if (!path[0]?.startsWith('minzheng_')) return null;
  const parts = path.slice(1).filter((p) => p && p !== '{{closure}}' && !/^h[0-9a-f]{16}$/.test(p));
  parts.pop();
  while (parts.length && /^[A-Z]/.test(parts[parts.length - 1])) parts.pop();
  return [path[0], ...parts].join('::');
}

function dataSummary(bytes, all) {
  const section = all.find((s) => s.id === 11);
  if (!section) return null;
  const data = bytes.subarray(section.body, section.end);
  const text = data.toString('latin1');
  let cjk = 0;
  for (const m of data.toString('utf8').matchAll(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)) cjk += Buffer.byteLength(m[0]);
  const runs = [...text.matchAll(/[\x20-\x7e]{6,}/g)].map((m) => m[0]);
  const locations = runs.filter((r) => /\.rs\b|\/rustc\/|\.cargo\//.test(r));
  const ascii = runs.reduce((s, r) => s + r.length, 0);
  const located = locations.reduce((s, r) => s + r.length, 0);
  return { size: data.length, cjk, ascii: ascii - located, located, locations: locations.length };
}

function profile(label, namedPath, shippedPath) {
  const bytes = readFileSync(namedPath);
  const all = sections(bytes);
  console.log(`\n== ${label}: ${namedPath}`);
  if (shippedPath) {
    const shipped = readFileSync(shippedPath);
    const code = (b) => { const s = sections(b).find((x) => x.id === 10); return s.end - s.start; };
    console.log(`  shipped ${shippedPath}: ${n(shipped.length)} B, ${n(gz(shipped))} B gzip; code section ${n(code(shipped))} B ` +
      `(this copy, built the same way with its names kept: ${n(code(bytes))} B)`);
  }
  console.log('  sections');
  for (const s of all) {
    const size = s.end - s.start;
    console.log(`    ${s.name.padEnd(28)} ${n(size).padStart(9)} B  ${(100 * size / bytes.length).toFixed(1).padStart(5)}%`);
  }
  const names = functionNames(bytes, all);
  if (!names.size) {
    console.log('  (no "name" section: function names unknown; build with scripts/size-profile.sh)');
    return;
  }
  const fns = functionSizes(bytes, all, names);
  const total = fns.reduce((s, f) => s + f.size, 0);
  console.log(`  functions: ${n(fns.length)}, ${n(total)} B of code, ${n(importedFunctions(bytes, all))} imported from JavaScript`);
  console.log('  biggest functions');
  for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, 25)) {
    console.log(`    ${n(f.size).padStart(7)} B  ${f.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 110)}`);
  }
  // Library paths that were once kept out of the modules to save bytes (no longer a rule): what they cost now.
  const heavy = { 'str index panic (slice_error_fail)': /::str::slice_error_fail$/, "char's Debug": /^<char as core(\[[0-9a-f]+\])?::fmt::Debug>::fmt$/,
    'substring search (StrSearcher)': /StrSearcher/ };
  const found = Object.entries(heavy).map(([label, re]) => {
    const size = fns.filter((f) => re.test(f.name.replace(/::h[0-9a-f]{16}$/, ''))).reduce((s, f) => s + f.size, 0);
    return `${label} ${size ? `${n(size)} B` : 'absent'}`;
  });
  console.log(`  heavier library paths: ${found.join('; ')}`);
  const sum = (key) => {
    const m = new Map();
    for (const f of fns) {
      const k = key(f.name);
      if (k) m.set(k, (m.get(k) ?? 0) + f.size);
    }
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  console.log('  code by crate');
  for (const [k, v] of sum(crateOf).slice(0, 16)) console.log(`    ${n(v).padStart(7)} B  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('  code of the workspace\'s crates by module');
  for (const [k, v] of sum(moduleOf).slice(0, 16)) console.log(`    ${n(v).padStart(7)} B  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
  const d = dataSummary(bytes, all);
  if (d) {
    console.log(`  data: ${n(d.size)} B — Chinese text ${kb(d.cjk)}, other text ${kb(d.ascii)} (catalogue English, markup ` +
      `templates, field and JSON names), panic locations ${kb(d.located)} (${d.locations} source paths), ` +
      `the rest ${kb(d.size - d.cjk - d.ascii - d.located)} (tables, short strings, numbers)`);
  }
}

const args = process.argv.slice(2);
if (!args.length) {
  console.error('usage: node bench/wasm-size.mjs "label=named.wasm[:shipped.wasm]" ...  (see scripts/size-profile.sh)');
  process.exit(2);
}
for (const arg of args) {
  const [label, paths] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, arg];
  const [named, shipped] = paths.split(':');
  profile(label, named, shipped);
}
