#!/usr/bin/env node
// The oldest browsers the calculator runs in (README "Browsers"), and what holds the build to them. The one place
// that names them: scripts/build.mjs takes the rustc flags, wasm-opt flags and esbuild targets from here, and
// `node scripts/floor.mjs check` (scripts/test.sh, lint stage) fails when the build needs anything newer.
//
//   node scripts/floor.mjs wasm-opt-flags   prints the wasm-opt feature flags (scripts/wasm-opt-flags.sh)
//   node scripts/floor.mjs cargo-config     prints cargo's `--config` value with the rustc flags
//   node scripts/floor.mjs strip IN OUT     writes the module IN without its target_features section to OUT
//   node scripts/floor.mjs check            checks the built www/pkg, www/*.js, www/batch/*.js and dist/minzheng-calc.html:
//     - the modules (page, batch, legacy formats) validate with exactly the floor's WebAssembly features (wasm-tools, from crates.io)
//     - the feature probe in www/unsupported.js validates with them and fails without any one of them
//     - every script shipped parses in the floor browsers as it is (esbuild finds nothing to lower for them)
//     - www/unsupported.js (the message for older browsers) is ES5, and names the floor's versions
import { readFileSync, existsSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The floor. Chromium 75 is the first with every WebAssembly feature below; Edge's first Chromium release is 79.
// 360, QQ, Sogou and the browsers of 信创 machines are Chromium inside: their 极速 kernel's version counts.
export const BROWSERS = { chrome: 75, edge: 79, firefox: 79, safari: 15 };

// WebAssembly beyond the 1.0 specification that rustc's code generation uses and the floor browsers all have
// (first version in Chrome / Firefox / Safari), by each tool's name for it. Not on the list, so never in the
// modules: reference types (externref: Chrome 96) and multi-value (Chrome 85), which rustc enables by default.
export const WASM_FEATURES = [
  { rustc: 'mutable-globals', wasmOpt: 'mutable-globals', wasmTools: 'mutable-global' }, // 74 / 61 / 13.2
  { rustc: 'sign-ext', wasmOpt: 'sign-ext', wasmTools: 'sign-extension' }, // 74 / 62 / 14.1
  { rustc: 'nontrapping-fptoint', wasmOpt: 'nontrapping-float-to-int', wasmTools: 'saturating-float-to-int' }, // 75 / 64 / 15
  { rustc: 'bulk-memory', wasmOpt: 'bulk-memory', wasmTools: 'bulk-memory' }, // 75 / 79 / 15
];

// How the modules keep to them. rustc enables reference types and multi-value by default, and wasm-bindgen then
// passes JavaScript objects as `externref` (Chromium 85 and older: "invalid value type 'externref'"). These flags
// build our crates for the 1.0 instruction set plus the floor's features; but the standard library comes
// precompiled with rustc's defaults, and its code is compiled again with ours (fat LTO), so the module's
// `target_features` section lists reference types and multi-value anyway (LLVM writes the union of every
// function's features). wasm-bindgen reads that section to choose externref and multi-value, so the build takes
// it out first (withoutTargetFeatures); the module then uses neither, which `check` proves with a validator that
// knows only the floor's features. (Rebuilding the standard library with these flags needs nightly's -Zbuild-std.)
export const RUSTFLAGS = ['-Ctarget-cpu=mvp', `-Ctarget-feature=${WASM_FEATURES.map((f) => `+${f.rustc}`).join(',')}`];
/** For `cargo build --config …`: the flags for the wasm target only (native builds and tests keep their own). */
export const CARGO_CONFIG = `target.wasm32-unknown-unknown.rustflags=${JSON.stringify(RUSTFLAGS)}`;
export const WASM_OPT_FLAGS = ['--mvp-features', ...WASM_FEATURES.map((f) => `--enable-${f.wasmOpt}`)];
const WASM_TOOLS_FEATURES = ['mvp', ...WASM_FEATURES.map((f) => f.wasmTools)];
/** esbuild's target for everything the browsers parse. */
export const ESBUILD_TARGET = Object.entries(BROWSERS).map(([name, version]) => `${name}${version}`);

/** `bytes` (a WebAssembly module) without its `target_features` custom section. */
export function withoutTargetFeatures(bytes) {
  const keep = [bytes.subarray(0, 8)]; // magic and version
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    let name = null; // a custom section (id 0) starts with its name
    if (id === 0) {
      const length = leb();
      name = Buffer.from(bytes.subarray(at, at + length)).toString('utf8');
    }
    if (name !== 'target_features') keep.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(keep);
}

// ---------- the check ----------
const failures = [];
const fail = (msg) => failures.push(msg);
const rel = (path) => relative(ROOT, path);

function wasmTools(features, file) {
  const r = spawnSync('wasm-tools', ['validate', `--features=${features.join(',')}`, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`wasm-tools: ${r.error.message} (scripts/setup.sh installs it)`);
  return { ok: r.status === 0, message: `${r.stderr}`.trim().split('\n').slice(0, 3).join(' ') };
}

/** The bytes of the feature probe in www/unsupported.js (its PROBE line). */
export function probeBytes(source = readFileSync(join(ROOT, 'www', 'unsupported.js'), 'utf8')) {
  const m = source.match(/var PROBE = \[([\d,\s]+)\];/);
  if (!m) throw new Error('www/unsupported.js has no `var PROBE = [ … ];` line');
  return Uint8Array.from(m[1].split(',').map((n) => Number(n.trim())));
}

function checkWasm() {
  for (const name of ['minzheng_calc', 'minzheng_batch', 'minzheng_legacy', 'minzheng_words']) {
    const file = join(ROOT, 'www', 'pkg', `${name}_bg.wasm`);
    if (!existsSync(file)) { fail(`${rel(file)} missing: run scripts/build.sh`); continue; }
    const r = wasmTools(WASM_TOOLS_FEATURES, file);
    if (r.ok) console.log(`[floor] ${rel(file)}: valid with ${WASM_TOOLS_FEATURES.join(',')}`);
    else fail(`${rel(file)} needs more than the floor's WebAssembly features (${WASM_TOOLS_FEATURES.join(',')}): ${r.message}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'floor-probe-'));
  try {
    const probe = join(dir, 'probe.wasm');
    writeFileSync(probe, probeBytes());
    if (!wasmTools(WASM_TOOLS_FEATURES, probe).ok) fail('the probe in www/unsupported.js does not validate with the floor\'s features');
    for (const f of WASM_FEATURES) {
      if (wasmTools(WASM_TOOLS_FEATURES.filter((x) => x !== f.wasmTools), probe).ok) {
        fail(`the probe in www/unsupported.js does not use ${f.wasmTools}: a browser without it would be sent the module`);
      }
    }
    console.log(`[floor] probe in www/unsupported.js: needs each of ${WASM_FEATURES.map((f) => f.wasmTools).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Fails unless `code` parses as it is in `target`: esbuild must neither refuse it nor lower anything in it (its
 * output for `target` is its output for the newest syntax). esbuild also writes `{ a: a }` as `{ a }` where it may,
 * so ES5 code spells such objects out another way.
 */
async function checkParses(esbuild, label, code, target, format) {
  const print = async (t) => (await esbuild.transform(code, { target: t, format, charset: 'utf8', logLevel: 'silent' })).code;
  let lowered;
  try {
    lowered = await print(target);
  } catch (error) {
    fail(`${label} cannot be built for ${target}: ${error.errors?.[0]?.text ?? error.message}`);
    return;
  }
  const asIs = await print('esnext');
  if (lowered !== asIs) {
    const lines = (text) => new Set(text.split('\n').map((line) => line.trim()));
    const [before, after] = [lines(asIs), lines(lowered)];
    const was = [...before].find((line) => !after.has(line));
    const is = [...after].find((line) => !before.has(line));
    fail(`${label} uses syntax newer than ${[target].flat().join(',')}: esbuild rewrites \`${was}\` (to \`${is}\`)`);
    return;
  }
  console.log(`[floor] ${label}: parses in ${[target].flat().join(',')}`);
}

async function checkScripts() {
  const esbuild = await import('esbuild');
  const www = join(ROOT, 'www');
  // The site's modules, whatever their names; the worker and the classic scripts are checked below as scripts.
  const classic = new Set(['sw.js', 'sw-precache.js', 'unsupported.js']);
  const modules = readdirSync(www).filter((f) => f.endsWith('.js') && !classic.has(f)).sort().map((f) => join(www, f));
  // batch.js's own modules (www/batch/: one per job), whatever their names.
  const batchDir = join(www, 'batch');
  if (existsSync(batchDir)) modules.push(...readdirSync(batchDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(batchDir, f)));
  const pkg = join(www, 'pkg');
  if (existsSync(pkg)) modules.push(...readdirSync(pkg).filter((f) => f.endsWith('.js')).map((f) => join(pkg, f)));
  for (const file of modules) await checkParses(esbuild, rel(file), readFileSync(file, 'utf8'), ESBUILD_TARGET, 'esm');
  await checkParses(esbuild, 'www/sw.js', readFileSync(join(www, 'sw.js'), 'utf8'), ESBUILD_TARGET, undefined);
  // The message for older browsers runs where nothing else does (Internet Explorer, 360's 兼容模式): ES5.
  const unsupported = readFileSync(join(www, 'unsupported.js'), 'utf8');
  await checkParses(esbuild, 'www/unsupported.js', unsupported, 'es5', undefined);
  for (const [name, version] of Object.entries(BROWSERS)) {
    const label = { chrome: 'Chrome', edge: 'Edge', firefox: 'Firefox', safari: 'Safari' }[name];
    if (!new RegExp(`${label}[^0-9]{0,40}${version}\\b`).test(unsupported)) fail(`www/unsupported.js does not name ${label} ${version} in its message`);
  }
  const single = join(ROOT, 'dist', 'minzheng-calc.html');
  if (!existsSync(single)) { fail(`${rel(single)} missing: run scripts/build.sh`); return; }
  const html = readFileSync(single, 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  if (!scripts.length) fail(`${rel(single)} has no script`);
  for (const [, attrs, code] of scripts) {
    // The calculator's bundle (scripts/build.mjs: a classic script, id="minzheng-app") is for the floor's
    // browsers; any other classic script (unsupported.js) must run everywhere: ES5.
    const module = /type\s*=\s*"?module/i.test(attrs);
    const app = /id\s*=\s*"?minzheng-app/i.test(attrs);
    const label = `${rel(single)}: its ${module ? 'module' : app ? 'calculator' : 'classic'} script`;
    await checkParses(esbuild, label, code, module || app ? ESBUILD_TARGET : 'es5', module ? 'esm' : undefined);
  }
}

const command = import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href ? process.argv[2] : null;
if (command === 'wasm-opt-flags') {
  console.log(WASM_OPT_FLAGS.join(' '));
} else if (command === 'cargo-config') {
  console.log(CARGO_CONFIG);
} else if (command === 'strip') {
  writeFileSync(process.argv[4], withoutTargetFeatures(readFileSync(process.argv[3])));
} else if (command === 'check') {
  console.log(`[floor] ${Object.entries(BROWSERS).map(([b, v]) => `${b} ${v}`).join(', ')}; WebAssembly ${WASM_TOOLS_FEATURES.join(', ')}`);
  checkWasm();
  await checkScripts();
  if (failures.length) {
    for (const f of failures) console.error(`[floor] FAIL ${f}`);
    process.exit(1);
  }
  console.log('[floor] the build needs nothing beyond the floor');
} else if (command !== null) {
  console.error('usage: node scripts/floor.mjs [wasm-opt-flags | cargo-config | strip IN OUT | check]');
  process.exit(2);
}
