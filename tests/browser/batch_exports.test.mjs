// Results people can read (issue 20 item 5, issue 19 item 3): one locality's workbook downloaded through
// batch.js's exportLocalityXlsx (what the page's [data-export-locality="xlsx"] button calls), read back with
// calamine (examples/xlsx_cells.rs) against the page's own compute(); and the batch table on screen: the
// name stays in view while the table scrolls sideways, and the norm chooser hides columns and is kept for
// the tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { REPO, launch, startServer, collectErrors, waitForReady } from './harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
let server;
let dir;

function example(name, args) {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'minzheng-batch', '--example', name, '--', ...args.map(String)], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minzheng-exports-'));
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(context) {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  return { page, errors };
}

const COUNTY = {
  name: '示例县',
  level: 'county',
  resident_population: 500000,
  urban_resident_population: '231109',
  households: '170001',
  elderly_population: '123456',
  townships: '12',
  subdistricts: '5',
  eldercare_beds: '3200',
  urban_dibao_monthly: '672',
  urban_consumption_growth_pct: '5',
  'current.community_workers': '400',
  'current.nursing_beds': '1800',
  'current.dibao_urban_next_year': '700',
};

const STATUS_ZH = { met: '达标', unmet: '未达标', unknown: '未填现有值', 'missing-input': '缺少输入', 'not-applicable': '不适用' };

/** `1234567.5` → `1,234,567.5`, as the workbook writes a requirement. */
const grouped = (text) => {
  const [whole, fraction] = String(text).split('.');
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction ? `.${fraction}` : '');
};

async function exportLocality(page, inputs, lang) {
  const [download, name] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.evaluate(([inputs, lang]) => import('./batch.js').then((m) => m.exportLocalityXlsx(inputs, lang)), [inputs, lang]),
  ]);
  const path = join(dir, `${Date.now()}-${lang}.xlsx`);
  await download.saveAs(path);
  return { name, suggested: download.suggestedFilename(), book: JSON.parse(example('xlsx_cells', [path])) };
}

test('exportLocalityXlsx downloads the locality workbook, and it agrees with compute()', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const { page, errors } = await openPage(context);
    const { name, suggested, book } = await exportLocality(page, COUNTY, 'zh');
    assert.equal(suggested, '示例县-民政规划指标.xlsx');
    assert.equal(name, suggested);
    assert.deepEqual(Object.keys(book), ['主要指标完成情况', '输入与测算依据']);
    const summary = book['主要指标完成情况'];
    assert.equal(summary[0][0], '示例县民政规划主要指标完成情况表');
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    assert.ok(summary[1][0].includes(`测算日期：${today}`), summary[1][0]);
    assert.deepEqual(summary[3], ['序号', '指标', '属性', '单位', '规划要求', '现有', '差距', '状态']);

    // Every norm's row against the page's own compute() of the same inputs.
    // The public module (the page itself runs minzheng_page.js): initialised here.
    const computed = await page.evaluate(async (inputs) => {
      const m = await import('./pkg/minzheng_calc.js');
      await m.default();
      return m.compute(inputs).results;
    }, COUNTY);
    assert.equal(computed.length, 39);
    const rows = summary.filter((r) => typeof r[0] === 'number');
    assert.equal(rows.length, 39);
    for (const r of computed) {
      const row = rows.find((x) => x[1] === r.name_zh);
      assert.ok(row, `a row for ${r.id}`);
      assert.equal(row[7], STATUS_ZH[r.status], `${r.id}: status`);
      if (r.required_max !== undefined) assert.equal(row[4], `${grouped(r.required)} 至 ${grouped(r.required_max)}`, r.id);
      else if (r.required !== undefined && r.comparator === '>=') assert.equal(row[4], `≥ ${grouped(r.required)}`, r.id);
      if (r.current !== undefined) assert.equal(row[5], Number(r.current), `${r.id}: current`);
      if (r.status === 'unmet' || r.status === 'met') assert.equal(row[6], Number(r.gap), `${r.id}: gap`);
    }
    const workers = rows.find((x) => x[1] === '城镇社区工作者');
    assert.deepEqual(workers.slice(4), ['≥ 416', 400, 16, '未达标']);
    const detail = book['输入与测算依据'];
    const working = detail.find((x) => x[1] === '城镇社区工作者' && typeof x[3] === 'string' && x[3].includes('→'));
    assert.equal(working[3], '231,109 × 18 ÷ 10,000 = 415.9962 → 416 人');

    const english = await exportLocality(page, COUNTY, 'en');
    assert.equal(english.suggested, '示例县-civil-affairs-targets.xlsx');
    assert.deepEqual(Object.keys(english.book), ['Targets', 'Inputs and working']);
    // No name: a name still, and nothing typed at all still gives a workbook.
    const unnamed = await exportLocality(page, {}, 'zh');
    assert.equal(unnamed.suggested, '本地区-民政规划指标.xlsx');
    assert.equal(unnamed.book['主要指标完成情况'].filter((r) => r[7] === '缺少输入').length > 30, true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

const CSV = (() => {
  const header = 'name,resident_population,urban_resident_population,households,elderly_population,townships,subdistricts,eldercare_beds,current.community_workers';
  const rows = ['甲县', '乙区', '丙镇'].map((n, i) => `${n},${500000 + i},${231109 + i},${170001 + i},${123456 + i},12,5,3200,400`);
  return { name: 'three.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rows.join('\n')}\n`, 'utf8') };
})();

async function upload(page) {
  await page.waitForSelector('#batch input[name=batch_file]', { state: 'visible' });
  await page.setInputFiles('#batch input[name=batch_file]', CSV);
  await page.waitForFunction(() => document.querySelector('#batch').dataset.batchState === 'done', null, { timeout: 60_000 });
}

const shownColumns = (page) => page.$$eval('#batch .batch-table thead th', (ths) => ths.map((th) => th.dataset.colId));

test('the name stays in view while the table scrolls; the norm chooser hides columns for this tab', async () => {
  const context = await browser.newContext({ viewport: { width: 1250, height: 900 } });
  try {
    const { page, errors } = await openPage(context);
    await upload(page);
    const all = await shownColumns(page);
    assert.ok(all.includes('community_workers') && all.includes('gap.community_workers'));
    const before = await page.evaluate(() => {
      const scroller = document.querySelector('#batch .batch-scroll');
      return { wide: scroller.scrollWidth > scroller.clientWidth * 2 };
    });
    assert.ok(before.wide, 'the table is wider than its box');
    const scrolled = await page.evaluate(async () => {
      const scroller = document.querySelector('#batch .batch-scroll');
      scroller.scrollIntoView({ block: 'start' }); // for elementFromPoint, which looks only inside the viewport
      scroller.scrollLeft = scroller.scrollWidth; // to the far right
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const box = scroller.getBoundingClientRect();
      const row = document.querySelector('#batch .batch-table tbody tr');
      const number = row.cells[0].getBoundingClientRect();
      const name = row.querySelector('td.name').getBoundingClientRect();
      const third = row.cells[2].getBoundingClientRect(); // the first norm's column: scrolled away
      const hit = document.elementFromPoint(name.left + 5, name.top + name.height / 2);
      return { scrollLeft: scroller.scrollLeft, boxLeft: box.left, numberLeft: number.left, numberRight: number.right, nameLeft: name.left, nameRight: name.right, thirdRight: third.right, onTop: hit === row.querySelector('td.name') };
    });
    assert.ok(scrolled.scrollLeft > 2000, `scrolled ${scrolled.scrollLeft}px`);
    assert.ok(Math.abs(scrolled.numberLeft - scrolled.boxLeft) <= 2, `the row number at the box's left: ${JSON.stringify(scrolled)}`);
    assert.ok(Math.abs(scrolled.nameLeft - scrolled.numberRight) <= 2, `the name right of it: ${JSON.stringify(scrolled)}`);
    assert.ok(scrolled.thirdRight < scrolled.boxLeft, 'the norm columns scrolled away');
    assert.ok(scrolled.onTop, 'the name is drawn over the cells scrolling under it');

    // The chooser: hide one norm, then every norm; the name and row number stay.
    await page.click('#batch [data-norm-chooser] summary');
    assert.equal((await page.textContent('#batch [data-norm-chooser] summary')).trim(), '显示的指标（39 / 39）');
    // Grouped as the plan groups the norms.
    const groups = await page.$$eval('#batch [data-norm-chooser] fieldset', (fs) => fs.map((f) => [f.querySelector('legend').textContent, f.querySelectorAll('input[name=batch_norm]').length]));
    assert.deepEqual(groups.map((g) => g[0]), ['基本民生保障', '基层社会治理', '基本社会服务', '养老服务']);
    assert.equal(groups.reduce((n, g) => n + g[1], 0), 39);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(() => window.axe.run(document.querySelector('#batch'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)));
    assert.deepEqual(violations, [], 'axe-core: the table and the open chooser');
    await page.uncheck('#batch input[name=batch_norm][value=community_workers]');
    let shown = await shownColumns(page);
    assert.ok(!shown.includes('community_workers') && !shown.includes('gap.community_workers'), 'its required and gap columns go');
    assert.equal(shown.length, all.length - 2);
    assert.equal(await page.$$eval('#batch .batch-table tbody tr:first-child > *', (c) => c.length), all.length - 2);
    assert.equal(await page.$$eval('#batch .batch-table tfoot tr > *', (c) => c.length), all.length - 2);
    assert.equal((await page.textContent('#batch [data-norm-chooser] summary')).trim(), '显示的指标（38 / 39）');

    // Kept for the tab: a reload and the same file again show the same columns.
    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    await upload(page);
    shown = await shownColumns(page);
    assert.ok(!shown.includes('community_workers'), 'still hidden after a reload');
    assert.equal(await page.isChecked('#batch input[name=batch_norm][value=community_workers]'), false);
    await page.click('#batch [data-norm-chooser] summary');
    await page.click('#batch button[data-norms=none]');
    assert.deepEqual(await shownColumns(page), ['row', 'name']);
    await page.click('#batch button[data-norms=all]');
    assert.deepEqual(await shownColumns(page), all);
    // The chooser speaks the page's language, and switches with it.
    await page.evaluate(() => { document.documentElement.lang = 'en'; });
    await page.waitForFunction(() => document.querySelector('#batch [data-norm-chooser] summary').textContent.startsWith('Targets shown'));
    assert.equal((await page.textContent('#batch [data-norm-chooser] summary')).trim(), 'Targets shown (39 of 39)');
    assert.equal(await page.textContent('#batch [data-norm-chooser] legend'), 'Basic livelihood support');
    assert.equal(await page.textContent('#batch [data-norm-choice=community_workers] span'), 'Community workers');
    await page.evaluate(() => { document.documentElement.lang = 'zh-CN'; });

    // Another tab starts with every norm.
    await page.uncheck('#batch input[name=batch_norm][value=nursing_beds]');
    const other = await openPage(context);
    await upload(other.page);
    assert.deepEqual(await shownColumns(other.page), all);
    assert.deepEqual(errors, []);
    assert.deepEqual(other.errors, []);
  } finally {
    await context.close();
  }
});

// The custom element's 导出本地区 XLSX (issue 19.3 for embedding pages): embed.js loads batch.js beside it on the
// first click; the workbook holds the element's own figures, and the button's status line says it is done.
test('<minzheng-calc>: 导出本地区 XLSX downloads the workbook of the element\'s figures', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const host = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>区政府网站</title></head><body>' +
    '<minzheng-calc lang="zh" name="某区" urban_resident_population="231109" current.community_workers="400"></minzheng-calc>' +
    '<script type="module" src="embed.js"></script></body></html>';
  await context.route(`${server.url}__host.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: host }));
  try {
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}__host.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('minzheng-calc').shadowRoot?.querySelector('.calculator[data-ready="true"]'));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('minzheng-calc [data-export-locality="xlsx"]'),
    ]);
    assert.equal(download.suggestedFilename(), '某区-民政规划指标.xlsx');
    const path = join(dir, 'element.xlsx');
    await download.saveAs(path);
    const book = JSON.parse(example('xlsx_cells', [path]));
    const workers = book['主要指标完成情况'].find((x) => x[1] === '城镇社区工作者');
    assert.deepEqual(workers.slice(4), ['≥ 416', 400, 16, '未达标']);
    await page.waitForFunction(() => document.querySelector('minzheng-calc').shadowRoot.querySelector('.table-status').textContent === '已导出。');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
