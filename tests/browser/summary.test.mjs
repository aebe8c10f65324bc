// The summary table (issue 19.1), the level select (19.2), the copy and export buttons (19.3), in headless
// Chromium on the served site: a county typed at 1366×768, as an official would.
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

/** A county's eight figures (and its name). */
export const COUNTY = {
  name: '示例县',
  resident_population: '500000',
  urban_resident_population: '231109',
  registered_population: '480000',
  households: '170001',
  elderly_population: '123456',
  townships: '10',
  subdistricts: '5',
  eldercare_beds: '2060',
};

async function open(context, hash = '') {
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url + hash, { waitUntil: 'load' });
  await waitForReady(page);
  return { page, errors };
}

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) await page.fill(`[name="${name}"]`, value);
}

const rows = (page) => page.$$eval('table[data-summary] tr[data-summary-norm]', (trs) => trs.map((tr) => ({
  id: tr.dataset.summaryNorm,
  status: tr.dataset.status,
  cells: [...tr.cells].map((td) => td.textContent),
  shown: tr.getClientRects().length > 0,
})));

test('a row per norm, its status the card\'s; computed first; the first requirement on the first screen at 1366×768', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await open(context);
    const before = await page.evaluate(() => document.documentElement.scrollHeight);
    await fill(page, COUNTY);
    await page.selectOption('select[name="level"]', 'county');
    const all = await rows(page);
    const cards = await page.$$eval('[data-norm]', (es) => Object.fromEntries(es.map((e) => [e.dataset.norm, e.dataset.status])));
    assert.equal(all.length, 39);
    assert.equal(all.length, Object.keys(cards).length);
    for (const r of all) assert.equal(r.status, cards[r.id], r.id);
    const computed = (s) => ['met', 'unmet', 'unknown'].includes(s);
    const firstPending = all.findIndex((r) => !computed(r.status));
    assert.ok(firstPending > 5, `several computed norms: ${firstPending}`);
    assert.ok(all.slice(firstPending).every((r) => !computed(r.status)), 'computed norms first');
    // 城镇社区工作者: 231,109 × 18 ÷ 10,000 = 415.9962 → 416.
    const workers = all.find((r) => r.id === 'community_workers');
    assert.deepEqual(workers.cells.slice(1, 8), ['城镇社区工作者', '', '人', '≥ 416', '', '', '未填现有值']);
    // A county's city-level norms do not apply: neither met nor unmet.
    assert.ok(all.some((r) => r.status === 'not-applicable'), 'some not-applicable at county level');
    // The first computed norm's requirement is on the first screen, without scrolling.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.$eval('table[data-summary] tr[data-summary-norm] td.required', (td) => {
      const r = td.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, text: td.textContent };
    });
    assert.ok(box.bottom <= 768 && box.top >= 0, `first requirement at ${JSON.stringify(box)}`);
    // Every cell under its heading (the cards' styles once made 规划要求 a flex box and hid an empty 差距 cell,
    // so a 未填现有值 row showed its status under 差距).
    const misplaced = await page.$$eval('table[data-summary]', ([table]) => {
      const heads = [...table.tHead.rows[0].cells].map((th) => th.getBoundingClientRect());
      const out = [];
      for (const tr of table.querySelectorAll('tr[data-summary-norm]')) {
        if (!tr.getClientRects().length) continue;
        [...tr.cells].forEach((td, i) => {
          const r = td.getBoundingClientRect();
          if (Math.abs(r.left - heads[i].left) > 1 || Math.abs(r.width - heads[i].width) > 1) out.push(`${tr.dataset.summaryNorm} cell ${i}`);
        });
      }
      return out;
    });
    assert.deepEqual(misplaced, [], 'every cell in its column');
    const after = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`# page height at 1366×768: fresh ${before} px, county typed ${after} px; first requirement at y=${Math.round(box.top)}`);
    // The inputs stay in view while the results scroll.
    await page.evaluate(() => window.scrollTo(0, 4000));
    const formTop = await page.$eval('form.inputs', (f) => f.getBoundingClientRect().top);
    assert.ok(Math.abs(formTop) < 2, `sticky inputs: ${formTop}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('filters: only 未达标, only 约束性, hide 缺少输入; missing fields as lines that focus the field', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await open(context);
    // Nothing typed: every norm waits; the lines say what to type.
    let all = await rows(page);
    assert.ok(all.every((r) => !r.shown), 'hide 缺少输入 is on at first');
    const lines = await page.$$eval('tbody.waiting button', (bs) => bs.map((b) => [b.dataset.entry, b.textContent]));
    assert.ok(lines.length >= 3, JSON.stringify(lines));
    const urban = lines.find(([f]) => f === 'urban_resident_population');
    assert.match(urban[1], /^填写 城镇常住人口 可再算 \d+ 项/);
    await page.click('tbody.waiting button[data-entry="urban_resident_population"]');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'urban_resident_population');
    // The count on the line is what typing the field frees.
    const freed = Number(urban[1].match(/可再算 (\d+) 项/)[1]);
    await page.keyboard.type('231109');
    all = await rows(page);
    assert.equal(all.filter((r) => r.shown).length, freed);
    // The cards follow the filter: only the computed norms' cards are shown, and no empty chapter heading.
    const cardsShown = () => page.$$eval('[data-norm]', (es) => es.filter((e) => e.getClientRects().length).map((e) => e.dataset.norm));
    const shownIds = all.filter((r) => r.shown).map((r) => r.id).sort();
    assert.deepEqual((await cardsShown()).sort(), shownIds);
    const emptyHeadings = await page.$$eval('.norm-group', (gs) => gs.filter((g) => g.getClientRects().length
      && ![...g.querySelectorAll('[data-norm]')].some((c) => c.getClientRects().length)).length);
    assert.equal(emptyHeadings, 0, 'no chapter heading without a card');

    await fill(page, { current: undefined }.current ? {} : { 'current.community_workers': '400' });
    await page.check('#f-unmet');
    all = await rows(page);
    assert.deepEqual(all.filter((r) => r.shown).map((r) => r.id), ['community_workers']);
    assert.deepEqual(all.find((r) => r.id === 'community_workers').cells.slice(4, 8), ['≥ 416', '400', '16', '未达标']);
    await page.uncheck('#f-unmet');
    await page.check('#f-binding');
    all = await rows(page);
    assert.ok(all.filter((r) => r.shown).every((r) => r.cells[2] === '约束性'));
    await page.uncheck('#f-binding');
    await page.uncheck('#f-missing');
    all = await rows(page);
    assert.equal(all.filter((r) => r.shown).length, 39);
    assert.equal((await cardsShown()).length, 39, 'every card once the filter is off');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a row opens its card: the 依据 open and the card in view', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await open(context);
    await fill(page, COUNTY);
    await page.click('tr[data-summary-norm="nursing_beds"] button.open-norm');
    const card = await page.$eval('[data-norm="nursing_beds"]', (c) => ({
      open: c.querySelector('details.basis').open,
      top: c.getBoundingClientRect().top,
      focused: document.activeElement === c,
    }));
    assert.ok(card.open);
    assert.ok(card.focused);
    assert.ok(card.top >= -1 && card.top < 768, `card at ${card.top}`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the level select: five options, not-applicable norms, in the link and back after a reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await open(context);
    const options = await page.$$eval('select[name="level"] option', (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options.map(([v]) => v), ['', 'province', 'city', 'county', 'district', 'township']);
    assert.deepEqual(options.slice(1).map(([, t]) => t), ['省', '地级市', '县/县级市', '市辖区', '乡镇/街道']);
    await fill(page, COUNTY);
    const without = await rows(page);
    assert.ok(without.every((r) => r.status !== 'not-applicable'));
    await page.selectOption('select[name="level"]', 'county');
    const county = await rows(page);
    const na = county.filter((r) => r.status === 'not-applicable').map((r) => r.id);
    assert.ok(na.length > 0);
    for (const id of na) {
      assert.equal(await page.$eval(`[data-norm="${id}"]`, (c) => c.dataset.status), 'not-applicable', id);
      assert.equal(county.find((r) => r.id === id).cells[7], '不适用');
    }
    // The card says why (the ruleset's level note), and asks for no current value.
    const card = await page.$eval(`[data-norm="${na[0]}"]`, (c) => ({
      note: c.querySelector('.missing').textContent,
      box: c.querySelector('.field.current').getClientRects().length,
    }));
    assert.match(card.note, /^说明：.+/);
    assert.equal(card.box, 0);
    // Left out of the counts: the summary line adds up to the applicable norms.
    const summary = await page.$eval('.summary', (p) => p.textContent);
    const counts = summary.match(/\d+/g).map(Number);
    assert.equal(counts.reduce((a, b) => a + b, 0), 39 - na.length, summary);
    // The counts a county implies, in the boxes left empty, as their placeholders.
    const placeholders = await page.$$eval('input[name="counties"], input[name="districts"], input[name="prefecture_cities"]',
      (is) => is.map((i) => [i.name, i.placeholder]));
    assert.deepEqual(placeholders, [['prefecture_cities', '0'], ['counties', '1'], ['districts', '0']]);
    await page.waitForFunction(() => /(^|[#&])level=county(&|$)/.test(location.hash));
    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    assert.equal(await page.$eval('select[name="level"]', (s) => s.value), 'county');
    // A level linked in its Chinese words selects its option.
    const linked = await open(context, '#level=%E5%8E%BF&resident_population=500000');
    assert.equal(await linked.page.$eval('select[name="level"]', (s) => s.value), 'county');
    assert.deepEqual(errors, []);
    assert.deepEqual(linked.errors, []);
  } finally {
    await context.close();
  }
});

test('复制汇总表 puts the computed rows on the clipboard as HTML and as tab-separated text', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  try {
    const { page, errors } = await open(context);
    await fill(page, { ...COUNTY, 'current.community_workers': '400' });
    await page.click('[data-copy-summary]');
    await page.waitForFunction(() => document.querySelector('.table-status').textContent !== '');
    assert.match(await page.$eval('.table-status', (s) => s.textContent), /已复制/);
    const got = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return {
        types: item.types,
        html: await (await item.getType('text/html')).text(),
        text: await (await item.getType('text/plain')).text(),
      };
    });
    const lines = got.text.trim().split('\r\n').map((l) => l.split('\t'));
    assert.deepEqual(lines[0], ['序号', '指标', '属性', '单位', '规划要求', '现有', '差距', '状态']);
    const computed = (await rows(page)).filter((r) => ['met', 'unmet', 'unknown'].includes(r.status));
    assert.equal(lines.length, 1 + computed.length);
    assert.ok(lines.some((l) => l.slice(1).join('|') === '城镇社区工作者||人|≥ 416|400|16|未达标'), got.text);
    assert.match(got.html, /<table/);
    assert.match(got.html, /<td>城镇社区工作者<\/td><td><\/td><td>人<\/td><td>≥ 416<\/td><td>400<\/td><td>16<\/td><td>未达标<\/td>/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('导出本地区 XLSX: the page\'s button downloads the workbook and says so beside it', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  try {
    const { page, errors } = await open(context);
    await fill(page, COUNTY);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('[data-export-locality="xlsx"]');
    assert.equal((await download).suggestedFilename(), '示例县-民政规划指标.xlsx');
    await page.waitForFunction(() => document.querySelector('.table-status').textContent === '已导出。');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a narrow screen (360 px): each row a block, every cell named by its column, in either language', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const { page, errors } = await open(context);
  await fill(page, COUNTY);
  const labels = () => page.$eval('tr[data-summary-norm="community_workers"]', (tr) => {
    const header = tr.closest('table').querySelector('thead');
    return {
      headerShown: header.getClientRects().length > 0,
      width: tr.closest('table').getBoundingClientRect().width,
      cells: [...tr.cells].slice(2).map((td) => `${getComputedStyle(td, '::before').content} ${td.textContent}`),
    };
  });
  const zh = await labels();
  assert.equal(zh.headerShown, false);
  assert.ok(zh.width <= 360, `the table fits the screen (${zh.width} px)`);
  assert.deepEqual(zh.cells, ['"属性：" ', '"单位：" 人', '"规划要求：" ≥ 416', '"现有：" ', '"差距：" ', '"状态：" 未填现有值']);
  await page.click('[data-action="lang"]');
  const en = await labels();
  assert.match(en.cells[2], /^"Required: " ≥ 416$/);
  assert.deepEqual(errors, []);
  await context.close();
});
