// The batch section follows the page's language switch: every word of the section (its own, the batch module's
// notes, totals and input errors, and a refused file's message) is in Chinese on a Chinese page, in English after
// the page switches to English, and in Chinese again after it switches back. Served site and file:// single file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, singleFileUrl, collectErrors, waitForReady } from './harness.mjs';

let browser;
let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minzheng-batch-lang-'));
  // Two localities, one with a bad figure; a column the calculator does not know; current provision for a gap.
  writeFileSync(join(dir, 'two.csv'), [
    'name,resident_population,urban_resident_population,current.community_workers,备注',
    '甲县,500000,231109,400,x',
    '乙县,abc,10000,20,y',
    '',
  ].join('\n'));
  // An OLE compound file's first bytes and nothing more: the legacy-format module cannot read it, and says so.
  writeFileSync(join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Everything the section says that these tests check, as text. */
function words(page) {
  return page.evaluate(() => {
    const q = (s) => document.querySelector(`#batch ${s}`);
    const all = (s) => [...document.querySelectorAll(`#batch ${s}`)].map((e) => e.textContent);
    const th = (id) => q(`.batch-table th[data-col-id="${id}"]`)?.textContent;
    return {
      lang: document.documentElement.lang,
      title: q('#batch-title').textContent,
      intro: q('.intro').textContent,
      choose: q('label[for=batch-file]').textContent,
      templates: all('[data-template]'),
      status: q('.batch-status').textContent,
      failure: q('.batch-failure').hidden ? null : q('.batch-failure').textContent,
      results: q('.batch-results h3')?.textContent,
      notes: all('.batch-notes li'),
      exports: all('[data-export]'),
      filter: q('label[for=batch-only-unmet]')?.textContent,
      workers: th('community_workers'),
      gap: th('gap.community_workers'),
      totals: all('.batch-totals > *').slice(0, 2),
      shown: q('.batch-shown')?.textContent,
      errorsTitle: q('.batch-errors h3')?.textContent,
      errorHeads: all('.batch-error-table th'),
      errorMessages: all('.batch-error-table tbody td:nth-child(3)'),
    };
  });
}

async function switchLang(page, to) {
  await page.click('[data-action="lang"]');
  await page.waitForFunction((l) => document.documentElement.lang === l, to);
}

for (const target of ['served', 'file']) {
  test(`${target}: the batch section's words switch with the page's language, and back`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(target === 'served' ? server.url : singleFileUrl(), { waitUntil: 'load' });
    await waitForReady(page);
    await page.waitForSelector('#batch input[name=batch_file]');
    await page.setInputFiles('#batch input[name=batch_file]', join(dir, 'two.csv'));
    await page.waitForFunction(() => document.querySelector('#batch').dataset.batchState === 'done', null, { timeout: 60_000 });

    const zh = await words(page);
    assert.equal(zh.lang, 'zh-CN');
    assert.equal(zh.title, '批量测算');
    assert.equal(zh.intro, '一次测算一个省、市所有县区或乡镇的全部指标，结果可导出为 Excel。文件只在本机浏览器中处理，不会上传。');
    assert.equal(zh.choose, '选择表格文件（CSV，Excel .xlsx / .xls，或 .ods）');
    assert.deepEqual(zh.templates, ['Excel 模板 (.xlsx)', 'CSV 模板']);
    assert.match(zh.status, /^完成：2 个地区，1 行有输入错误，用时 \d+ 毫秒。$/);
    assert.equal(zh.results, '测算结果：two.csv');
    assert.deepEqual(zh.notes, ['文件格式：CSV（UTF-8）；表头在第 1 行', '以下列不是测算器的字段，已忽略：备注']);
    assert.deepEqual(zh.exports, ['导出 Excel (.xlsx)', '导出 CSV（字段 id 表头，供程序读取）']);
    assert.equal(zh.filter, ' 只看有未达标指标的地区（1 个）');
    assert.equal(zh.workers, '城镇社区工作者（人）');
    assert.equal(zh.gap, '缺口 城镇社区工作者（人）');
    assert.deepEqual(zh.totals, ['合计', '2 个地区']);
    assert.equal(zh.shown, '共 2 行。');
    assert.equal(zh.errorsTitle, '输入错误：1 行，1 处');
    assert.deepEqual(zh.errorHeads, ['行号', '列', '错误']);
    assert.deepEqual(zh.errorMessages, ['常住人口：不是有效数字，请输入如 12345、12,345 或 1.2万']);

    await switchLang(page, 'en');
    const en = await words(page);
    assert.equal(en.title, 'Batch');
    assert.equal(en.intro, 'Every target for every locality at once, exported to Excel. The file is processed in this browser only; nothing is uploaded.');
    assert.equal(en.choose, 'Choose a spreadsheet (CSV, Excel .xlsx / .xls, or .ods)');
    assert.deepEqual(en.templates, ['Excel template (.xlsx)', 'CSV template']);
    assert.match(en.status, /^Done: 2 localities, 1 with input errors, \d+ ms\.$/);
    assert.equal(en.results, 'Results: two.csv');
    assert.deepEqual(en.notes, ['File format: CSV (UTF-8); header on row 1', 'These columns are not calculator fields and were ignored: 备注']);
    assert.deepEqual(en.exports, ['Export Excel (.xlsx)', 'Export CSV (id headers, for programs)']);
    assert.equal(en.filter, ' Only localities with an unmet target (1)');
    assert.equal(en.workers, 'Community workers (persons)');
    assert.equal(en.gap, 'Gap: Community workers (persons)');
    assert.deepEqual(en.totals, ['Total', '2 localities']);
    assert.equal(en.shown, 'Rows: 2.');
    assert.equal(en.errorsTitle, 'Input errors: 1; rows with errors: 1');
    assert.deepEqual(en.errorHeads, ['Row', 'Column', 'Error']);
    assert.deepEqual(en.errorMessages, ['Resident population: not a number; type e.g. 12345, 12,345 or 1.2万']);

    await switchLang(page, 'zh-CN');
    assert.deepEqual(await words(page), zh, 'back in Chinese, every word as before');

    // A file the batch module refuses: its message too.
    await page.setInputFiles('#batch input[name=batch_file]', join(dir, 'old.xls'));
    await page.waitForFunction(() => document.querySelector('#batch').dataset.batchState === 'failed', null, { timeout: 60_000 });
    assert.match((await words(page)).failure, /^无法处理这个文件。无法读取该文件：可能是设有密码的工作簿，或已损坏的 \.xls 文件/);
    await switchLang(page, 'en');
    assert.match((await words(page)).failure, /^This file cannot be used\. The file cannot be read: it may be a password-protected workbook or a damaged \.xls/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
