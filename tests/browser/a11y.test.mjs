// Accessibility and 适老化 (issue 4): axe-core finds no WCAG 2.1 A/AA violation in Chinese, English and 长辈模式
// (with figures typed in and an input error showing); every control is labelled; the calculator works by
// keyboard alone with a visible focus; results are announced politely; it reflows at 320 CSS px (= 1280 px at
// 400 % zoom) without horizontal scrolling; 长辈模式 enlarges text and targets and is remembered.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, startServer, collectErrors, waitForReady } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

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

async function open(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  return { context, page, errors };
}

/** Figures typed in, current values (so the chart is drawn) and one input error. */
async function typeFigures(page) {
  await page.fill('[name="name"]', '示例县');
  await page.fill('[name="resident_population"]', '500000');
  await page.fill('[name="urban_resident_population"]', '231109');
  await page.fill('[name="eldercare_beds"]', '206000');
  await page.fill('[name="current.community_workers"]', '400');
  await page.fill('[name="current.nursing_beds"]', '120000');
  await page.fill('[name="households"]', '十七万零一户？');
  await page.waitForSelector('[name="households"][aria-invalid="true"]');
  assert.notEqual(await page.locator('[data-error-for="households"]').textContent(), '');
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary}`),
    }));
  });
}

const show = (violations) => JSON.stringify(violations, null, 2);

describe('axe-core: no WCAG 2.1 A/AA violations', () => {
  test('in Chinese, in English and in 长辈模式, with figures, a chart, open panels and an input error', async () => {
    const { context, page, errors } = await open();
    await typeFigures(page);
    await page.locator('details.basis').first().evaluate((d) => { d.open = true; });
    await page.click('.embed-code summary');
    assert.equal(await page.locator('svg.bars').count(), 1, 'the chart is drawn');

    let violations = await axe(page);
    assert.deepEqual(violations, [], `Chinese:\n${show(violations)}`);

    await page.click('[data-action=lang]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.waitForSelector('[name="households"][aria-invalid="true"]');
    violations = await axe(page);
    assert.deepEqual(violations, [], `English:\n${show(violations)}`);

    await page.click('[data-action=elder]');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
    violations = await axe(page);
    assert.deepEqual(violations, [], `English, 长辈模式:\n${show(violations)}`);

    await page.click('[data-action=lang]');
    violations = await axe(page);
    assert.deepEqual(violations, [], `Chinese, 长辈模式:\n${show(violations)}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in the iframe mode and at 320 CSS px', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await page.goto(server.url + 'index.html?embed=1#urban_resident_population=231109&households=x', { waitUntil: 'load' });
    await waitForReady(page);
    const violations = await axe(page);
    assert.deepEqual(violations, [], show(violations));
    await context.close();
  });
});

describe('labels, keyboard, focus, announcements', () => {
  test('every control has a label or an accessible name', async () => {
    const { context, page } = await open();
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select, button')]
      .filter((e) => !e.hidden && e.type !== 'hidden')
      .filter((e) => !((e.labels && e.labels.length && [...e.labels].some((l) => l.textContent.trim()))
        || e.getAttribute('aria-label')?.trim() || (e.localName === 'button' && e.textContent.trim())))
      .map((e) => e.outerHTML.slice(0, 120)));
    assert.deepEqual(unlabelled, []);
    // Inputs point at their unit, hint and error line.
    const described = await page.locator('[name="urban_resident_population"]').getAttribute('aria-describedby');
    assert.ok(described.split(' ').includes('err-urban_resident_population'));
    await context.close();
  });

  test('keyboard alone: Tab reaches every control with a visible focus; type; Enter and Space work the toggles', async () => {
    const { context, page } = await open();
    // Every visible control, numbered; Tab must visit each of them with a visible focus indicator.
    const names = await page.evaluate(() => {
      const all = [...document.querySelectorAll('input, button, summary, textarea, a[href], select')]
        .filter((e) => !e.hidden && e.checkVisibility()); // (not inside a closed <details>)
      all.forEach((e, i) => { e.dataset.tabTest = String(i); });
      return all.map((e) => e.getAttribute('name') || e.dataset.action || e.dataset.embed || e.localName);
    });
    const seen = new Set();
    const invisible = new Set();
    for (let i = 0; i < names.length + 20; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || !e.dataset || e.dataset.tabTest === undefined) return null;
        const s = getComputedStyle(e);
        return { i: Number(e.dataset.tabTest), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
      });
      if (!f) continue;
      seen.add(f.i);
      if (!f.outline) invisible.add(names[f.i]);
    }
    assert.deepEqual([...invisible], [], 'focused without a visible outline');
    const missed = names.filter((_, i) => !seen.has(i));
    assert.deepEqual(missed, [], 'controls Tab never reached');

    // Type by keyboard into a focused field.
    await page.focus('[name="urban_resident_population"]');
    await page.keyboard.type('231109');
    assert.equal(await page.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
    // Language with Enter, focus kept on the switch.
    await page.focus('[data-action=lang]');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'lang');
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    // 长辈模式 with Space and Enter.
    await page.focus('[data-action=elder]');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('[data-action=elder]').getAttribute('aria-pressed'), 'true');
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')));
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('[data-action=elder]').getAttribute('aria-pressed'), 'false');
    // A 依据 section opens from the keyboard.
    await page.focus('[data-norm="community_workers"] details.basis summary');
    await page.keyboard.press('Enter');
    assert.ok(await page.locator('[data-norm="community_workers"] details.basis').evaluate((d) => d.open));
    await context.close();
  });

  test('results and errors are announced politely', async () => {
    const { context, page } = await open();
    const live = await page.evaluate(() => {
      const s = document.querySelector('.summary');
      return { role: s.getAttribute('role'), live: s.getAttribute('aria-live'), text: s.textContent };
    });
    assert.equal(live.role, 'status');
    assert.equal(live.live, 'polite');
    await page.fill('[name="urban_resident_population"]', '231109');
    await page.fill('[name="current.community_workers"]', '400');
    const after = await page.locator('.summary').textContent();
    assert.notEqual(after, live.text, 'the summary changes with the results');
    assert.match(after, /未达标 1 项/);
    assert.equal(await page.locator('[data-error-for="households"]').getAttribute('aria-live'), 'polite');
    await context.close();
  });
});

describe('reflow (320 CSS px = 1280 px at 400 % zoom)', () => {
  for (const mode of ['zh', 'en', 'elder', 'elder-en']) {
    test(`no horizontal scrolling at 320 px wide (${mode})`, async () => {
      const { context, page } = await open({ width: 320, height: 640 });
      if (mode.startsWith('elder')) await page.click('[data-action=elder]');
      if (mode.endsWith('en')) await page.click('[data-action=lang]');
      await typeFigures(page);
      await page.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
      const m = await page.evaluate(() => ({
        scroll: document.scrollingElement.scrollWidth,
        inner: window.innerWidth,
        wide: [...document.querySelectorAll('#app *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length)
          .slice(0, 5).map((e) => `${e.localName}.${e.className?.baseVal ?? e.className} "${e.textContent.slice(0, 40)}" in ${e.parentElement.className}`),
      }));
      assert.ok(m.scroll <= m.inner, `scrollWidth ${m.scroll} > innerWidth ${m.inner}: ${m.wide.join(', ')}`);
      assert.deepEqual(m.wide, []);
      await context.close();
    });
  }
});

describe('长辈模式', () => {
  test('enlarges text and targets, raises contrast, and is remembered across a reload', async () => {
    const { context, page } = await open();
    const measure = () => page.evaluate(() => {
      const px = (sel, prop) => parseFloat(getComputedStyle(document.querySelector(sel))[prop]);
      return {
        label: px('.field label', 'fontSize'),
        value: px('.required .value', 'fontSize'),
        h4: px('.norm-head h4', 'fontSize'),
        button: document.querySelector('[data-action=lang]').getBoundingClientRect().height,
        input: document.querySelector('[name="urban_resident_population"]').getBoundingClientRect().height,
        ink: getComputedStyle(document.querySelector('.field label')).color,
      };
    });
    const normal = await measure();
    await page.click('[data-action=elder]');
    const elder = await measure();
    assert.ok(elder.label >= normal.label * 1.25, `label ${normal.label} → ${elder.label}`);
    assert.ok(elder.value >= normal.value * 1.25, `result ${normal.value} → ${elder.value}`);
    assert.ok(elder.h4 >= normal.h4 * 1.25, `heading ${normal.h4} → ${elder.h4}`);
    assert.ok(elder.button >= 52 && elder.input >= 52, `targets ${elder.button} / ${elder.input}`);
    assert.equal(elder.ink, 'rgb(0, 0, 0)', 'black text');
    assert.equal(await page.locator('[data-action=elder]').getAttribute('aria-pressed'), 'true');

    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')), 'remembered');
    assert.equal(await page.locator('[data-action=elder]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(await measure(), elder);

    await page.click('[data-action=elder]');
    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('elder'))), 'turned off, remembered off');
    await context.close();
  });
});
