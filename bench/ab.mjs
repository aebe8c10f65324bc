// A/B: first result and first contentful paint of two or more single-file pages, loaded in turn from file:// (so
// that a busy machine slows them alike). `node bench/ab.mjs A.html B.html [C.html …] [loads per page, default 30]`.
// Prints the medians. (A page with only `performance.mark('minzheng-calc:first-result')` in a script gives the
// browser's own share, as bench/page-bench.mjs's empty page does.)
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launch, firstContentfulPaint } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args.at(-1) ?? '') ? +args.pop() : 30;
if (args.length < 2) { console.error('usage: node bench/ab.mjs A.html B.html [C.html …] [loads]'); process.exit(2); }
const pages = args.map((p) => ({ name: p, url: pathToFileURL(resolve(p)).href, parsed: [], first: [], init: [], paint: [] }));
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const browser = await launch();
try {
  for (let i = 0; i < runs; i++) {
    // Each round in a different order (rotated), so that no page always follows the same one.
    const order = pages.map((_, k) => pages[(k + i) % pages.length]);
    for (const p of i % 2 ? order : order.reverse()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await firstContentfulPaint(context, page, () => page.goto(p.url, { waitUntil: 'commit' }));
      await page.waitForFunction(() => performance.getEntriesByName('minzheng-calc:first-result').length > 0);
      const r = await page.evaluate(() => ({
        parsed: performance.getEntriesByType('navigation')[0].domInteractive,
        first: performance.getEntriesByName('minzheng-calc:first-result')[0].startTime,
        init: performance.getEntriesByName('minzheng-calc:init')[0]?.startTime ?? NaN,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      p.parsed.push(r.parsed);
      p.first.push(r.first);
      p.init.push(r.init);
      p.paint.push(r.paint);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
// parsed: the document parsed (domInteractive; a module script runs after it); init: the page's module compiled and
// instantiated; each a median, and the steps between them (parsed → init → first result) as medians of each load's own
// differences, which a busy machine blurs less than the times from the navigation's start.
const f = (x) => x.toFixed(1);
for (const p of pages) {
  const step = (to, from) => f(median(to.map((t, k) => t - from[k])));
  console.log(`${p.name}: first result ${f(median(p.first))} ms, parsed ${f(median(p.parsed))}, init ${f(median(p.init))}` +
    ` (parsed → init ${step(p.init, p.parsed)}, init → first result ${step(p.first, p.init)}),` +
    ` first contentful paint ${f(median(p.paint))} ms; medians of ${p.first.length} loads`);
}
