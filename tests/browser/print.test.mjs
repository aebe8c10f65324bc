// The printed report (issue 19.4): a county typed, printed to PDF by headless Chromium. Its title with the
// locality's name, the summary on at most 2 A4 pages, the whole report at most 8, no controls on paper,
// page numbers in the margin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, collectErrors, waitForReady } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const COUNTY = {
  name: '示例县',
  resident_population: '500000',
  urban_resident_population: '231109',
  registered_population: '480000',
  households: '170001',
  elderly_population: '123456',
  townships: '10',
  subdistricts: '5',
  eldercare_beds: '2060',
  'current.community_workers': '400',
};

/** Pages in a PDF made by Chromium: its page objects. */
const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;

test('a county\'s report: title, summary ≤ 2 pages, whole ≤ 8, no controls, page numbers', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForReady(page);
    for (const [name, value] of Object.entries(COUNTY)) await page.fill(`[name="${name}"]`, value);
    await page.selectOption('select[name="level"]', 'county');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });

    const seen = await page.evaluate(() => {
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return {
        title: document.querySelector('.report-title').textContent,
        titleShown: visible(document.querySelector('.report-title')),
        // The norms' names in the table are buttons on screen and print as plain text.
        controls: [...document.querySelectorAll('button:not(.open-norm), input, select, textarea, .embed-code, #batch > *')]
          .filter(visible).map((e) => e.outerHTML.slice(0, 80)),
        signature: [...document.querySelectorAll('.signature p')].filter(visible).map((p) => p.textContent),
        table: visible(document.querySelector('table[data-summary]')),
        rowsShown: [...document.querySelectorAll('tr[data-summary-norm]')].filter(visible).map((r) => r.dataset.status),
        cardsShown: [...document.querySelectorAll('[data-norm]')].filter(visible).map((c) => c.dataset.status),
        pageOf: getComputedStyle(document.documentElement).getPropertyValue('--page-of').trim(),
        appendix: [...document.querySelectorAll('.appendix-title')].filter(visible).map((h) => [h.textContent, getComputedStyle(h).breakBefore]),
        figures: [...document.querySelectorAll('.print-inputs dt')].filter(visible).map((dt) => `${dt.textContent} ${dt.nextElementSibling.textContent}`),
        date: document.querySelector('.print-date').textContent,
      };
    });
    assert.equal(seen.title, '示例县民政规划指标测算报告');
    assert.ok(seen.titleShown);
    assert.deepEqual(seen.controls, [], 'no buttons, boxes, file pickers or embed panel on paper');
    assert.deepEqual(seen.signature, ['填报单位：', '填表人：', '审核人：', '日期：']);
    assert.ok(seen.table);
    const computed = ['met', 'unmet', 'unknown'];
    assert.ok(seen.rowsShown.length > 5 && seen.rowsShown.every((s) => computed.includes(s)), seen.rowsShown.join());
    assert.ok(seen.cardsShown.length === seen.rowsShown.length, 'only the computed norms\' cards');
    assert.equal(seen.pageOf, '"第 " counter(page) " 页 共 " counter(pages) " 页"');
    assert.match(seen.date, /^\d{4}-\d\d-\d\d$/);
    // The appendix has its heading, from a new page (the page the leader signs carries no card).
    assert.deepEqual(seen.appendix, [['附：测算依据', 'page']]);
    // The figures typed, the level by its name.
    assert.ok(seen.figures.includes('地区层级 县/县级市'), seen.figures.join(' | '));

    const whole = await page.pdf({ preferCSSPageSize: true });
    const total = pages(whole);
    // The summary alone: what comes before the appendix.
    await page.addStyleTag({ content: '@media print { .appendix-title, .norm-group { display: none !important; } }' });
    const summary = pages(await page.pdf({ preferCSSPageSize: true }));
    console.log(`# printed report: ${total} A4 pages, the summary ${summary}`);
    assert.ok(summary >= 1 && summary <= 2, `summary on ${summary} pages`);
    assert.ok(total > summary && total <= 8, `whole report on ${total} pages`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
