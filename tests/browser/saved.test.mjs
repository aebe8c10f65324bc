// Nothing typed is lost (issue 17.3), in headless Chromium, on the served site and on the file:// single file:
// the figures are kept per locality (本机保存的地区, with open and delete); a share link, opened in a new tab
// or in the same tab, becomes its own entry and never replaces the user's county, also when it carries the same
// name with other figures; two tabs editing one entry both keep their figures; 清空重填 can be undone, delete asks;
// with storage refused the page says so and computes; a link value over the length limit is named; the first
// version's saved state (minzheng-calc:v1) is moved into the list.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServer, singleFileUrl, collectErrors, waitForReady, REPO } from './harness.mjs';

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

/** A page word of the text catalogue (crates/text/src/page.rs), both languages. */
function text(name) {
  const source = readFileSync(join(REPO, 'crates', 'text', 'src', 'page.rs'), 'utf8');
  const m = source.match(new RegExp(`\\b${name} = "page\\.[a-z_]+" \\{\\s*"([^"]+)",\\s*"([^"]+)"`));
  assert.ok(m, `${name} found in crates/text/src/page.rs`);
  return { zh: m[1], en: m[2] };
}

const A = { name: '甲县', urban_resident_population: '231109', townships: '10', 'current.community_workers': '400' };
const B = { name: '乙县', urban_resident_population: '100000', eldercare_beds: '206000' };

const hashOf = (values) => Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

async function newPage(context, url, { init } = {}) {
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const errors = collectErrors(page);
  // A dialog is an error unless the test said how to answer it (`answer`); what it asked is kept in `page.asked`.
  page.asked = [];
  page.on('dialog', (d) => {
    const reply = page.reply;
    page.reply = null;
    if (reply) page.asked.push(d.message());
    else errors.push(`dialog: ${d.message()}`);
    (reply === 'accept' ? d.accept() : d.dismiss()).catch(() => {});
  });
  await page.goto(url, { waitUntil: 'load' });
  await waitForReady(page);
  return { page, errors };
}

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    // Parameters sit in a closed 依据 section: set them as typing would.
    await page.evaluate(([n, v]) => {
      const input = document.querySelector(`[name="${n}"]`);
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, [name, value]);
  }
}

function values(page, names) {
  return page.evaluate((names) => Object.fromEntries(names.map((n) => [n, document.querySelector(`[name="${n}"]`).value])), names);
}

async function assertShows(page, expected, message) {
  const shown = await values(page, Object.keys(expected));
  assert.deepEqual(shown, expected, message);
}

const required = (page, id) => page.getAttribute(`[data-norm="${id}"]`, 'data-required');

/** The saved list once the page has filled it: [{ name, current }]. */
async function listed(page) {
  await page.waitForFunction(() => {
    const list = document.querySelector('.saved-list');
    return list && (list.children.length > 0 || document.querySelector('.saved-empty').textContent !== '');
  }, null, { timeout: 10_000 });
  return page.evaluate(() => [...document.querySelectorAll('.saved-list > li')].map((li) => ({
    name: li.querySelector('.saved-name').textContent,
    current: li.getAttribute('aria-current') === 'true',
  })));
}

/** Waits until the list holds exactly these names (in any order). */
async function waitForNames(page, names) {
  const want = JSON.stringify([...names].sort());
  try {
    await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('.saved-list .saved-name')]
      .map((e) => e.textContent).sort()) === want, want, { timeout: 10_000 });
  } catch {
    assert.deepEqual((await listed(page)).map((e) => e.name).sort(), [...names].sort(), 'the saved list');
  }
}

/** Waits until this tab's localStorage holds `text` another tab wrote: tabs see each other's writes a few
 *  milliseconds late, and people switch tabs slower than that. */
function sees(page, text) {
  return page.waitForFunction((t) => Object.values(localStorage).some((v) => v.includes(t)), text, { timeout: 10_000 });
}

/** The figures (fragment bodies) of every saved entry, as this tab sees them. */
function storedBodies(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('minzheng-calc:v2:'))
    .map((k) => localStorage.getItem(k).split('\n')[1]));
}

/** Answers the next dialog (`accept` or `dismiss`). */
function answer(page, reply) {
  page.reply = reply;
}

/** Clicks a row's button (open or delete) for the entry listed under `name`. */
async function clickEntry(page, name, action) {
  const row = page.locator('.saved-list > li').filter({ has: page.locator('.saved-name', { hasText: new RegExp(`^${name}$`) }) });
  assert.equal(await row.count(), 1, `one entry listed as ${name}`);
  await row.locator(`[data-action="${action}"]`).click();
}

const LINK_LABEL = /^(.+)（链接 \d\d-\d\d \d\d:\d\d）$/;
const COPY_LABEL = /^(.+)（副本 \d\d-\d\d \d\d:\d\d）$/;

for (const where of ['served', 'file']) {
  describe(`figures saved on this computer (${where})`, () => {
    const base = () => (where === 'served' ? server.url : singleFileUrl());

    test('a share link of another county, in a new tab and in the same tab, is its own entry; the county typed here stays and opens with its figures', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base());
      await fill(page, A);
      await waitForNames(page, ['甲县']);

      // A colleague's link in a new tab.
      const other = await newPage(context, `${base()}#${hashOf(B)}`);
      await assertShows(other.page, B, 'the link shows its own figures');
      assert.equal(await required(other.page, 'nursing_beds'), '113300');
      await waitForNames(other.page, ['甲县', '乙县']);
      assert.deepEqual((await listed(other.page)).find((e) => e.current)?.name, '乙县');
      await clickEntry(other.page, '甲县', 'open');
      await assertShows(other.page, A, 'the county typed in the first tab opens with its figures');
      assert.equal(await required(other.page, 'community_workers'), '416');
      assert.match(await other.page.evaluate(() => location.hash), /urban_resident_population=231109/);

      // Another link in the first tab (pasted into the address bar: the same document, a new fragment).
      const C = { name: '丙县', urban_resident_population: '50000' };
      await page.goto(`${base()}#${hashOf(C)}`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('[name="name"]').value === '丙县');
      await assertShows(page, { ...C, townships: '', 'current.community_workers': '' });
      assert.equal(await required(page, 'community_workers'), '90');
      await waitForNames(page, ['甲县', '乙县', '丙县']);
      await clickEntry(page, '甲县', 'open');
      await assertShows(page, A, 'back to the county typed here');
      // A reload goes on with the same entry.
      await page.fill('[name="townships"]', '12');
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await assertShows(page, { ...A, townships: '12' });
      assert.deepEqual((await listed(page)).find((e) => e.current)?.name, '甲县');
      await waitForNames(page, ['甲县', '乙县', '丙县']);
      assert.deepEqual([...errors, ...other.errors], []);
      await context.close();
    });

    test('a link with the same name and other figures is kept apart, the user is told, and their own opens from the notice', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base());
      await fill(page, A);
      await waitForNames(page, ['甲县']);

      const link = { name: '甲县', urban_resident_population: '100000' };
      const other = await newPage(context, `${base()}#${hashOf(link)}`);
      await assertShows(other.page, { ...link, townships: '' });
      const names = (await listed(other.page)).map((e) => e.name);
      assert.equal(names.length, 2, `two entries: ${names}`);
      const kept = names.find((n) => LINK_LABEL.test(n));
      assert.ok(kept && names.includes('甲县'), `the link's figures under their own label: ${names}`);
      assert.equal(LINK_LABEL.exec(kept)[1], '甲县');
      const notice = await other.page.locator('.notice').textContent();
      assert.equal(notice, `链接中「甲县」的数据与本机保存的不同，已另存为「${kept}」。`);
      const button = other.page.locator('.notice-action');
      assert.equal(await button.isVisible(), true);
      assert.equal(await button.textContent(), '打开本机的「甲县」');
      await button.click();
      await assertShows(other.page, A, "the user's own figures are intact");
      // In English too.
      await other.page.goto(`${base()}#${hashOf({ ...link, urban_resident_population: '120000' })}&lang=en`, { waitUntil: 'load' });
      await other.page.waitForFunction(() => document.querySelector('[name="urban_resident_population"]').value === '120000');
      assert.match(await other.page.locator('.notice').textContent(),
        /^The link's figures for “甲县” differ from yours: kept as “甲县 \(link \d\d-\d\d \d\d:\d\d\)”\.$/);
      assert.equal(await other.page.locator('.notice-action').textContent(), 'Open your “甲县”');
      // The first tab still edits its own county, and nothing replaced it.
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await assertShows(page, A);
      assert.equal((await listed(page)).length, 3);
      // The same link again opens the entry that holds it, not a fourth one.
      const again = await newPage(context, `${base()}#${hashOf(link)}`);
      await assertShows(again.page, { ...link, townships: '' });
      assert.equal((await listed(again.page)).length, 3);
      assert.equal(await again.page.locator('.notice').textContent(), '');
      assert.deepEqual([...errors, ...other.errors, ...again.errors], []);
      await context.close();
    });

    test('two tabs editing the same county: neither overwrites the other, and both sets of figures are kept', async () => {
      const context = await browser.newContext();
      const first = await newPage(context, base());
      await fill(first.page, A);
      await waitForNames(first.page, ['甲县']);
      // A second tab opens on the county saved last: the same entry.
      const second = await newPage(context, base());
      await assertShows(second.page, A);
      // Both edit it: the first tab writes first.
      await fill(first.page, { urban_resident_population: '300000' });
      await sees(second.page, 'urban_resident_population=300000');
      await fill(second.page, { townships: '20' });
      // The second tab does not overwrite the first's figures: it keeps its own apart and says so.
      const names = (await listed(second.page)).map((e) => e.name);
      const copy = names.find((n) => COPY_LABEL.test(n));
      assert.ok(copy && names.includes('甲县') && names.length === 2, `the first tab's entry and a copy: ${names}`);
      assert.equal(await second.page.locator('.notice').textContent(),
        `「甲县」已在另一个标签页中修改，本页的数据另存为「${copy}」。`);
      await assertShows(second.page, { ...A, townships: '20' });
      // The first tab goes on with its entry (no copy made), and the second's edits did not reach it.
      await fill(first.page, { 'current.community_workers': '410' });
      assert.equal(await first.page.locator('.notice').textContent(), '');
      await waitForNames(first.page, ['甲县', copy]);
      // Both sets exist: from the second tab, the first's opens with its figures (the notice's button) …
      await second.page.click('.notice-action');
      await assertShows(second.page, { ...A, urban_resident_population: '300000', 'current.community_workers': '410' });
      // … and a third tab finds the second's copy with its own.
      const third = await newPage(context, base());
      await clickEntry(third.page, copy, 'open');
      await assertShows(third.page, { ...A, townships: '20' });
      assert.deepEqual([...first.errors, ...second.errors, ...third.errors], []);
      await context.close();
    });

    test('two tabs writing the same entry at the same moment: after their next edits, each tab\'s figures are saved', async () => {
      const context = await browser.newContext();
      const first = await newPage(context, base());
      await fill(first.page, A);
      const second = await newPage(context, base());
      await assertShows(second.page, A);
      // Within the few milliseconds in which neither sees the other's write.
      await Promise.all([fill(first.page, { urban_resident_population: '300000' }), fill(second.page, { townships: '20' })]);
      await first.page.waitForTimeout(200);
      await fill(first.page, { 'current.community_workers': '410' });
      await sees(second.page, 'current.community_workers=410');
      await fill(second.page, { households: '170001' });
      await sees(first.page, 'households=170001');
      // Each tab's link (all its figures) is what some entry holds, and the two differ.
      const links = await Promise.all([first.page, second.page].map((p) => p.evaluate(() => location.hash.slice(1))));
      assert.match(links[0], /urban_resident_population=300000.*current\.community_workers=410/);
      assert.match(links[1], /townships=20.*households=170001/);
      const bodies = await storedBodies(first.page);
      for (const link of links) assert.ok(bodies.includes(link), `${link} saved: ${bodies.join(' | ')}`);
      assert.deepEqual([...first.errors, ...second.errors], []);
      await context.close();
    });

    test('清空重填 clears every field and 撤销 (keyboard, announced) puts every one back', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base());
      const figures = {
        ...A, ...B, name: '丁县', households: '170001', subdistricts: '5', average_wage_annual: '85432',
        'current.nursing_beds': '120000', 'param.community_workers.per_10k': '20',
      };
      await fill(page, figures);
      assert.equal(await required(page, 'community_workers'), '200'); // 100,000 × 20 ÷ 10,000
      await page.click('[data-action="reset"]');
      const empty = Object.fromEntries(Object.keys(figures).map((k) => [k, '']));
      await assertShows(page, empty, 'every field cleared');
      assert.equal(await page.evaluate(() => location.hash), '');
      const notice = page.locator('.notice');
      assert.equal(await notice.getAttribute('aria-live'), 'polite');
      assert.equal(await notice.textContent(), text('RESET_DONE').zh);
      const undo = page.locator('.notice-action');
      assert.equal(await undo.isVisible(), true);
      assert.equal(await undo.textContent(), '撤销');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'tool notice-action', 'focus on 撤销');
      await page.keyboard.press('Enter');
      await assertShows(page, figures, 'every field back');
      assert.equal(await required(page, 'community_workers'), '200');
      assert.equal(await notice.textContent(), text('RESTORED').zh);
      assert.equal(await undo.isVisible(), false);
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await assertShows(page, figures, 'and saved again');
      // Until the next edit the entry keeps the figures: a reload (or a closed tab) loses nothing, and 撤销 is
      // offered again.
      const link = await page.evaluate(() => location.hash.slice(1));
      await page.click('[data-action="reset"]');
      assert.ok((await storedBodies(page)).includes(link), 'the entry still holds the figures');
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await assertShows(page, empty, 'still cleared after the reload');
      assert.equal(await undo.isVisible(), true, '撤销 still offered');
      await undo.click();
      await assertShows(page, figures, 'every field back after the reload');
      // 撤销 lasts until the next edit, which the entry then holds instead.
      await page.click('[data-action="reset"]');
      assert.equal(await undo.isVisible(), true);
      await page.fill('[name="townships"]', '3');
      assert.equal(await undo.isVisible(), false);
      assert.equal(await notice.textContent(), '');
      assert.deepEqual(await storedBodies(page), ['townships=3']);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('Back to a history entry whose figures this page edited since shows the latest ones', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base());
      await fill(page, { name: '甲县', resident_population: '100' });
      // A link pasted into the address bar: its own entry, a new history entry.
      await page.evaluate((h) => { location.hash = h; }, hashOf({ name: '乙县', resident_population: '200' }));
      await page.waitForFunction(() => document.querySelector('[name="name"]').value === '乙县');
      await clickEntry(page, '甲县', 'open');
      await fill(page, { resident_population: '150', households: '40' });
      await page.goBack();
      await page.waitForFunction(() => document.querySelector('[name="name"]').value === '甲县');
      await assertShows(page, { name: '甲县', resident_population: '150', households: '40' }, 'the latest figures');
      await fill(page, { households: '41' });
      await waitForNames(page, ['甲县', '乙县']);
      assert.equal(await page.locator('.notice').textContent(), '', 'no "another tab" notice');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('an entry can be deleted from the list once the user confirms', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base());
      await fill(page, A);
      await page.click('[data-action="new"]');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name');
      await assertShows(page, { name: '', urban_resident_population: '' });
      await fill(page, B);
      await waitForNames(page, ['甲县', '乙县']);
      // Asked first: cancelled, nothing goes.
      answer(page, 'dismiss');
      await clickEntry(page, '甲县', 'delete');
      assert.deepEqual(page.asked, ['从本机删除「甲县」的数据？删除后无法恢复。']);
      await waitForNames(page, ['甲县', '乙县']);
      answer(page, 'accept');
      await clickEntry(page, '甲县', 'delete');
      await waitForNames(page, ['乙县']);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'new', 'focus stays in the list');
      await assertShows(page, B, 'the page keeps the entry it shows');
      // Gone for good: a reload, another tab.
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await waitForNames(page, ['乙县']);
      const other = await newPage(context, base());
      await waitForNames(other.page, ['乙县']);
      await assertShows(other.page, B);
      // Deleting the entry on the page clears the page, which starts a new one.
      answer(page, 'accept');
      await clickEntry(page, '乙县', 'delete');
      await assertShows(page, { name: '', urban_resident_population: '', eldercare_beds: '' });
      assert.deepEqual(await listed(page), []);
      assert.equal(await page.locator('.saved-empty').textContent(), text('SAVED_EMPTY').zh);
      await page.click('[data-action="lang"]');
      answer(page, 'dismiss');
      await fill(page, A);
      await waitForNames(page, ['甲县']);
      await clickEntry(page, '甲县', 'delete');
      assert.equal(page.asked.at(-1), 'Delete “甲县” from this computer? This cannot be undone.');
      assert.deepEqual([...errors, ...other.errors], []);
      await context.close();
    });

    test('with storage refused the page says so, in the list too, and still computes', async () => {
      const context = await browser.newContext();
      const { page, errors } = await newPage(context, base(), {
        init: () => {
          for (const name of ['localStorage', 'sessionStorage']) {
            Object.defineProperty(window, name, {
              configurable: true,
              get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
            });
          }
        },
      });
      await fill(page, A);
      assert.equal(await required(page, 'community_workers'), '416');
      assert.equal(await page.locator('.notice').textContent(), text('NO_STORAGE').zh);
      assert.deepEqual(await listed(page), []);
      assert.equal(await page.locator('.saved-empty').textContent(), text('NO_STORAGE').zh);
      assert.equal(await page.locator('[data-action="new"]').isVisible(), false, 'no 新建地区: it would drop the figures');
      await page.click('[data-action="lang"]');
      assert.equal(await page.locator('.notice').textContent(), text('NO_STORAGE').en);
      await page.waitForFunction((t) => document.querySelector('.saved-empty').textContent === t, text('NO_STORAGE').en);
      // The link still keeps the figures through a reload.
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await assertShows(page, A);
      assert.equal(await required(page, 'community_workers'), '416');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('with storage full, figures that could not be saved are not switched away from', async () => {
      const context = await browser.newContext();
      const first = await newPage(context, base());
      await fill(first.page, A);
      await waitForNames(first.page, ['甲县']);
      // Fill this origin's storage until even one more character is refused.
      await first.page.evaluate(() => {
        let chunk = 'x'.repeat(1 << 20);
        for (let i = 0; chunk.length > 0 && i < 200; i++) {
          try { localStorage.setItem(`fill-${i}`, chunk); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
        }
      });
      const { page, errors } = await newPage(context, `${base()}#${hashOf(B)}`);
      assert.equal(await page.locator('.notice').textContent(), text('NO_STORAGE').zh, 'the link could not be kept');
      await fill(page, { urban_resident_population: '50000' });
      assert.equal(await required(page, 'community_workers'), '90', 'still computes');
      await waitForNames(page, ['甲县']);
      for (const go of [() => page.click('[data-action="new"]'), () => clickEntry(page, '甲县', 'open')]) {
        await go();
        await assertShows(page, { ...B, urban_resident_population: '50000' }, 'the unsaved figures stay on the page');
        assert.equal(await page.locator('.notice').textContent(), `${text('NO_STORAGE').zh} ${text('CANNOT_SWITCH').zh}`);
      }
      // Space freed: the next edit is saved, and what the page said of saving and switching goes.
      await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('fill-')) localStorage.removeItem(k); });
      await fill(page, { urban_resident_population: '50001' });
      assert.equal(await page.locator('.notice').textContent(), '');
      await waitForNames(page, ['甲县', '乙县']);
      assert.deepEqual([...errors, ...first.errors], []);
      await context.close();
    });

    test('a link value over the length limit is named, and the rest of the link is read', async () => {
      const context = await browser.newContext();
      const long = 'x'.repeat(1001);
      const hash = `name=${long}&townships=3&current.community_workers=${'9'.repeat(1200)}&urban_resident_population=231109`;
      const { page, errors } = await newPage(context, `${base()}#${hash}`);
      await assertShows(page, { name: '', townships: '3', 'current.community_workers': '', urban_resident_population: '231109' });
      assert.equal(await required(page, 'community_workers'), '416');
      assert.equal(await page.locator('.notice').textContent(),
        '链接中以下数据过长（超过 1000 个字符），未能读入：「地区名称」、「current.community_workers」。');
      await page.click('[data-action="lang"]');
      assert.equal(await page.locator('.notice').textContent(),
        'Left out of the link, too long (over 1,000 characters): “Locality”, “current.community_workers”.');
      // A value of exactly 1,000 characters is read whole.
      const fits = await newPage(context, `${base()}#name=${'县'.repeat(1000)}`);
      assert.equal((await values(fits.page, ['name'])).name.length, 1000);
      assert.equal(await fits.page.locator('.notice').textContent(), '');
      assert.deepEqual([...errors, ...fits.errors], []);
      await context.close();
    });

    test('the figures saved by the first version (minzheng-calc:v1) are moved into the list', async () => {
      const context = await browser.newContext();
      const old = 'name=%E6%97%A7%E5%8E%BF&urban_resident_population=231109&current.community_workers=400&lang=en';
      // Seeded once, before the page's first script (not again at the next navigation of this tab).
      const { page, errors } = await newPage(context, base(), {
        init: { content: `if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('minzheng-calc:v1', ${JSON.stringify(old)});
          sessionStorage.setItem('seeded', '1');
        }` },
      });
      const figures = { name: '旧县', urban_resident_population: '231109', 'current.community_workers': '400' };
      await assertShows(page, figures);
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await waitForNames(page, ['旧县']);
      assert.equal(await page.evaluate(() => localStorage.getItem('minzheng-calc:v1')), null, 'moved, not copied');
      // It is an entry like the others: a colleague's link does not replace it.
      const other = await newPage(context, `${base()}#${hashOf(B)}`);
      await waitForNames(other.page, ['旧县', '乙县']);
      await clickEntry(other.page, '旧县', 'open');
      await assertShows(other.page, figures);
      assert.deepEqual([...errors, ...other.errors], []);
      await context.close();
    });
  });
}
