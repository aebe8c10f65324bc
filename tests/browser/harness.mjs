// Helpers for the browser tests (node:test + playwright-core driving Debian's /usr/bin/chromium).
//   launch()            → a headless Chromium Browser (Playwright gives every launch a fresh temp profile)
//   startServer()       → { url, close } serving www/ on 127.0.0.1 at a free port (scripts/serve.mjs)
//   singleFileUrl()     → file:// URL of dist/minzheng-calc.html
//   trackRequests(page) → a live array of every request the page makes ({ url, method, resourceType, ... })
//   collectErrors(page) → a live array of page errors and console errors
//   waitForReady(page)  → waits until <html data-ready="true"> (set by the page once start() ran)
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(REPO, 'www');
export const SINGLE_FILE = join(REPO, 'dist', 'minzheng-calc.html');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launch(options = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} — run scripts/setup.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...options,
  });
}

/**
 * Serve www/ (or `root`) on a free port; `options.headers` are added to every response.
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startServer(root = WWW, options = {}) {
  const { url, close } = await serve(root, 0, options);
  return { url, close };
}

/** file:// URL of the single-file offline page (built by scripts/build.sh). */
export function singleFileUrl() {
  if (!existsSync(SINGLE_FILE)) throw new Error(`${SINGLE_FILE} missing — run scripts/build.sh`);
  return pathToFileURL(SINGLE_FILE).href;
}

/**
 * Record every request the page makes (including failed ones and ones from workers the page owns).
 * @returns {Array<{url: string, method: string, resourceType: string, failure?: string, status?: number}>}
 */
export function trackRequests(page) {
  const requests = [];
  const byReq = new Map();
  page.on('request', (req) => {
    const entry = { url: req.url(), method: req.method(), resourceType: req.resourceType() };
    byReq.set(req, entry);
    requests.push(entry);
  });
  page.on('requestfailed', (req) => {
    const e = byReq.get(req);
    if (e) e.failure = req.failure()?.errorText ?? 'failed';
  });
  page.on('response', (res) => {
    const e = byReq.get(res.request());
    if (e) { e.status = res.status(); e.contentType = res.headers()['content-type']; }
  });
  return requests;
}

/** Requests that left the page's own origin/file (http(s) to other hosts, or any other file). */
export function foreignRequests(requests, pageUrl) {
  const own = new URL(pageUrl);
  return requests.filter(({ url }) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    const u = new URL(url);
    if (own.protocol === 'file:') return !(u.protocol === 'file:' && u.pathname === own.pathname);
    return u.origin !== own.origin;
  });
}

/** Page errors and console errors, as strings. */
export function collectErrors(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`); });
  return errors;
}

/** The single file's text with its character references (&#x6C11;) and \u escapes read back as the characters:
 * the file is all ASCII (scripts/build.mjs, asciiHtml), so a search of it for Chinese words must read it so. */
export const asciiDecoded = (html) => html
  .replace(/&#x([0-9a-f]+);/gi, (all, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/\\u([0-9a-f]{4})/gi, (all, hex) => String.fromCharCode(parseInt(hex, 16)));

/**
 * Runs `navigate` and resolves when the browser reports the page's first contentful paint: a DevTools lifecycle
 * event, so nothing runs in the page before it paints (the benchmarks; Playwright's first evaluate in a page runs
 * its own 330 kB script on the page's main thread), or after 5 s.
 */
export async function firstContentfulPaint(context, page, navigate) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
  let timer;
  const painted = new Promise((resolve) => {
    cdp.on('Page.lifecycleEvent', (e) => { if (e.name === 'firstContentfulPaint') resolve(); });
    timer = setTimeout(resolve, 5000);
  });
  await Promise.all([navigate(), painted]);
  clearTimeout(timer);
  await cdp.detach();
}

/** Wait for the page to say the wasm module is running (<html data-ready="true">). */
export async function waitForReady(page, timeout = 30_000) {
  await page.waitForFunction(
    () => document.documentElement.dataset.ready === 'true' || document.documentElement.dataset.failed === 'true',
    null,
    { timeout },
  );
  const state = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  if (state.ready !== 'true') {
    const text = await page.evaluate(() => document.body.innerText);
    throw new Error(`page reported failure instead of ready: ${text.slice(0, 500)}`);
  }
}
