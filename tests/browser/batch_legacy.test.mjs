// Batch, old and open formats (issue 20): an Excel 97–2003 .xls and an OpenDocument .ods from the corpus
// (crates/batch/tests/corpus, saved by LibreOffice) dropped on the page, on the served site and in the file://
// single file. The legacy-format module (pkg/minzheng_legacy.js) is fetched only when such a file arrives; every
// locality comes back, and the notes say which sheet was read and which rows were passed over. A WPS .et and
// an .xlsb are refused with a message that says what to do. What office systems export under an .xls name without
// being one (a web page's table in GBK, XML Spreadsheet 2003) is read by the batch module itself.
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
  // A web system's "Excel export": an HTML page in GBK under an .xls name, its header in two rows by rowspan/colspan.
  const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table border="1">' +
    '<tr><td colspan="3">\u5404\u53bf\u5e02\u533a\u4eba\u53e3</td></tr>' +
    '<tr><th rowspan="2">\u5730\u533a</th><th colspan="2">\u5e38\u4f4f\u4eba\u53e3\uff08\u4eba\uff09</th></tr>' +
    '<tr><th>\u5408\u8ba1</th><th>\u5176\u4e2d\uff1a\u57ce\u9547</th></tr>' +
    '<tr><td>\u94c1\u4e1c\u533a</td><td>462,345</td><td>455120</td></tr>' +
    '<tr><td>\u53f0\u5b89\u53bf</td><td>285119</td><td>121543</td></tr>' +
    '<tr><td>\u5408\u8ba1</td><td>747464</td><td>576663</td></tr></table></body></html>';
  writeFileSync(join(dir, 'web-export.xls'), gbk(page));
  writeFileSync(join(dir, 'report-2003.xls'), '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n' +
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">' +
    '<Worksheet ss:Name="\u6570\u636e"><Table><Row><Cell><Data ss:Type="String">\u5730\u533a</Data></Cell>' +
    '<Cell><Data ss:Type="String">\u57ce\u9547\u5e38\u4f4f\u4eba\u53e3</Data></Cell></Row>' +
    '<Row><Cell><Data ss:Type="String">\u94c1\u4e1c\u533a</Data></Cell><Cell><Data ss:Type="Number">455120</Data></Cell></Row>' +
    '</Table></Worksheet></Workbook>');
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Text in GBK, as Chinese Windows saves it (the test's own encoder: Node has no GBK encoder, and a TextDecoder
 * in GBK reads each two-byte code back to check it). */
function gbk(text) {
  const decoder = new TextDecoder('gbk');
  const table = new Map();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (c.length === 1 && c !== '\ufffd' && !table.has(c)) table.set(c, [hi, lo]);
    }
  }
  const bytes = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
    else if (table.has(c)) bytes.push(...table.get(c));
    else throw new Error(`no GBK code for ${c}`);
  }
  return Buffer.from(bytes);
}

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

    // Neither of these is an Excel file, whatever its name says: the batch module reads them, not the legacy one.
    const fetchedBefore = legacyFetched();
    const html = await drop(page, join(dir, 'web-export.xls'));
    assert.equal(html.failure, null);
    assert.deepEqual(html.names, ['\u94c1\u4e1c\u533a', '\u53f0\u5b89\u53bf'], JSON.stringify(html.notes));
    assert.ok(html.notes.includes('文件格式：网页表格（HTML，常见于系统导出的 .xls）；表头在第 3 行'), JSON.stringify(html.notes));
    const cells = await page.evaluate(() => [...document.querySelectorAll('#batch .batch-table tbody tr:first-child td')].map((c) => c.textContent));
    // 455,120 × 18 ÷ 10,000 = 819.216 → 820 城镇社区工作者
    assert.ok(cells.includes('820'), JSON.stringify(cells));
    const xml = await drop(page, join(dir, 'report-2003.xls'));
    assert.equal(xml.failure, null);
    assert.deepEqual(xml.names, ['\u94c1\u4e1c\u533a']);
    assert.ok(xml.notes.includes('文件格式：XML 电子表格 2003（.xml/.xls）；表头在第 1 行'), JSON.stringify(xml.notes));
    assert.equal(legacyFetched(), fetchedBefore, 'no legacy-format module for them');

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
