import { launch, singleFileUrl, waitForReady } from './tests/browser/harness.mjs';
const b = await launch();
for (let i = 0; i < 4; i++) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  await p.addInitScript(() => { window.__lt = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lt.push([e.name, Math.round(e.startTime), Math.round(e.duration)]); }).observe({ entryTypes: ['longtask'] }); });
  await p.goto(singleFileUrl(), { waitUntil: 'load' });
  await waitForReady(p);
  await p.waitForTimeout(300);
  console.log(JSON.stringify(await p.evaluate(() => ({
    nav: Math.round(performance.getEntriesByType('navigation')[0].domInteractive),
    dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventStart),
    init: Math.round(performance.getEntriesByName('minzheng-calc:init')[0].startTime),
    first: Math.round(performance.getEntriesByName('minzheng-calc:first-result')[0].startTime),
    fp: performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]),
    lt: window.__lt,
  }))));
  await ctx.close();
}
await b.close();
