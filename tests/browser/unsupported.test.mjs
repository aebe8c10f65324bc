// Issue 21: a browser that cannot run the calculator is told so, within a second, in Chinese and English, on the
// single file, the hosted page, the custom element (in its shadow root) and the iframe mode — never an endless
// "正在加载… Loading…". Two such browsers, made from headless Chromium by an init script (it runs in every frame
// before the page's scripts):
//   - no WebAssembly at all (as with WebAssembly switched off, or Internet Explorer);
//   - WebAssembly that refuses the module: every way of compiling it (compile, compileStreaming, instantiate,
//     instantiateStreaming, new Module) fails with the CompileError Chromium 85 gave the module built with reference
//     types, as an engine without a feature the module needs does.
// A real Chromium 72 (older than the floor) shows the same message; Chromium 75 and 85 run the calculator
// (checked by hand, README "Browsers").
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, singleFileUrl, WWW } from './harness.mjs';

let browser;
let server;
const cleanups = [];

before(async () => {
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const c of cleanups) await c();
});

const BROWSERS = {
  'no WebAssembly': () => {
    delete globalThis.WebAssembly;
  },
  "a CompileError (invalid value type 'externref', as Chromium 85)": () => {
    const W = globalThis.WebAssembly;
    const refuse = () => new W.CompileError("WebAssembly.instantiate(): invalid value type 'externref', enable with --experimental-wasm-reftypes @+42");
    const reject = () => Promise.reject(refuse());
    W.compile = reject;
    W.compileStreaming = reject;
    W.instantiate = reject;
    W.instantiateStreaming = reject;
    W.Module = function Module() { throw refuse(); };
  },
};
const TECHNICAL = { 'no WebAssembly': /WebAssembly/, "a CompileError (invalid value type 'externref', as Chromium 85)": /CompileError: WebAssembly\.instantiate\(\): invalid value type 'externref'/ };

/** A page on the server's origin whose HTML is `body` (for the custom element and the iframe). */
async function hostPage(context, body) {
  const url = `${server.url}__host.html`;
  await context.route(url, (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>区政府网站</title></head><body><h1>区政府网站</h1>${body}</body></html>`,
  }));
  return url;
}

/**
 * Notes when an element with role="alert" is first put into the document or a shadow root (an init script, so it
 * sees the page's first scripts): window.__alertAt, on the page's clock (ms since its navigation began).
 */
const RECORD_ALERT = () => {
  const note = (node) => {
    if (window.__alertAt === undefined && node && node.nodeType === 1 && node.getAttribute('role') === 'alert') {
      window.__alertAt = performance.now();
    }
  };
  const wrap = (proto, name, nodes) => {
    const original = proto[name];
    proto[name] = function (...args) {
      const result = original.apply(this, args);
      for (const node of nodes(args)) note(node);
      return result;
    };
  };
  wrap(Node.prototype, 'appendChild', (args) => [args[0]]);
  wrap(Node.prototype, 'insertBefore', (args) => [args[0]]);
  for (const proto of [Element.prototype, DocumentFragment.prototype]) {
    for (const name of ['append', 'prepend', 'replaceChildren']) wrap(proto, name, (args) => args);
  }
};

/**
 * Waits for the alert in `frame` (found by `find` in the page's own JavaScript) to be visible; returns its text
 * and role, when it was put in (window.__alertAt) and when the document had arrived (responseEnd), in ms on the
 * frame's clock.
 */
async function waitForAlert(frame, find) {
  const handle = await frame.waitForFunction((findSource) => {
    const alert = new Function(`return (${findSource})()`)(); // eslint-disable-line no-new-func
    if (!alert || !alert.getClientRects().length || getComputedStyle(alert).visibility === 'hidden') return null;
    const nav = performance.getEntriesByType('navigation')[0];
    return { at: window.__alertAt, arrived: nav.responseEnd, text: alert.innerText, role: alert.getAttribute('role') };
  }, find.toString(), { timeout: 10_000 });
  return handle.jsonValue();
}

const pageAlert = () => document.querySelector('#app [role="alert"]');
const elementAlert = () => document.querySelector('minzheng-calc')?.shadowRoot?.querySelector('[role="alert"]');

/**
 * Opens a scenario (`open(context)` → { page, frame, seen }) in a fresh context, up to three times while the
 * message comes later than a second after the page's HTML arrived: this machine is shared, and one slow load
 * says more about it than about the page. Returns the fastest, still open; closes the others.
 */
async function fastest(script, open) {
  let best = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const context = await browser.newContext();
    await context.addInitScript(RECORD_ALERT);
    await context.addInitScript(script);
    const run = { context, ...(await open(context)) };
    run.delay = run.seen.at - run.seen.arrived;
    if (best === null || run.delay < best.delay) {
      if (best) await best.context.close();
      best = run;
    } else {
      await context.close();
    }
    if (best.delay <= 1000) break;
  }
  console.log(`message ${Math.round(best.delay)} ms after the page's HTML arrived (${Math.round(best.seen.at)} ms after the navigation began)`);
  assert.ok(best.delay <= 1000, `on the page within a second of its HTML: ${Math.round(best.delay)} ms`);
  return best;
}

function assertMessage(seen, label, kind) {
  assert.equal(seen.role, 'alert', 'announced (role="alert")');
  assert.match(seen.text, /您的浏览器无法运行本测算器/, 'says, in Chinese, that the browser cannot run it');
  assert.match(seen.text, /This browser cannot run the calculator/, 'and in English');
  assert.match(seen.text, /兼容模式/, 'names compatibility mode');
  assert.match(seen.text, /极速模式/, 'says to switch to 极速模式');
  assert.match(seen.text, /Chrome 75[\s\S]*Firefox 79[\s\S]*Safari 15/, 'names the versions that work');
  assert.match(seen.text, /更新到最新版本/, 'says to update the browser');
  assert.match(seen.text, TECHNICAL[kind], 'the technical error in small print');
  assert.doesNotMatch(seen.text, /正在加载|Loading…/, `${label}: no loading line in the message`);
}

/** The loading line and the (prerendered) calculator are out of sight: the message is all there is. */
async function assertNothingElse(frame) {
  const shown = await frame.evaluate(() => [...document.querySelectorAll('#app > *')]
    .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => e.getAttribute('role') || e.className || e.localName));
  assert.deepEqual(shown, ['alert'], 'only the message is visible in #app');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.failed), 'true');
  // Nor the batch section, attached only once the calculator has started (it once showed bare ids:
  // "batch.title").
  await frame.waitForTimeout(500);
  const batch = await frame.evaluate(() => { const b = document.querySelector('#batch'); return b ? b.innerText.trim() : ''; });
  assert.equal(batch, '', 'the batch section stays empty');
}

for (const [kind, script] of Object.entries(BROWSERS)) {
  describe(`a browser with ${kind}`, () => {
    test('the single file says so', async () => {
      const { context, page, seen } = await fastest(script, async (c) => {
        const page = await c.newPage();
        await page.goto(singleFileUrl(), { waitUntil: 'commit' });
        return { page, seen: await waitForAlert(page, pageAlert) };
      });
      assertMessage(seen, 'single file', kind);
      await assertNothingElse(page);
      await context.close();
    });

    test('the hosted page says so', async () => {
      const { context, page, seen } = await fastest(script, async (c) => {
        const page = await c.newPage();
        await page.goto(server.url, { waitUntil: 'commit' });
        return { page, seen: await waitForAlert(page, pageAlert) };
      });
      assertMessage(seen, 'hosted page', kind);
      await assertNothingElse(page);
      await context.close();
    });

    test('the custom element says so in its shadow root', async () => {
      const { context, page, seen } = await fastest(script, async (c) => {
        const url = await hostPage(c, '<minzheng-calc urban_resident_population="231109"></minzheng-calc><script type="module" src="embed.js"></script>');
        const page = await c.newPage();
        await page.goto(url, { waitUntil: 'commit' });
        return { page, seen: await waitForAlert(page, elementAlert) };
      });
      assertMessage(seen, 'custom element', kind);
      const inside = await page.evaluate(() => document.querySelector('minzheng-calc').shadowRoot.querySelector('.calculator').children.length);
      assert.equal(inside, 1, 'the message alone in the element');
      assert.equal(await page.locator('h1').textContent(), '区政府网站', 'the host page is untouched');
      await context.close();
    });

    test('the iframe mode (index.html?embed=1) says so', async () => {
      const { context, frame, seen } = await fastest(script, async (c) => {
        const url = await hostPage(c, '<iframe id="f" src="index.html?embed=1" title="测算器" width="100%" height="900"></iframe><script type="module" src="embed.js"></script>');
        const page = await c.newPage();
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForSelector('#f');
        const frame = await (await page.$('#f')).contentFrame();
        return { page, frame, seen: await waitForAlert(frame, pageAlert) };
      });
      assertMessage(seen, 'iframe mode', kind);
      await assertNothingElse(frame);
      await context.close();
    });
  });
}

describe('when the page\'s script never runs (served)', () => {
  async function siteWith(change) {
    const dir = mkdtempSync(join(tmpdir(), 'minzheng-unsupported-'));
    cpSync(WWW, dir, { recursive: true });
    change(dir);
    const s = await startServer(dir);
    cleanups.push(async () => { await s.close(); rmSync(dir, { recursive: true, force: true }); });
    return s.url;
  }

  // Where the engine has what the module needs, a module that never runs is not the browser's fault: the
  // failure message, from unsupported.js once the page has loaded, instead of an endless loading line.
  for (const [label, change, error] of [
    // (unsupported.js comes async, so it may arrive after the error and name none)
    ['a syntax error in app.js', (dir) => writeFileSync(join(dir, 'app.js'), 'export const = 1;\n'), /SyntaxError|did not run/],
    ['a missing app.js', (dir) => rmSync(join(dir, 'app.js')), /did not run/],
  ]) {
    test(`${label}: the failure message, not the browser message`, async () => {
      const url = await siteWith(change);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      const seen = await waitForAlert(page, pageAlert);
      assert.equal(seen.role, 'alert');
      assert.match(seen.text, /计算器加载失败，请刷新页面[\s\S]*failed to load/);
      assert.match(seen.text, error);
      assert.doesNotMatch(seen.text, /浏览器无法运行/);
      assert.equal(await page.locator('#loading').isVisible(), false, 'the loading line is gone');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.failed), 'true');
      await context.close();
    });
  }
});
