// Batch, old and open formats (issue 20): an Excel 97–2003 .xls and an OpenDocument .ods from the corpus
// (crates/batch/tests/corpus, saved by LibreOffice) dropped on the page, on the served site and in the file://
// single file. The legacy-format module (pkg/minzheng_legacy.js) is fetched only when such a file arrives; every
// locality comes back, and the notes say which sheet was read and which rows were passed over. A WPS .et and
// an .xlsb are refused with a message that says what to do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, launch, startServer, singleFileUrl, trackRequests, foreignRequests, collectErrors, waitForReady } from './harness.mjs';

const CORPUS = join(REPO, 'crates', 'batch', 'tests', 'corpus');
const LOCALITIES = ['和平区', '沈河区', '新民市', '乙镇', '康平县'];

let browser;
let server;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minzheng-batch-legacy-'));
  writeFileSync(join(dir, 'report.et'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function drop(page, path) {
  await page.setInputFiles('#batch input[name=batch_file]', path);
  await page.waitForFunction(() => ['done', 'failed'].includes(document.querySelector('#batch').dataset.batchState), null, { timeout: 120_000 });
  return page.evaluate(() => {
    const section = document.querySelector('#batch');
    return {
      state: section.dataset.batchState,
      rows: section.dataset.batchRows,
      failure: section.querySelector('.batch-failure').hidden ? null : section.querySelector('.batch-failure').textContent,
      notes: [...section.querySelectorAll('.batch-notes li')].map((li) => li.textContent),
      names: [...section.querySelectorAll('.batch-table tbody .name')].map((c) => c.textContent),
    };
  });
}

for (const target of ['served', 'single-file']) {
  test(`${target}: an .xls and an .ods are read by the legacy-format module, loaded only then`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests = trackRequests(page);
    const errors = collectErrors(page);
    const url = target === 'served' ? server.url : singleFileUrl();
    await page.goto(url, { waitUntil: 'load' });
    await waitForReady(page);
    await page.waitForSelector('#batch input[name=batch_file]', { state: 'visible' });
    const legacyFetched = () => requests.filter((r) => /minzheng_legacy/.test(r.url)).length;

    const xls = await drop(page, join(CORPUS, 'two_level_header.xls'));
    assert.equal(xls.failure, null);
    assert.equal(xls.rows, '5', `${target}: 5 localities: ${JSON.stringify(xls.notes)}`);
    assert.deepEqual(xls.names, LOCALITIES, 'no 小计 or 总计 row among them');
    assert.ok(xls.notes.includes('文件格式：Excel 97–2003 工作簿（.xls）；表头在第 3 行'), JSON.stringify(xls.notes));
    assert.ok(xls.notes.includes('表头占第 2–3 行（合并单元格的分组名与下一行的列名合并）'), JSON.stringify(xls.notes));
    assert.ok(xls.notes.some((n) => n.startsWith('第 7 行未作为地区计算：合计行')), JSON.stringify(xls.notes));
    if (target === 'served') assert.ok(legacyFetched() >= 1, 'the legacy-format module is fetched for the .xls');

    const ods = await drop(page, join(CORPUS, 'later_sheet.ods'));
    assert.equal(ods.failure, null);
    assert.equal(ods.rows, '5');
    assert.deepEqual(ods.names, LOCALITIES);
    assert.ok(ods.notes.includes('文件格式：OpenDocument 表格（.ods）；表头在第 1 行'), JSON.stringify(ods.notes));
    assert.ok(ods.notes.includes('读取的工作表：“数据”；未读取（隐藏的工作表）：下拉列表'), JSON.stringify(ods.notes));

    const et = await drop(page, join(dir, 'report.et'));
    assert.equal(et.state, 'failed');
    assert.match(et.failure, /这是 WPS 表格文件（\.et），无法读取；请在 WPS 中“另存为” Excel 文件（\.xlsx）后再导入/);
    assert.deepEqual(foreignRequests(requests, url), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('served: a page that only reads an .xlsx never fetches the legacy-format module', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = trackRequests(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  const xlsx = await drop(page, join(CORPUS, 'title_units_numbers_footnotes.xlsx'));
  assert.equal(xlsx.rows, '5');
  assert.deepEqual(xlsx.names, LOCALITIES);
  assert.equal(requests.filter((r) => /minzheng_legacy/.test(r.url)).length, 0);
  await context.close();
});
