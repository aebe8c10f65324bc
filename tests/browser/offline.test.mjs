// Offline (issue 4): the single file from file:// fetches nothing at all; a copy saved by the browser still
// computes and is not rendered twice; the hosted site is installable and works offline through its service
// worker, which is replaced cleanly (old cache deleted) when the files change.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, startServer, singleFileUrl, trackRequests, collectErrors, waitForReady, REPO, WWW, SINGLE_FILE } from './harness.mjs';

let browser;
const tmp = mkdtempSync(join(tmpdir(), 'minzheng-offline-'));

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Counts `minzheng-calc:results` events (the page dispatches one on every refresh). */
const COUNT_RESULTS = () => {
  window.__results = 0;
  document.addEventListener('minzheng-calc:results', () => { window.__results += 1; });
};

async function required(page, id) {
  return page.locator(`[data-norm="${id}"]`).getAttribute('data-required');
}

describe('single file (dist/minzheng-calc.html)', () => {
  test('from file:// with the network off it makes no request at all and loads nothing from elsewhere', async () => {
    const context = await browser.newContext();
    await context.setOffline(true);
    const page = await context.newPage();
    const requests = trackRequests(page);
    const errors = collectErrors(page);
    const url = singleFileUrl();
    await page.goto(url, { waitUntil: 'load' });
    await waitForReady(page);
    await page.fill('[name="urban_resident_population"]', '231109');
    assert.equal(await required(page, 'community_workers'), '416');
    await page.waitForTimeout(300); // anything late (a favicon, a font) would be requested by now

    // Every request: the document itself, and nothing else (data: URLs never touch the network).
    const others = requests.filter((r) => r.url !== url && !r.url.startsWith('data:'));
    assert.deepEqual(others, [], 'requests other than the file itself');
    // The favicon and every other linked resource is inline.
    // (<link rel=expect href="#…"> names an element of this document, which the first paint waits for: no request.)
    const links = await page.evaluate(() => [...document.querySelectorAll('link[href]:not([rel="expect"]), script[src], img[src]')]
      .map((e) => e.getAttribute('href') ?? e.getAttribute('src')));
    assert.ok(links.length >= 1, 'the favicon link is kept');
    for (const href of links) assert.match(href, /^data:/, `inline resource: ${href.slice(0, 60)}`);
    const icon = await page.locator('link[rel~="icon"]').first().getAttribute('href');
    assert.match(icon, /^data:image\/svg\+xml;base64,/);
    // No web fonts, no remote url() in any stylesheet: a system font stack.
    const css = await page.evaluate(() => {
      const rules = [...document.styleSheets].flatMap((s) => [...s.cssRules]);
      return {
        fontFaces: rules.filter((r) => r instanceof CSSFontFaceRule).length,
        remote: rules.map((r) => r.cssText).filter((t) => /url\(\s*["']?(?:https?:)?\/\//.test(t)),
        font: getComputedStyle(document.body).fontFamily,
      };
    });
    assert.equal(css.fontFaces, 0, 'no @font-face');
    assert.deepEqual(css.remote, []);
    assert.match(css.font, /system-ui/);
    // No reference to another site anywhere in the markup or scripts of the file.
    const html = readFileSync(SINGLE_FILE, 'utf8');
    assert.doesNotMatch(html, /<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a browser without Uint8Array.fromBase64 decodes both inline modules with atob, offline', async () => {
    const context = await browser.newContext();
    await context.setOffline(true);
    await context.addInitScript(() => { delete Uint8Array.fromBase64; });
    const page = await context.newPage();
    const requests = trackRequests(page);
    const errors = collectErrors(page);
    const url = singleFileUrl();
    await page.goto(url, { waitUntil: 'load' });
    await waitForReady(page);
    assert.equal(await page.evaluate(() => typeof Uint8Array.fromBase64), 'undefined');
    await page.fill('[name="urban_resident_population"]', '231109');
    assert.equal(await required(page, 'community_workers'), '416');
    // The batch module too (gzip, inflated by DecompressionStream), prepared in the page's idle time.
    await page.waitForSelector('#batch[data-batch-module="ready"]', { state: 'attached', timeout: 30_000 });
    assert.deepEqual(requests.filter((r) => r.url !== url && !r.url.startsWith('data:')), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a copy saved by the browser still computes and renders the calculator once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(singleFileUrl(), { waitUntil: 'load' });
    await waitForReady(page);
    await page.fill('[name="urban_resident_population"]', '231109');
    await page.click('[data-action=elder]'); // the saved DOM carries html.elder, results, chart, embed code…
    assert.equal(await required(page, 'community_workers'), '416');
    // What "Save page as…" writes: the rendered document, scripts included.
    const saved = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
    assert.equal((saved.match(/data-norm="/g) || []).length, 39, 'the saved copy holds the rendered results');
    await context.close();
    const file = join(tmp, 'saved copy 民政.html');
    writeFileSync(file, saved);

    const context2 = await browser.newContext();
    await context2.setOffline(true);
    await context2.addInitScript(COUNT_RESULTS);
    const copy = await context2.newPage();
    const errors = collectErrors(copy);
    const requests = trackRequests(copy);
    const url = pathToFileURL(file).href;
    await copy.goto(url, { waitUntil: 'load' });
    // Wait for the module to run again (it dispatches its results), not for the stale data-ready of the copy.
    await copy.waitForFunction(() => window.__results >= 1, null, { timeout: 30_000 });
    const counts = await copy.evaluate(() => ({
      norms: document.querySelectorAll('[data-norm]').length,
      headers: document.querySelectorAll('header.top').length,
      mains: document.querySelectorAll('main.calc').length,
      forms: document.querySelectorAll('form.inputs').length,
      inputs: document.querySelectorAll('[name="urban_resident_population"]').length,
      charts: document.querySelectorAll('figure.chart').length,
      embedPanels: document.querySelectorAll('.embed-code').length,
      footers: document.querySelectorAll('footer.bottom').length,
      loading: document.querySelectorAll('#loading').length,
    }));
    assert.deepEqual(counts, {
      norms: 39, headers: 1, mains: 1, forms: 1, inputs: 1, charts: 1, embedPanels: 1, footers: 1, loading: 0,
    });
    await copy.fill('[name="urban_resident_population"]', '100000');
    assert.equal(await required(copy, 'community_workers'), '180'); // 100,000 × 18 ÷ 10,000
    assert.equal(await copy.locator('[data-norm]').count(), 39, 'still one calculator after typing');
    assert.deepEqual(requests.filter((r) => r.url !== url && !r.url.startsWith('data:')), []);
    assert.deepEqual(errors, []);
    await context2.close();
  });
});

describe('hosted site (www/)', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.close(); });

  test('is installable: web app manifest with the name and project-drawn icons', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForReady(page);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
    assert.equal(manifest.name, '民政规划指标测算器');
    assert.ok(manifest.short_name);
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, server.url).href, server.url);
    assert.ok(manifest.icons.some((i) => i.type === 'image/svg+xml'));
    // Every PNG icon is a real PNG of the size it claims (read from its IHDR chunk).
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    assert.ok(pngs.some((i) => i.sizes === '192x192') && pngs.some((i) => i.sizes === '512x512'));
    for (const icon of pngs) {
      const dims = await page.evaluate(async (src) => {
        const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
        const view = new DataView(bytes.buffer);
        const sig = [...bytes.slice(0, 8)].join(',');
        return { sig, w: view.getUint32(16), h: view.getUint32(20) };
      }, icon.src);
      assert.equal(dims.sig, '137,80,78,71,13,10,26,10', `${icon.src} is a PNG`);
      assert.equal(`${dims.w}x${dims.h}`, icon.sizes, icon.src);
    }
    // Chromium's own verdict.
    const cdp = await context.newCDPSession(page);
    const { errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, [], 'manifest parse errors');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // (Playwright's contexts are incognito profiles, where Chromium never offers installation: that one is ours to ignore.)
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'Chromium installability errors');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/** Waits until a service worker controls the page (it claims its clients on activation). */
async function waitForController(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
}

describe('service worker', () => {
  test('after the first visit the site works with the server gone and the network off', async () => {
    const server = await startServer();
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForReady(page);
    await waitForController(page);
    const precached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys[0]);
      return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.equal(precached.keys.length, 1);
    assert.match(precached.keys[0], /^minzheng-calc-[0-9a-f]{16}$/);
    for (const f of ['/', '/index.html', '/app.js', '/style.css', '/embed.js', '/manifest.webmanifest', '/icon.svg',
      '/icons/icon-192.png', '/pkg/minzheng_page.js', '/pkg/minzheng_page_bg.wasm', '/pkg/minzheng_calc.js',
      '/pkg/minzheng_calc_bg.wasm', '/pkg/minzheng_words.js', '/pkg/minzheng_words_bg.wasm']) {
      assert.ok(precached.urls.includes(f), `precached ${f}`);
    }

    await server.close();
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    await page.fill('[name="urban_resident_population"]', '231109');
    assert.equal(await required(page, 'community_workers'), '416');
    // The cards' 依据, from the words module in the cache.
    await page.waitForSelector('[data-norm="community_workers"] .plan-words blockquote', { state: 'attached' });
    // The iframe mode (a query string) and the embed module come from the cache too.
    await page.goto(server.url + 'index.html?embed=1', { waitUntil: 'load' });
    await waitForReady(page);
    assert.equal(await page.locator('[data-norm]').count(), 39);
    assert.equal(await page.locator('header.top h1').count(), 0, 'no title in the iframe mode');
    assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
    await context.close();
  });

  test('a new build replaces the worker and deletes the old cache', async () => {
    const site = join(tmp, 'site');
    cpSync(WWW, site, { recursive: true });
    execFileSync(process.execPath, [join(REPO, 'scripts', 'sw-precache.mjs'), site]);
    const server = await startServer(site);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForReady(page);
    await waitForController(page);
    const [oldCache] = await page.evaluate(() => caches.keys());

    // A new version of a file, and the build step that versions the worker.
    appendFileSync(join(site, 'style.css'), '\n/* version two */\n');
    execFileSync(process.execPath, [join(REPO, 'scripts', 'sw-precache.mjs'), site]);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    // The new worker installs (caching the new files), activates, deletes the old cache and takes the page over.
    const keysAfter = await page.evaluate(async (old) => {
      for (let i = 0; i < 300; i++) {
        const keys = await caches.keys();
        if (keys.length === 1 && keys[0] !== old) return keys;
        await new Promise((r) => setTimeout(r, 100));
      }
      return caches.keys();
    }, oldCache);
    assert.equal(keysAfter.length, 1, `old cache deleted: ${keysAfter}`);
    assert.notEqual(keysAfter[0], oldCache);
    await page.reload({ waitUntil: 'load' });
    await waitForReady(page);
    const css = await page.evaluate(async () => (await fetch('style.css')).text());
    assert.match(css, /version two/, 'the new files are served');
    const keys = await page.evaluate(() => caches.keys());
    assert.equal(keys.length, 1, 'only the new cache is left');
    assert.notEqual(keys[0], oldCache);
    await context.close();
    await server.close();
  });
});
