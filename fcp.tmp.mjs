import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const res = {};
for (let i = 0; i < 10; i++) for (const f of ['empty', 'calc']) {
  const ctx = await b.newContext({ viewport: { width: 1366, height: 768 } });
  const p = await ctx.newPage();
  await p.goto(f === 'calc' ? 'file:///work/main/dist/minzheng-calc.html' : `file:///tmp/fcp/${f}.html`);
  await p.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  (res[f] ||= []).push(await p.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
  await ctx.close();
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
for (const [k, v] of Object.entries(res)) console.log(k, Math.round(med(v)));
await b.close();
