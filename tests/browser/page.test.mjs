// The calculator page as an official uses it, in headless Chromium, on the served site and on the
// file:// single file: type figures, read the contract's data-* results, bad input, reload, share
// link, English. Expected figures are worked by hand (see tests/golden.rs for the working).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startServer, singleFileUrl, collectErrors, waitForReady } from './harness.mjs';

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

const LOCALITY = {
  name: '示例县',
  resident_population: '500,000',
  urban_resident_population: '231109',
  registered_population: '48万',
  households: '１７００01',
  elderly_population: '123456',
  counties: '3',
  districts: '2',
  townships: '10',
  subdistricts: '5',
  eldercare_beds: '206000',
  urban_dibao_monthly: '672',
};

/** Hand-worked required values for LOCALITY. */
const EXPECTED = {
  community_workers: '416', // 231,109 × 18 ÷ 10,000 = 415.9962 → 416
  nursing_beds: '113300', // 0.55 × 206,000 = 113,300 exactly
  temporary_relief_reserve: '960000', // 480,000 × 2
  social_assistance_staff: '70', // 2 × (3 + 2) + 4 × (10 + 5)
  community_service_floor_area: '51000.3', // 170,001 × 30 ÷ 100
  eldercare_land: '50000', // 500,000 × 0.1
  social_org_staff_share: '2877', // 245,000 × 500,000 ÷ 42,591,407 = 2876.17 → 2877
  eldercare_social_workers_elderly: '124', // 123,456 ÷ 1,000 → 124
  minor_protection_stations: '8', // 0.5 × 15 = 7.5 → 8
};

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    await page.fill(`[name="${name}"]`, value);
  }
}

function norm(page, id) {
  return page.evaluate((id) => {
    const e = document.querySelector(`[data-norm="${id}"]`);
    return e ? { ...e.dataset, text: e.textContent } : null;
  }, id);
}

/** How many result cards have each data-status. */
function statusCounts(page) {
  return page.evaluate(() => {
    const counts = { met: 0, unmet: 0, unknown: 0, 'missing-input': 0 };
    for (const e of document.querySelectorAll('[data-norm]')) counts[e.dataset.status] += 1;
    return counts;
  });
}

async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url, { waitUntil: 'load' });
  await waitForReady(page);
  return { context, page, errors };
}

for (const where of ['served', 'file']) {
  describe(`calculator page (${where})`, () => {
    const url = () => (where === 'served' ? server.url : singleFileUrl());

    test('typed figures give the hand-worked targets in data-* attributes', async () => {
      const { context, page, errors } = await open(url());
      assert.equal(await page.locator('[data-norm]').count(), 39);
      await fill(page, LOCALITY);
      for (const [id, required] of Object.entries(EXPECTED)) {
        const r = await norm(page, id);
        assert.equal(r.required, required, `${id} required`);
      }
      const range = await norm(page, 'emergency_eldercare_facilities');
      assert.deepEqual([range.required, range.requiredMax, range.comparator], ['5', '10', 'range']);
      const strict = await norm(page, 'community_service_floor_area');
      assert.equal(strict.comparator, '>');
      const workers = await norm(page, 'community_workers');
      assert.equal(workers.status, 'unknown');
      assert.match(workers.text, /231,109 × 18 ÷ 10,000 = 415\.9962 → 416 人/);
      const missing = await norm(page, 'dibao_rural_next_year');
      assert.equal(missing.status, 'missing-input');
      assert.equal(missing.required, undefined);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('current provision gives status and gap against the unrounded threshold', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.fill('[name="current.community_workers"]', '400');
      let r = await norm(page, 'community_workers');
      assert.deepEqual([r.status, r.current, r.gap], ['unmet', '400', '16']);
      await page.fill('[name="current.community_workers"]', '416');
      r = await norm(page, 'community_workers');
      assert.deepEqual([r.status, r.gap], ['met', '0']);
      await page.fill('[name="current.community_service_floor_area"]', '51000.3');
      r = await norm(page, 'community_service_floor_area');
      assert.equal(r.status, 'unmet', 'strictly more than: equality is unmet');
      await page.fill('[name="current.nursing_beds"]', '113300');
      assert.equal((await norm(page, 'nursing_beds')).status, 'met');
      // The chart draws a bar per norm with a current value.
      assert.equal(await page.locator('svg.bars rect.bar').count(), 3);
      // The summary counts the cards by status: two met, one unmet, the rest awaiting a current value or input.
      const counts = await statusCounts(page);
      assert.deepEqual([counts.met, counts.unmet, counts.unknown + counts['missing-input']], [2, 1, 36]);
      assert.equal(await page.locator('.summary').textContent(),
        `达标 2 项，未达标 1 项，未填现有值 ${counts.unknown} 项，缺少输入 ${counts['missing-input']} 项`);
      await context.close();
    });

    test('bad input shows its message next to the field and the rest still computes', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.fill('[name="townships"]', '十个');
      await page.fill('[name="urban_resident_population"]', '600000');
      const townships = page.locator('[name="townships"]');
      assert.equal(await townships.getAttribute('aria-invalid'), 'true');
      const msg = await page.locator('[data-error-for="townships"]').textContent();
      assert.match(msg, /乡镇个数/);
      assert.match(msg, /not a number/);
      const urban = await page.locator('[data-error-for="urban_resident_population"]').textContent();
      assert.match(urban, /不能大于常住人口/);
      assert.equal((await norm(page, 'social_work_stations')).status, 'missing-input');
      assert.equal((await norm(page, 'community_workers')).status, 'missing-input');
      assert.equal((await norm(page, 'nursing_beds')).required, '113300', 'other norms still compute');
      await page.fill('[name="townships"]', '10');
      assert.equal(await townships.getAttribute('aria-invalid'), null);
      assert.equal((await norm(page, 'social_work_stations')).required, '15');
      await context.close();
    });

    test('a reload keeps every value, including a wrong one', async () => {
      const { context, page } = await open(url());
      await fill(page, { ...LOCALITY, subdistricts: '5个半' });
      await page.fill('[name="current.community_workers"]', '400');
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '231109');
      assert.equal(await page.inputValue('[name="subdistricts"]'), '5个半');
      assert.equal(await page.inputValue('[name="current.community_workers"]'), '400');
      assert.equal((await norm(page, 'community_workers')).gap, '16');
      await context.close();
    });

    test('a share link restores the figures in a fresh browser, and editing updates the link', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.fill('[name="current.community_workers"]', '900');
      const link = await page.evaluate(() => location.href);
      assert.match(link, /#.*urban_resident_population=231109/);
      assert.match(link, /current\.community_workers=900/);
      await context.close();
      // The contract's own example fragment, opened cold.
      const base = url().split('#')[0];
      const fresh = await open(`${base}#resident_population=1000000&urban_resident_population=650000&current.community_workers=900`);
      // 650,000 × 18 ÷ 10,000 = 1170: 900 is 270 short.
      const r = await norm(fresh.page, 'community_workers');
      assert.deepEqual([r.required, r.current, r.status, r.gap], ['1170', '900', 'unmet', '270']);
      assert.equal(await fresh.page.inputValue('[name="resident_population"]'), '1000000');
      await fresh.context.close();
      const restored = await open(link);
      assert.equal(await restored.page.inputValue('[name="name"]'), '示例县');
      assert.equal((await norm(restored.page, 'community_workers')).gap, '0');
      await restored.context.close();
    });

    test('English by the toggle and by lang=en in the link; values survive the switch', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.fill('[name="townships"]', 'x');
      await page.click('[data-action="lang"]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await page.locator('h1').textContent(), /Civil Affairs Targets Calculator/);
      assert.match(await page.locator('[data-norm="community_workers"]').textContent(), /Community workers/);
      assert.match(await page.locator('[data-error-for="townships"]').textContent(), /^Townships and towns: not a number/);
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '231109');
      assert.match(await page.evaluate(() => location.href), /lang=en/);
      assert.equal((await norm(page, 'community_workers')).required, '416');
      const counts = await statusCounts(page);
      assert.equal(await page.locator('.summary').textContent(),
        `${counts.met} met, ${counts.unmet} unmet, ${counts.unknown} with no current value, ${counts['missing-input']} missing inputs`);
      assert.equal(counts.met + counts.unmet + counts.unknown + counts['missing-input'], 39);
      await context.close();
      const base = url().split('#')[0];
      const en = await open(`${base}#lang=en&eldercare_beds=206000`);
      assert.equal(await en.page.getAttribute('html', 'lang'), 'en');
      assert.equal(await en.page.locator('[data-norm="nursing_beds"] .status').textContent(), 'No current value');
      await en.context.close();
    });

    test('each card\'s 依据 (the plan\'s words, citation, note) and why a norm does not apply, in both languages', async () => {
      const { context, page, errors } = await open(url());
      // The page's module leaves the words out; they arrive from the batch module after the first results
      // (the single file's prerendered page holds them from the start).
      const workers = '[data-norm="community_workers"] .plan-words';
      await page.waitForFunction((s) => document.querySelector(s).textContent !== '', workers);
      const words = () => page.evaluate((s) => ({
        quotes: [...document.querySelectorAll(`${s} blockquote`)].map((q) => q.textContent),
        cite: document.querySelector(`${s} .cite`).textContent,
        cards: [...document.querySelectorAll('.plan-words')].filter((w) => w.querySelector('blockquote')).length,
      }), workers);
      let seen = await words();
      assert.equal(seen.cards, 39, 'every card');
      assert.equal(seen.quotes.length, 1);
      assert.equal(seen.quotes[0], '推动实现每万名城镇常住人口拥有社区工作者 18 人');
      assert.equal(seen.cite, '出处：第三章第二节；期限：规划期内（2021—2025年）');
      // A note of ours, beside the plan's words.
      assert.match(await page.locator('[data-norm="care_type_institutions"] .plan-words .note').textContent(), /^说明：/);
      // Not applicable at a county: why, in the plan's words.
      await page.selectOption('select[name="level"]', 'county');
      const rescue = page.locator('[data-norm="minor_rescue_facilities"]');
      assert.equal(await rescue.getAttribute('data-status'), 'not-applicable');
      assert.match(await rescue.locator('.missing').textContent(), /^说明：.*地级市/);
      await page.click('[data-action="lang"]');
      seen = await words();
      assert.equal(seen.cards, 39);
      assert.equal(seen.cite, 'Citation: Chapter 3, Section 2; Deadline: within the plan period (2021–2025)');
      assert.match(await rescue.locator('.missing').textContent(), /^Note: /);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('a local standard is flagged and the plan value stays visible', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.click('[data-norm="community_workers"] summary');
      await page.fill('[name="param.community_workers.per_10k"]', '20');
      const r = await norm(page, 'community_workers');
      assert.equal(r.required, '463'); // 231,109 × 20 ÷ 10,000 = 462.218 → 463
      assert.equal(r.local, 'true');
      assert.match(r.text, /416/, 'the plan value (416) stays visible');
      await context.close();
    });

    test('the printed report has title, locality, date, inputs and cited results, without the input chrome', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      await page.fill('[name="current.community_workers"]', '400');
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      const visible = (sel) => page.locator(sel).first().isVisible();
      // The report's title is the locality's (issue 19.4), not the tool's.
      assert.equal(await visible('.report-title'), true);
      assert.equal(await page.locator('.report-title').innerText(), '示例县民政规划指标测算报告');
      assert.equal(await visible('.tools'), false, 'no buttons in print');
      assert.equal(await visible('form.inputs'), false, 'no input boxes in print');
      const head = await page.locator('.print-inputs').innerText();
      assert.match(head, /示例县/);
      assert.match(head, /\d{4}-\d{2}-\d{2}/, 'report date');
      assert.match(head, /231109/);
      const card = page.locator('[data-norm="community_workers"]');
      assert.match(await card.innerText(), /现有：400 人/);
      assert.match(await card.innerText(), /第三章第二节/, 'citation printed');
      assert.match(await card.innerText(), /推动实现每万名城镇常住人口拥有社区工作者 18 人/, 'quote printed');
      assert.match(await page.locator('.report-plan').innerText(), /辽宁省民政事业发展第十四个五年规划/);
      await context.close();
    });

    test('reset clears the form, the link and the saved state', async () => {
      const { context, page } = await open(url());
      await fill(page, LOCALITY);
      // No confirm (a dialog would be dismissed, and nothing cleared): 撤销 undoes it (saved.test.mjs).
      await page.click('[data-action="reset"]');
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '');
      assert.equal(await page.evaluate(() => location.hash), '');
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '');
      await context.close();
    });
  });
}

test('served, the words module cannot load: the calculator still computes, the batch section names its words by id', async () => {
  const context = await browser.newContext();
  await context.route(/minzheng_words/, (route) => route.abort());
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  await fill(page, { urban_resident_population: '231109' });
  assert.equal((await norm(page, 'community_workers')).required, '416');
  await page.waitForSelector('#batch #batch-title');
  assert.equal(await page.textContent('#batch #batch-title'), 'batch.title');
  assert.equal(await page.locator('.plan-words blockquote').count(), 0, 'no 依据 without the words module');
  assert.ok(warnings.some((w) => w.includes('依据 unavailable')), warnings.join('\n'));
  await context.close();
});

test('time to first result, served and file:// (printed, not gated)', async () => {
  for (const u of [server.url, singleFileUrl()]) {
    const { context, page } = await open(u);
    const ms = await page.evaluate(() => performance.getEntriesByName('minzheng-calc:first-result')[0]?.startTime ?? NaN);
    console.log(`first result ready at ${ms.toFixed(1)} ms after navigation start: ${u.slice(0, 40)}`);
    await context.close();
  }
});
