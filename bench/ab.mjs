// A/B: first result and first contentful paint of two single-file pages, loaded alternately from file:// (so that a busy machine slows
// both alike). `node bench/ab.mjs A.html B.html [loads per page, default 30]`. Prints the medians.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { launch } from '../tests/browser/harness.mjs';

const [a, b, runs = '30'] = process.argv.slice(2);
if (!a || !b) { console.error('usage: node bench/ab.mjs A.html B.html [loads]'); process.exit(2); }
const pages = [a, b].map((p) => ({ name: p, url: pathToFileURL(resolve(p)).href, first: [], init: [], paint: [] }));
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const browser = await launch();
try {
  for (let i = 0; i < +runs; i++) {
    for (const p of i % 2 ? pages : [...pages].reverse()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(p.url, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('minzheng-calc:first-result').length > 0);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5000 }).catch(() => {});
      const r = await page.evaluate(() => ({
        first: performance.getEntriesByName('minzheng-calc:first-result')[0].startTime,
        init: performance.getEntriesByName('minzheng-calc:init')[0]?.startTime ?? NaN,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      p.first.push(r.first);
      p.init.push(r.init);
      p.paint.push(r.paint);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
for (const p of pages) console.log(`${p.name}: first result median ${median(p.first).toFixed(1)} ms, init ${median(p.init).toFixed(1)} ms, first contentful paint ${median(p.paint).toFixed(1)} ms (${p.first.length} loads)`);
