#!/usr/bin/env node
// The build, in one command (scripts/build.sh runs it after scripts/setup.sh): the hosted site in www/ and the
// single offline file dist/minzheng-calc.html.
//
//   1. cargo build --target wasm32-unknown-unknown: the page's own start-up module (crates/web-page) and the
//      public module with the whole JavaScript API (crates/web), profile release, for size; the batch section's
//      (crates/web-batch, profile release-batch, for speed: see Cargo.toml); the legacy-format one for .xls and .ods
//      (crates/web-legacy, profile release, loaded only when such a file arrives); the words module (crates/web-words,
//      profile release: the cards' 依据 and the batch section's words, loaded after the first results); all with only
//      the WebAssembly features of the oldest browsers supported (scripts/floor.mjs)
//   2. wasm-bindgen --target web → www/pkg/minzheng_page.js, minzheng_calc.js, minzheng_batch.js, minzheng_legacy.js,
//      minzheng_words.js and their _bg.wasm
//   3. wasm-opt -Oz (npm binaryen) on each module, allowed the same features only
//   4. dist/minzheng-calc.html (and a copy at www/minzheng-calc.html for the site to offer): www/index.html with
//      its stylesheets, icons, scripts and the modules it runs (the page's, the batch section's and the legacy
//      formats') inline, since Chromium fetches nothing from file://:
//      - esbuild bundles app.js, batch.js and the glue into one minified classic script (IIFE), for the oldest
//        browsers supported (scripts/floor.mjs); app.js's imports of the glue resolve to scripts/single-file/page.js
//        and words.js, batch.js's to scripts/single-file/batch.js, which hand wasm-bindgen's init the bytes from the
//        page (the glue itself is bundled as generated); unsupported.js goes in as the classic script it is
//      - the page's module as base64 in a <data value>, then that script, after everything the page shows; then the
//        words module as base64 and the batch and legacy-format modules gzip-compressed then base64 (inflated by the
//        browser's DecompressionStream after start-up), last in <body>: the calculator starts while the parser is
//        still reading them
//      - the stylesheets minified by esbuild; the icons as data: URLs
//      - the calculator's markup for a fresh page, written at build time by the public module (its
//        __prerender export, run here in Node: the same markup code as the page's module, with the norms'
//        words, which the page's module leaves out), so the page need not build it at start-up
//      - all of it ASCII (asciiHtml): the Chinese as character references and escapes, read sooner by the browser
//   5. www/sw-precache.js: the service worker's file list and version (scripts/sw-precache.mjs)
//
// A Node script rather than a Rust xtask: after cargo, every step is an npm tool (wasm-opt, esbuild) or work on
// HTML and JavaScript, which Node and esbuild's API do directly, where an xtask would call node for each.
//
// `--single-file` does step 4 alone, from the www/pkg already built. MINIFY=0 leaves the scripts readable (to
// read a profile of the page by function names).
import { readFileSync, writeFileSync, mkdirSync, existsSync, rmSync, renameSync } from 'node:fs';
import { dirname, join, resolve, extname, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, constants as zlib } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { CARGO_CONFIG, WASM_OPT_FLAGS, ESBUILD_TARGET, withoutTargetFeatures } from './floor.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WWW = join(ROOT, 'www');
const PKG = join(WWW, 'pkg');
const SHIMS = join(ROOT, 'scripts', 'single-file');
const OUT = join(ROOT, 'dist', 'minzheng-calc.html');
const OUT_COPY = join(WWW, 'minzheng-calc.html'); // git-ignored; the hosted site may offer it as a download
const MINIFY = process.env.MINIFY !== '0';
const TARGET = join(ROOT, 'target', 'wasm32-unknown-unknown');

// The modules: where cargo writes each and the name wasm-bindgen gives it in www/pkg. The page (app.js) runs
// minzheng_page; minzheng_calc is the public API (embed.js and scripts); both are thin exports over crates/page.
const MODULES = [
  { pkg: 'minzheng-web-page', profile: 'release', raw: 'release/minzheng_page_wasm.wasm', name: 'minzheng_page' },
  { pkg: 'minzheng-web', profile: 'release', raw: 'release/minzheng_calc.wasm', name: 'minzheng_calc' },
  { pkg: 'minzheng-web-batch', profile: 'release-batch', raw: 'release-batch/minzheng_batch_wasm.wasm', name: 'minzheng_batch' },
  // .xls and .ods (calamine), loaded only when such a file arrives; built for size, like the page's.
  { pkg: 'minzheng-web-legacy', profile: 'release', raw: 'release/minzheng_legacy_wasm.wasm', name: 'minzheng_legacy' },
  // The words no first result needs (the cards' 依据, the batch section's words), loaded after the first results.
  { pkg: 'minzheng-web-words', profile: 'release', raw: 'release/minzheng_words_wasm.wasm', name: 'minzheng_words' },
];

const log = (msg) => console.log(`[build] ${msg}`);
function die(msg) {
  console.error(`[build] ERROR: ${msg}`);
  process.exit(1);
}
function run(cmd, args) {
  log([cmd, ...args].map((a) => (a.startsWith(ROOT + sep) ? relative(ROOT, a) : a)).join(' '));
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) die(`${cmd} failed (${r.error?.message ?? `exit status ${r.status}`})`);
}
const sizeLine = (path) => {
  if (!existsSync(path)) return;
  const bytes = readFileSync(path);
  log(`  ${String(bytes.length).padStart(9)} B raw ${String(gzipSync(bytes, { level: 9 }).length).padStart(8)} B gzip -9   ${relative(ROOT, path)}`);
};

// ---------- steps 1–3: the WebAssembly ----------
// The modules are built for the oldest browsers supported (scripts/floor.mjs explains how, and why the
// `target_features` section goes before wasm-bindgen runs).
function buildWasm() {
  const wasmOpt = join(ROOT, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) die('node_modules/.bin/wasm-opt missing: run scripts/setup.sh (npm ci)');
  rmSync(PKG, { recursive: true, force: true });
  for (const m of MODULES) {
    run('cargo', ['build', '--profile', m.profile, '--target', 'wasm32-unknown-unknown', '-p', m.pkg, '--config', CARGO_CONFIG]);
    const input = join(TARGET, m.profile, `${m.name}.floor.wasm`);
    writeFileSync(input, withoutTargetFeatures(readFileSync(join(TARGET, m.raw))));
    run('wasm-bindgen', ['--target', 'web', '--out-dir', PKG, '--out-name', m.name, '--no-typescript', input]);
    const wasm = join(PKG, `${m.name}_bg.wasm`);
    run(wasmOpt, ['-Oz', ...WASM_OPT_FLAGS, wasm, '-o', `${wasm}.opt`]);
    renameSync(`${wasm}.opt`, wasm);
  }
}

// ---------- step 4: the single file ----------
const MIME = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** A file of www/ named by a page's relative URL, or a build error. */
function wwwFile(url) {
  const path = resolve(WWW, decodeURIComponent(url.split(/[?#]/)[0]));
  if (relative(WWW, path).split(sep).includes('..')) die(`${url} points outside www/`);
  if (!existsSync(path)) die(`${url} (from www/index.html) does not exist`);
  return path;
}
const dataUrl = (path) => `data:${MIME[extname(path)] ?? 'application/octet-stream'};base64,${readFileSync(path).toString('base64')}`;

function attrs(tag) {
  const out = {};
  for (const m of tag.replace(/^<\w+|\/?>$/g, '').matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return out;
}

/** app.js with batch.js and their glues, one classic script; the glue imports resolve to scripts/single-file/. */
async function bundleScript(entry) {
  const inlineModules = {
    name: 'inline-modules',
    setup(build) {
      build.onResolve({ filter: /(?:^|\/)pkg\/minzheng_(?:page|batch|legacy|words)\.js$/ }, (args) => {
        if (args.importer.startsWith(SHIMS + sep)) return undefined; // the shims import the glue itself
        const shim = `${args.path.match(/minzheng_(\w+)\.js$/)[1]}.js`; // page.js, batch.js, legacy.js, words.js
        return { path: join(SHIMS, shim) };
      });
      // unsupported.js is in the page already, as a classic script that runs before the bundle: app.js's import
      // of it (for the hosted site) is left empty here rather than carrying it twice.
      build.onResolve({ filter: /(?:^|\/)unsupported\.js$/ }, () => ({ path: 'unsupported.js', namespace: 'in-page' }));
      build.onLoad({ filter: /.*/, namespace: 'in-page' }, () => ({ contents: '', loader: 'js' }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    // A classic script, not a module: it runs where it stands in <body>, before the parser reaches the batch and
    // legacy-format modules' 690 kB of base64 (a module script would wait for the whole document: 40 ms more to
    // the first result on the 2-core VM, docs/PERFORMANCE.md). The glue's import.meta.url only names a .wasm to
    // fetch when init() is given no bytes, which the single file never does.
    format: 'iife',
    define: { 'import.meta.url': 'document.baseURI' },
    target: ESBUILD_TARGET, // the floor (scripts/floor.mjs): esbuild lowers the syntax they lack, or fails
    minify: MINIFY,
    legalComments: 'none',
    charset: 'ascii', // \u escapes: the single file is ASCII (asciiHtml)
    write: false,
    logLevel: 'warning',
    plugins: [inlineModules],
  });
  return result.outputFiles[0].text;
}

async function bundleCss(path) {
  const result = await esbuild.build({
    entryPoints: [path],
    bundle: true,
    minify: MINIFY,
    charset: 'ascii', // CSS escapes: the single file is ASCII (asciiHtml)
    write: false,
    logLevel: 'warning',
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff2': 'dataurl' },
  });
  return result.outputFiles[0].text.trim();
}

/** The base64 of `bytes` in a <data> element, which inline.js reads (base64 needs no escaping in an attribute). */
const dataElement = (id, bytes) => `<data id="${id}" value="${Buffer.from(bytes).toString('base64')}"></data>`;

// The calculator's markup for a fresh page in Chinese, written by the public module in Node; it goes into #app,
// marked data-prerendered, after the "Loading…" line. start() then builds nothing: it takes the markup over and
// brings it up to date with the saved figures (crates/page/src/app.rs, render); until then style.css keeps it
// hidden. A copy saved by the browser after start() has no mark and is built afresh.
async function prerender(html) {
  const glue = await import(pathToFileURL(join(PKG, 'minzheng_calc.js')).href);
  if (typeof glue.__prerender !== 'function') {
    console.warn('[build] warning: the public module has no __prerender export: the single file builds its page at start-up');
    return html;
  }
  glue.initSync({ module: readFileSync(join(PKG, 'minzheng_calc_bg.wasm')) });
  const markup = glue.__prerender();
  if (/<\/?script\b/i.test(markup)) die('the prerendered markup contains a script element');
  const app = /(<div id="app" class="calculator")(>[\s\S]*?<p class="loading" id="loading">[^<]*<\/p>)/;
  if (!app.test(html)) die('www/index.html has no <div id="app" class="calculator"> with its loading line');
  return html.replace(app, (all, open, rest) => `${open} data-prerendered="zh"${rest}\n${markup}`);
}

// The single file is ASCII: its Chinese is written as character references (&#x6C11;) in the markup and as escapes
// in its script and styles. Chrome decodes a document that is all ASCII to one-byte strings: reading the file's
// 1.2 MB took 15–16 ms of the main thread before the first result as UTF-8, 4–5 ms as ASCII (traces on the 2-core
// VM, docs/PERFORMANCE.md), for 47 kB more file.
const nonAscii = /[^\x00-\x7f]/gu;
const isAscii = (text) => !/[^\x00-\x7f]/.test(text);
const hex4 = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;
/** JavaScript with every character outside ASCII as \u escapes (valid in strings, regular expressions and comments,
 * where such characters can stand; unsupported.js has no String.raw). */
const asciiJs = (code) => code.replace(nonAscii, (c) => c.split('').map((unit) => hex4(unit.charCodeAt(0))).join(''));
/** The page with its markup's characters outside ASCII as character references; its scripts and styles are ASCII
 * already (esbuild's charset, asciiJs), which it checks. */
function asciiHtml(html) {
  const raw = /(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi;
  const references = (markup) => markup.replace(nonAscii, (c) => `&#x${c.codePointAt(0).toString(16)};`);
  let out = '';
  let at = 0;
  for (const m of html.matchAll(raw)) {
    if (!isAscii(m[3])) die(`a <${m[2]}> of the single file is not ASCII`);
    out += references(html.slice(at, m.index)) + m[0];
    at = m.index + m[0].length;
  }
  out += references(html.slice(at));
  if (!isAscii(out)) die('the single file is not ASCII');
  return out;
}

async function buildSingleFile() {
  for (const m of MODULES) {
    for (const f of [`${m.name}.js`, `${m.name}_bg.wasm`]) if (!existsSync(join(PKG, f))) die(`www/pkg/${f} missing: run scripts/build.sh`);
  }
  // What index.html marks <!-- hosted-only --> … <!-- /hosted-only --> is for the hosted site only (the link to this
  // file, and the notes a saved copy of the hosted page shows): this file runs from disk, so it leaves them out.
  const hostedOnly = /<!--\s*hosted-only\b[\s\S]*?<!--\s*\/hosted-only\s*-->[ \t]*\n?/g;
  const source = readFileSync(join(WWW, 'index.html'), 'utf8').replace(hostedOnly, '');
  if (/hosted-only|data-offline|saved-copy|loading-late/.test(source)) die('www/index.html has a hosted-only block that is not closed');
  let html = await prerender(source);

  // Scripts: the one module script (app.js, which imports the glue) becomes the bundle; a classic script
  // (unsupported.js, which must run in any browser) goes in as it is, and runs where it stands.
  const scripts = [];
  let modules = 0;
  let bundle = '';
  for (const tag of html.match(/<script\b[^>]*>\s*<\/script\s*>/gi) ?? []) {
    const a = attrs(tag.match(/<script\b[^>]*>/i)[0]);
    if (!('src' in a)) continue;
    if (a.type !== 'module') {
      if (a.type) die(`www/index.html: a <script type="${a.type}"> the build does not know how to inline`);
      const code = readFileSync(wwwFile(a.src), 'utf8');
      if (/<\/script|<!--/i.test(code)) die(`${a.src} contains </script or <!--, which the HTML parser would misread`);
      scripts.push(`<script>\n${asciiJs(code.trim())}\n</script>`);
      html = html.replace(tag, () => `\u0000${scripts.length - 1}\u0000`);
      continue;
    }
    modules += 1;
    const code = await bundleScript(wwwFile(a.src));
    if (/<\/script|<!--/i.test(code)) die(`the bundle of ${a.src} contains </script or <!--, which the HTML parser would misread`);
    bundle = `<script id="minzheng-app">\n${code.trim()}\n</script>`;
    // Where the module script stood (in <head>): nothing is laid out or painted until the parser has passed the
    // bundle, that is, until start() has run (<link rel=expect>, Chrome 124; older browsers may first paint the
    // "Loading…" line), rather than the "Loading…" line halfway through the parse.
    scripts.push('<link rel="expect" href="#minzheng-started" blocking="render">');
    html = html.replace(tag, () => `\u0000${scripts.length - 1}\u0000`);
  }
  if (modules !== 1) die(`www/index.html should load one module script (app.js), found ${modules}`);

  // <link>s: stylesheets and icons inline, the manifest dropped (nothing to install from a file).
  const links = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const a = attrs(tag);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    let out;
    if (rel.includes('stylesheet')) {
      const css = await bundleCss(wwwFile(a.href));
      if (/<\/style/i.test(css)) die(`${a.href} contains </style`);
      out = `<style${a.media ? ` media="${a.media}"` : ''}>${css}</style>`;
    } else if (rel.some((r) => ['manifest', 'preload', 'modulepreload', 'prefetch'].includes(r))) {
      out = '';
    } else if (rel.some((r) => r.endsWith('icon'))) {
      out = tag.replace(/\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, () => ` href="${dataUrl(wwwFile(a.href))}"`);
    } else {
      die(`www/index.html: a <link rel="${a.rel}"> the build does not know how to inline`);
    }
    links.push(out);
    html = html.replace(tag, () => `\u0001${links.length - 1}\u0001`);
  }
  // Anything else that a browser would fetch is an error: the single file must make no request.
  const fetched = [...html.matchAll(/<(\w+)\b[^>]*?\s(?:src|href|data|poster|srcset)\s*=\s*["']?(?!data:|#)([^"'\s>]+)/gi)]
    .filter((m) => !['a'].includes(m[1].toLowerCase()));
  if (fetched.length) die(`the single file would still fetch: ${fetched.map((m) => `<${m[1]} ${m[2]}>`).join(', ')}`);
  html = html.replace(/\u0000(\d+)\u0000/g, (all, i) => scripts[i]).replace(/\u0001(\d+)\u0001/g, (all, i) => links[i]);

  // After everything the page shows: the page's module, the bundle that starts it (run as soon as it is parsed),
  // the element <link rel=expect> waits for, then the modules loaded after start-up (single-file/inline.js waits
  // for the end of the parse before it reads them).
  const page = readFileSync(join(PKG, 'minzheng_page_bg.wasm'));
  const batch = readFileSync(join(PKG, 'minzheng_batch_bg.wasm'));
  const batchGz = gzipSync(batch, { level: zlib.Z_BEST_COMPRESSION });
  const legacy = readFileSync(join(PKG, 'minzheng_legacy_bg.wasm'));
  const legacyGz = gzipSync(legacy, { level: zlib.Z_BEST_COMPRESSION });
  const words = readFileSync(join(PKG, 'minzheng_words_bg.wasm'));
  const blocks = `${dataElement('minzheng-page-wasm', page)}\n${bundle}\n<template id="minzheng-started"></template>\n` +
    `${dataElement('minzheng-words-wasm', words)}\n${dataElement('minzheng-batch-wasm', batchGz)}\n` +
    `${dataElement('minzheng-legacy-wasm', legacyGz)}\n`;
  if (!/<\/body\s*>/i.test(html)) die('www/index.html has no </body>');
  html = asciiHtml(html.replace(/<\/body\s*>/i, (end) => blocks + end));

  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, html);
  writeFileSync(OUT_COPY, html);
  log(`wrote ${relative(ROOT, OUT)} and ${relative(ROOT, OUT_COPY)}: page module ${page.length} B (base64 ${Math.ceil(page.length / 3) * 4}),` +
    ` batch module ${batch.length} B gzip ${batchGz.length} B (base64 ${Math.ceil(batchGz.length / 3) * 4}),` +
    ` legacy-format module ${legacy.length} B gzip ${legacyGz.length} B (base64 ${Math.ceil(legacyGz.length / 3) * 4})`);
}

// ---------- main ----------
const singleOnly = process.argv.includes('--single-file');
if (!singleOnly) buildWasm();
log(`single file${MINIFY ? '' : ' (MINIFY=0: scripts not minified)'}`);
await buildSingleFile();
if (!singleOnly) run(process.execPath, [join(ROOT, 'scripts', 'sw-precache.mjs')]);
log('sizes:');
for (const m of MODULES) {
  sizeLine(join(TARGET, m.raw));
  sizeLine(join(PKG, `${m.name}_bg.wasm`));
  sizeLine(join(PKG, `${m.name}.js`));
}
sizeLine(OUT);
