// Smoke test: the wasm module initialises both on the served site and in the file:// single file,
// and the single file makes no request other than for itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  launch, startServer, singleFileUrl, trackRequests, foreignRequests, collectErrors, waitForReady, SINGLE_FILE,
  asciiDecoded,
} from './harness.mjs';

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

test('served page (www/) initialises the wasm module', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = trackRequests(page);
  const errors = collectErrors(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.url), [], 'no request leaves the server');
  const wasm = requests.find((r) => r.url.endsWith('.wasm'));
  assert.ok(wasm, 'the page fetched the .wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.contentType, 'application/wasm');
  await context.close();
});

test('single file (file://) initialises the wasm module with no network requests', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = trackRequests(page);
  const errors = collectErrors(page);
  const url = singleFileUrl();
  await page.goto(url, { waitUntil: 'load' });
  await waitForReady(page);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, url), [], 'the single file fetches nothing but itself');
  assert.ok(requests.every((r) => !/^https?:/.test(r.url)), 'no http(s) request');
  await context.close();
});

// The single file starts its calculator while the parser still reads the modules loaded later (scripts/build.mjs),
// and nothing is painted until it has: the first paint shows the results, never the "Loading…" line. (Without
// its <link rel=expect> Chromium painted the loading line first in 9 of 12 loads.)
test('single file: the calculator starts before the document is parsed, and the first paint is of its results', async () => {
  const url = singleFileUrl();
  for (let i = 0; i < 6; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await waitForReady(page);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const t = await page.evaluate(() => ({
      first: performance.getEntriesByName('minzheng-calc:first-result')[0].startTime,
      paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      parsed: performance.getEntriesByType('navigation')[0].domInteractive,
      batchAfterApp: !!document.querySelector('#minzheng-app ~ #minzheng-batch-wasm'),
    }));
    assert.ok(t.batchAfterApp, 'the batch module comes after the calculator script');
    assert.ok(t.first < t.parsed, `first result at ${t.first} ms, before the end of the parse at ${t.parsed} ms`);
    assert.ok(t.paint >= t.first, `load ${i + 1}: first contentful paint at ${t.paint} ms, before the first result at ${t.first} ms`);
    await context.close();
  }
});

test('single file: all ASCII (the browser reads it sooner), and its Chinese shows as Chinese', async () => {
  const html = readFileSync(SINGLE_FILE, 'latin1');
  const outside = html.match(/[^\x00-\x7f]/);
  assert.equal(outside, null, `a byte outside ASCII at ${outside?.index}`);
  // Written as references and escapes (scripts/build.mjs, asciiHtml), which the page reads back as the characters.
  assert.match(asciiDecoded(html), /<h1>民政规划指标测算器<\/h1>/);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(singleFileUrl(), { waitUntil: 'load' });
  await waitForReady(page);
  assert.equal(await page.title(), '民政规划指标测算器');
  assert.equal(await page.textContent('h1'), '民政规划指标测算器');
  // A word from the script (the catalogue is in the module; the unsupported-browser words are in the page's script).
  await page.fill('[name="urban_resident_population"]', '２３１，１０９');
  await page.waitForFunction(() => document.querySelector('tr[data-summary-norm="community_workers"]')?.textContent.includes('416'));
  assert.match(await page.textContent('tr[data-summary-norm="community_workers"]'), /城镇社区工作者/);
  assert.deepEqual(errors, []);
  await context.close();
  // Without JavaScript, <noscript> is markup again, and its references read as Chinese.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto(singleFileUrl(), { waitUntil: 'load' });
  assert.equal(await still.textContent('.fallback'), '本测算器需要启用 JavaScript。This calculator needs JavaScript.');
  await noScript.close();
});
