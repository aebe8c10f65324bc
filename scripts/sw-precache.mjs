#!/usr/bin/env node
// Writes www/sw-precache.js for the service worker (www/sw.js): the files of the hosted site to cache, and a
// version that is a hash of their contents (a new build with any changed file → a new version → the browser
// installs the new worker, which drops the old cache). Run by scripts/build.mjs after the wasm build.
import { readFileSync, readdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

// Usage: node scripts/sw-precache.mjs [site dir, default www/]
const WWW = process.argv[2] ? resolve(process.argv[2]) : join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'www');
const OUT = join(WWW, 'sw-precache.js');
// Never cached: the worker and its own list (the browser fetches them itself), and the single-file download.
const SKIP = new Set(['sw.js', 'sw-precache.js', 'minzheng-calc.html']);
const KEEP = /\.(?:html|js|mjs|css|wasm|svg|png|webmanifest|json)$/i;

function walk(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return [p];
  });
}

if (!existsSync(join(WWW, 'pkg'))) {
  console.error(`[sw-precache] ${WWW}/pkg missing: run the wasm build first`);
  process.exit(1);
}
const files = walk(WWW)
  .map((p) => relative(WWW, p).split(sep).join('/'))
  .filter((f) => KEEP.test(f) && !SKIP.has(f) && !f.split('/').some((part) => part.startsWith('.')));
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(WWW, f))).update('\0');
hash.update(readFileSync(join(WWW, 'sw.js')));
const version = hash.digest('hex').slice(0, 16);
const list = ['./', ...files];
writeFileSync(
  OUT,
  `// Written by scripts/sw-precache.mjs at build time: do not edit.\n` +
    `self.MINZHENG_PRECACHE = ${JSON.stringify({ version, files: list }, null, 1)};\n`,
);
console.log(`[sw-precache] wrote ${relative(process.cwd(), OUT) || OUT}: version ${version}, ${list.length} files`);
