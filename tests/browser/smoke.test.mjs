// Smoke test: the wasm module initialises both on the served site and in the file:// single file,
// and the single file makes no request other than for itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, startServer, singleFileUrl, trackRequests, foreignRequests, collectErrors, waitForReady,
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
