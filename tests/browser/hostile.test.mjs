// Hostile input and no lost data (issue 7), in headless Chromium, on the served site and on the file://
// single file: script in names and fields stays inert text; malformed links leave a working page; with
// localStorage full or disabled the page works and says it cannot keep state; a broken or trapping wasm
// module is shown, never a blank page; figures survive reload, the language toggle and 长辈模式; the batch
// section refuses files beyond its limits with a message and lets a failed export be retried.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, singleFileUrl, collectErrors, waitForReady, REPO, WWW } from './harness.mjs';

let browser;
let server;
const cleanups = [];

before(async () => {
  browser = await launch();
  server = await startServer();
});

after(async () => {
  for (const c of cleanups.reverse()) await c();
  await browser?.close();
  await server?.close();
});

/** The page's own words for "cannot keep state" (the text catalogue's page.no_storage), both languages. */
const NO_STORAGE = (() => {
  const text = readFileSync(join(REPO, 'crates', 'text', 'src', 'page.rs'), 'utf8');
  const m = text.match(/NO_STORAGE = "page\.no_storage" \{\s*"([^"]+)",\s*"([^"]+)"/);
  assert.ok(m, 'page.no_storage found in crates/text/src/page.rs');
  return { zh: m[1], en: m[2] };
})();

const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];

/** Opens a page in a fresh context; every dialog is recorded (and dismissed) so a test can fail on it. */
async function open(url, { init } = {}) {
  const context = await browser.newContext();
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = collectErrors(page);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.goto(url, { waitUntil: 'load' });
  await waitForReady(page);
  return { context, page, errors, dialogs };
}

/** Elements that could run or fetch something, and attributes that could run script. */
function activeContent(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      script: document.querySelectorAll('script').length,
      img: document.querySelectorAll('img').length,
      frames: document.querySelectorAll('iframe, object, embed, frame').length,
      links: document.querySelectorAll('a[href], area[href], form[action], [formaction]').length,
      handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      jsUrls: all.filter((e) => [...e.attributes].some((a) => /^\s*javascript:/i.test(a.value))).length,
    };
  });
}

/** A result appears for a value typed now: 231,109 × 18 ÷ 10,000 → 416 community workers. */
async function assertWorks(page) {
  await page.fill('[name="resident_population"]', '500000');
  await page.fill('[name="urban_resident_population"]', '231109');
  const required = await page.getAttribute('[data-norm="community_workers"]', 'data-required');
  assert.equal(required, '416', 'the page still computes');
}

/** Types into a box that may be hidden (a parameter inside a closed <details>). */
function setValue(page, name, value) {
  return page.evaluate(([n, v]) => {
    const input = document.querySelector(`[name="${n}"]`);
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, [name, value]);
}

const pageUrl = (where) => (where === 'served' ? server.url : singleFileUrl());

for (const where of ['served', 'file']) {
  describe(`hostile input (${where})`, () => {
    test('script in the locality name and in fields stays inert text', async () => {
      const { context, page, errors, dialogs } = await open(pageUrl(where));
      const before = await activeContent(page);
      const param = await page.getAttribute('input[name^="param."]', 'name');
      // The cards of norms waiting for input are hidden with 隐藏缺少输入: show them, to type into a parameter.
      await page.uncheck('#f-missing');
      for (const payload of PAYLOADS) {
        await page.fill('[name="name"]', payload);
        await page.fill('[name="townships"]', payload);
        await page.fill('[name="current.community_workers"]', payload);
        await setValue(page, param, payload); // inside the closed 依据 section
        await page.waitForTimeout(50); // an onerror would fire now
        assert.equal(await page.inputValue('[name="name"]'), payload);
        // The print header lists the name exactly as typed, as text.
        const printed = await page.locator('.print-inputs').evaluate((e) => [...e.querySelectorAll('dd')].map((d) => d.textContent));
        assert.ok(printed.some((t) => t.includes(payload)), `print inputs show ${payload} as typed: ${printed}`);
        assert.match(await page.locator('[data-error-for="townships"]').textContent(), /乡镇个数/);
        // Embed snippets (if the page offers them) carry the name escaped: parsed, they give it back exactly.
        const snippet = await page.evaluate(() => {
          const el = document.querySelector('textarea[data-embed="element"]');
          const frame = document.querySelector('textarea[data-embed="iframe"]');
          if (!el || !frame) return null;
          const parse = (html) => new DOMParser().parseFromString(html, 'text/html');
          const a = parse(el.value);
          const b = parse(frame.value);
          const src = b.querySelector('iframe')?.getAttribute('src') ?? '';
          const hash = new URLSearchParams(src.split('#')[1] ?? '');
          return {
            tags: [...a.body.querySelectorAll('*'), ...a.head.querySelectorAll('*')].map((e) => e.localName).sort(),
            name: a.querySelector('minzheng-calc')?.getAttribute('name'),
            frameTags: [...b.body.querySelectorAll('*'), ...b.head.querySelectorAll('*')].map((e) => e.localName).sort(),
            frameName: hash.get('name'),
            scriptSrcs: [...a.querySelectorAll('script'), ...b.querySelectorAll('script')].map((s) => s.getAttribute('src')),
          };
        });
        if (snippet) {
          assert.deepEqual(snippet.tags, ['minzheng-calc', 'script'], `element snippet for ${payload}`);
          assert.equal(snippet.name, payload, 'the element snippet gives the name back exactly');
          assert.deepEqual(snippet.frameTags, ['iframe', 'script'], `iframe snippet for ${payload}`);
          assert.equal(snippet.frameName, payload, 'the iframe snippet link gives the name back exactly');
          assert.ok(snippet.scriptSrcs.every((s) => /embed\.js$/.test(s)), `only embed.js: ${snippet.scriptSrcs}`);
        }
      }
      // The same names through the language switch and a reload (the link and localStorage hold them).
      await page.click('[data-action="lang"]');
      assert.equal(await page.inputValue('[name="name"]'), PAYLOADS.at(-1));
      await page.click('[data-action="lang"]');
      await page.fill('[name="name"]', PAYLOADS[1]);
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      await page.waitForTimeout(50);
      assert.equal(await page.inputValue('[name="name"]'), PAYLOADS[1]);
      assert.deepEqual(await activeContent(page), before, 'no element or handler was created');
      assert.deepEqual(dialogs, [], 'no dialog appeared');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('script in a shared link stays inert text', async () => {
      const base = pageUrl(where);
      const clean = await open(base);
      const before = await activeContent(clean.page);
      await clean.context.close();
      const hash = PAYLOADS.map((p, i) => `${['name', 'townships', 'current.community_workers'][i]}=${encodeURIComponent(p)}`).join('&');
      const { context, page, errors, dialogs } = await open(`${base}#${hash}&lang=${encodeURIComponent('"><img src=x onerror=alert(2)>')}`);
      await page.waitForTimeout(50);
      assert.equal(await page.inputValue('[name="name"]'), PAYLOADS[0]);
      assert.equal(await page.inputValue('[name="townships"]'), PAYLOADS[1]);
      assert.equal(await page.inputValue('[name="current.community_workers"]'), PAYLOADS[2]);
      assert.deepEqual(await activeContent(page), before);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
      await assertWorks(page);
      await context.close();
    });

    const FRAGMENTS = {
      'a broken percent escape': { hash: '#%E0%A4%A' },
      'a broken escape in a value': { hash: '#name=%E0%A4%A&townships=%' },
      'bytes that are not UTF-8': { hash: '#name=%FF%FE%00%C0%AF&townships=%F0%9F' },
      'repeated keys (the last wins)': { hash: '#townships=1&townships=2', expect: { townships: '2' } },
      'unknown keys': {
        hash: '#evil=1&__proto__=x&constructor=1&toString=2&=3&&&current.nope=4&param.x.y=5&townships=7',
        expect: { townships: '7' },
      },
      'a 100 KB value': { hash: `#name=${'x'.repeat(100 * 1024)}&townships=3` },
      'a 100 KB fragment of pairs': { hash: `#${'townships=1&'.repeat(8600)}` },
      'a 100 KB fragment of escapes': { hash: `#name=${'%E4%B8%87'.repeat(11400)}` },
    };
    for (const [label, { hash, expect }] of Object.entries(FRAGMENTS)) {
      test(`a link with ${label} leaves a working page`, async () => {
        const { context, page, errors } = await open(`${pageUrl(where)}${hash}`);
        for (const [name, value] of Object.entries(expect ?? {})) {
          assert.equal(await page.inputValue(`[name="${name}"]`), value, name);
        }
        await assertWorks(page);
        // The same fragment pasted into the open page.
        await page.evaluate((h) => { location.hash = h; }, hash);
        await page.waitForTimeout(100);
        await assertWorks(page);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }

    test('with localStorage disabled the page works and says it cannot keep state', async () => {
      const { context, page, errors } = await open(pageUrl(where), {
        init: () => {
          Object.defineProperty(window, 'localStorage', {
            configurable: true,
            get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
          });
        },
      });
      await assertWorks(page);
      assert.equal(await page.locator('.notice').first().textContent(), NO_STORAGE.zh);
      await page.click('[data-action="elder"]');
      await page.click('[data-action="lang"]');
      assert.equal(await page.locator('.notice').first().textContent(), NO_STORAGE.en);
      // The link still holds the figures.
      assert.match(await page.evaluate(() => location.href), /urban_resident_population=231109/);
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '231109');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('with localStorage full the page works and says it cannot keep state', async () => {
      const { context, page, errors } = await open(pageUrl(where), {
        init: () => {
          // Fill this origin's storage until even one more character is refused.
          try {
            let chunk = 'x'.repeat(1 << 20);
            for (let i = 0; chunk.length > 0 && i < 200; i++) {
              try {
                localStorage.setItem(`fill-${i}`, chunk);
              } catch {
                chunk = chunk.slice(0, chunk.length >> 1);
              }
            }
          } catch { /* storage unavailable: also fine */ }
        },
      });
      const full = await page.evaluate(() => { try { localStorage.setItem('probe', 'x'); return false; } catch { return true; } });
      assert.ok(full, 'localStorage is full');
      await assertWorks(page);
      assert.equal(await page.locator('.notice').first().textContent(), NO_STORAGE.zh);
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      assert.equal(await page.inputValue('[name="urban_resident_population"]'), '231109', 'the link kept the figures');
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('an error while the calculator starts is shown, never a blank page', async () => {
      const context = await browser.newContext();
      // The DOM refuses what start() does to the page: creating the result cards (element by element or
      // as markup) or marking the calculator ready, so start() throws whichever way it builds the page.
      await context.addInitScript(() => {
        const fail = () => { throw new Error('simulated DOM failure'); };
        const create = Document.prototype.createElement;
        Document.prototype.createElement = function (tag, ...rest) {
          if (String(tag).toLowerCase() === 'article') fail();
          return create.call(this, tag, ...rest);
        };
        const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
        Object.defineProperty(Element.prototype, 'innerHTML', {
          ...inner,
          set(markup) {
            if (/<article\b/i.test(String(markup))) fail();
            inner.set.call(this, markup);
          },
        });
        const setAttribute = Element.prototype.setAttribute;
        Element.prototype.setAttribute = function (name, value) {
          if (name === 'data-ready') fail();
          return setAttribute.call(this, name, value);
        };
      });
      const page = await context.newPage();
      await page.goto(pageUrl(where), { waitUntil: 'load' });
      await page.waitForSelector('.fatal', { timeout: 30_000 });
      const text = await page.locator('.fatal').textContent();
      assert.match(text, /计算器加载失败/);
      assert.match(text, /simulated DOM failure/);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.failed), 'true');
      await context.close();
    });

    test('a wasm trap while in use is shown, never a silent or blank page', async () => {
      const { context, page } = await open(pageUrl(where));
      // A real trap (`unreachable`) from an input handler: a one-instruction module run by an input listener.
      await page.evaluate(() => {
        const bytes = new Uint8Array([
          0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 116, 114, 97, 112, 0, 0,
          10, 5, 1, 3, 0, 0, 11,
        ]); // (module (func (export "trap") unreachable))
        const { trap } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
        document.querySelector('[name="townships"]').addEventListener('input', () => trap(), { once: true });
      });
      await page.fill('[name="townships"]', '3');
      await page.waitForSelector('.fatal', { timeout: 10_000 });
      assert.match(await page.locator('.fatal').textContent(), /计算出错，请刷新页面/);
      assert.match(await page.locator('.fatal').textContent(), /unreachable/);
      await context.close();
    });

    test('figures survive reload, the language toggle and 长辈模式', async () => {
      const { context, page, errors } = await open(pageUrl(where));
      const figures = { name: '沈阳市 & <b>', resident_population: '1.2万', urban_resident_population: '5,000', townships: '３', 'current.community_workers': '9' };
      for (const [k, v] of Object.entries(figures)) await page.fill(`[name="${k}"]`, v);
      const values = () => page.evaluate((names) => names.map((n) => document.querySelector(`[name="${n}"]`).value), Object.keys(figures));
      const expected = Object.values(figures);
      const required = () => page.getAttribute('[data-norm="community_workers"]', 'data-required');
      assert.equal(await required(), '9'); // 5,000 × 18 ÷ 10,000 = 9
      await page.click('[data-action="lang"]');
      assert.deepEqual(await values(), expected, 'after switching to English');
      await page.click('[data-action="elder"]');
      assert.deepEqual(await values(), expected, 'after 长辈模式 on');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true);
      await page.reload({ waitUntil: 'load' });
      await waitForReady(page);
      assert.deepEqual(await values(), expected, 'after reload');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('elder')), true, '长辈模式 kept');
      assert.equal(await page.getAttribute('html', 'lang'), 'en', 'language kept');
      await page.click('[data-action="elder"]');
      await page.click('[data-action="lang"]');
      assert.deepEqual(await values(), expected, 'after switching back');
      assert.equal(await required(), '9');
      // The bare page without the link (a bookmark): localStorage brings the figures back.
      await page.goto(pageUrl(where).split('#')[0], { waitUntil: 'load' });
      await waitForReady(page);
      assert.deepEqual(await values(), expected, 'from localStorage');
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}

describe('failures while loading (served)', () => {
  /** Serves a copy of www/ changed by `change(dir)`. */
  async function brokenSite(change) {
    const dir = mkdtempSync(join(tmpdir(), 'minzheng-hostile-'));
    cpSync(WWW, dir, { recursive: true });
    change(dir);
    const s = await startServer(dir);
    cleanups.push(async () => { await s.close(); rmSync(dir, { recursive: true, force: true }); });
    return s.url;
  }

  for (const [label, change] of Object.entries({
    'a truncated .wasm': (dir) => truncateSync(join(dir, 'pkg', 'minzheng_page_bg.wasm'), 4096),
    'a .wasm that is not wasm at all': (dir) => writeFileSync(join(dir, 'pkg', 'minzheng_page_bg.wasm'), '<html>404</html>'),
    'a missing .wasm': (dir) => rmSync(join(dir, 'pkg', 'minzheng_page_bg.wasm')),
  })) {
    test(`${label} shows the failure message, never a blank page`, async () => {
      const url = await brokenSite(change);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForSelector('.fatal', { timeout: 30_000 });
      const text = await page.locator('.fatal').textContent();
      assert.match(text, /计算器加载失败，请刷新页面/);
      assert.match(text, /failed to load/);
      assert.equal(await page.locator('.fatal').isVisible(), true);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.failed), 'true');
      await context.close();
    });
  }
});

describe('batch limits and retry (served)', () => {
  const hasBatch = existsSync(join(WWW, 'batch.js'));
  const HEADER = 'name,resident_population,urban_resident_population,townships\n';

  async function openBatch() {
    const opened = await open(server.url);
    const input = opened.page.locator('input[name="batch_file"]');
    // The section comes after the calculator is ready (app.js: a frame, a task, then batch.js and its modules).
    await input.waitFor({ state: 'attached', timeout: 30_000 });
    return { ...opened, input };
  }

  /** Measures how long the page's main thread is blocked while `during` runs (max gap between ticks). */
  async function watchFreeze(page) {
    await page.evaluate(() => {
      window.__gaps = [];
      let last = performance.now();
      window.__tick = setInterval(() => { const now = performance.now(); window.__gaps.push(now - last); last = now; }, 20);
    });
    return () => page.evaluate(() => { clearInterval(window.__tick); return Math.max(0, ...window.__gaps); });
  }

  test('a 50 MB CSV is refused with a clear message, the tab stays responsive', { skip: !hasBatch && 'no www/batch.js' }, async () => {
    const b = await openBatch();
    const dir = mkdtempSync(join(tmpdir(), 'minzheng-batch-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'big.csv');
    const row = '某某县,500000,231109,10\n';
    writeFileSync(file, HEADER + row.repeat(Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(row))));
    const freeze = await watchFreeze(b.page);
    await b.input.setInputFiles(file);
    await b.page.waitForSelector('#batch[data-batch-state="failed"], .batch[data-batch-state="failed"]', { timeout: 60_000 });
    // Said in the page's language, and again in the other when the page switches.
    assert.match(await b.page.locator('.batch-failure').textContent(), /文件过大（50\.0 MB），一次最多 20 MB/);
    await b.page.click('[data-action="lang"]');
    assert.match(await b.page.locator('.batch-failure').textContent(), /^This file cannot be used\. The file is too large \(50\.0 MB\)/);
    assert.ok((await freeze()) < 2000, 'the page never froze for 2 s');
    await assertWorks(b.page);
    assert.deepEqual(b.errors, []);
    await b.context.close();
  });

  test('a 1,000,000-row CSV is refused with a clear message, the tab stays responsive', { skip: !hasBatch && 'no www/batch.js' }, async () => {
    const b = await openBatch();
    const dir = mkdtempSync(join(tmpdir(), 'minzheng-batch-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rows.csv');
    writeFileSync(file, HEADER + 'a,1,1,1\n'.repeat(1_000_000)); // about 8 MB: under the size limit
    const freeze = await watchFreeze(b.page);
    await b.input.setInputFiles(file);
    await b.page.waitForSelector('.batch[data-batch-state="failed"], .batch[data-batch-state="done"]', { timeout: 120_000 });
    const state = await b.page.getAttribute('.batch', 'data-batch-state');
    if (state === 'failed') {
      assert.match(await b.page.locator('.batch-failure').textContent(), /行数过多（约 1,000,00\d 行），一次最多 200,000 行/);
      await b.page.click('[data-action="lang"]');
      assert.match(await b.page.locator('.batch-failure').textContent(), /Too many rows \(about 1,000,00\d\); at most 200,000/);
    } else {
      assert.equal(await b.page.getAttribute('.batch', 'data-batch-rows'), '1000000');
    }
    assert.ok((await freeze()) < 2000, 'the page never froze for 2 s');
    await assertWorks(b.page);
    assert.deepEqual(b.errors, []);
    await b.context.close();
  });

  test('a failed export can be retried without importing again', { skip: !hasBatch && 'no www/batch.js' }, async () => {
    const b = await openBatch();
    const dir = mkdtempSync(join(tmpdir(), 'minzheng-batch-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'two.csv');
    writeFileSync(file, `${HEADER}<img src=x onerror=alert(1)>,500000,231109,10\n=HYPERLINK("javascript:alert(1)"),1000,500,2\n`);
    await b.input.setInputFiles(file);
    await b.page.waitForSelector('.batch[data-batch-state="done"]', { timeout: 60_000 });
    assert.equal(await b.page.getAttribute('.batch', 'data-batch-rows'), '2');
    // Each first export fails (the browser refuses the download URL once); the retry succeeds.
    await b.page.evaluate(() => {
      const create = URL.createObjectURL;
      window.__failExports = 0;
      URL.createObjectURL = function (...args) {
        if (window.__failExports-- > 0) throw new Error('simulated export failure');
        return create.apply(this, args);
      };
    });
    const status = () => b.page.locator('.batch-export-status').textContent();
    for (const kind of ['csv', 'xlsx']) {
      await b.page.evaluate(() => { window.__failExports = 1; });
      await b.page.click(`[data-export="${kind}"]`);
      await b.page.waitForFunction(() => /导出失败|已导出/.test(document.querySelector('.batch-export-status')?.textContent ?? ''));
      assert.match(await status(), /导出失败，可再试一次/);
      assert.match(await status(), /simulated export failure/);
      const download = b.page.waitForEvent('download');
      await b.page.click(`[data-export="${kind}"]`);
      const file = await download;
      assert.match(file.suggestedFilename(), new RegExp(`two-测算结果\\.${kind}$`));
      assert.match(await status(), /已导出/);
      const saved = readFileSync(await file.path());
      assert.ok(saved.length > 100, `${kind} export has content`);
      if (kind === 'csv') assert.match(saved.toString('utf8'), /<img src=x onerror=alert\(1\)>/, 'the name exported as text');
    }
    assert.equal(await b.page.getAttribute('.batch', 'data-batch-rows'), '2', 'the batch was not re-imported');
    assert.deepEqual(b.dialogs, []);
    assert.equal(await b.page.locator('.batch img').count(), 0, 'no element created from a cell');
    await b.context.close();
  });
});
