// A copy of the hosted page saved by the browser (issue 17.4). Chromium runs no module script from file:// and
// cannot fetch a .wasm from there, and an MHTML page runs no script at all, so such a copy can never compute: it
// must say so at once, from its own markup, and link to the single-file page, which does work from disk. The
// saves are simulated as Chromium makes them:
// - "Webpage, Complete" serializes the DOM as it is: document.documentElement.outerHTML after typing, opened
//   alone and beside a copy of www/ (its style sheets then apply, its module still cannot run);
// - "MHTML": CDP Page.captureSnapshot, opened from file:// (headless Chromium opens it, with scripts disabled);
// - "Webpage, HTML only" writes the page's original source: www/index.html, alone and beside a copy of www/.
// And the running page (hosted, under the strict CSP, in the iframe mode) and the single file never show the note;
// the hosted page's 下载离线版 link downloads the single file, which works.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STRICT_CSP } from '../../scripts/serve.mjs';
import { launch, startServer, singleFileUrl, collectErrors, waitForReady, asciiDecoded, WWW, SINGLE_FILE } from './harness.mjs';

let browser;
let server;
let cspServer;
const tmp = mkdtempSync(join(tmpdir(), 'minzheng-saved-'));

before(async () => {
  browser = await launch();
  server = await startServer();
  cspServer = await startServer(undefined, { headers: { 'content-security-policy': STRICT_CSP } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await cspServer?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Where the hosted site serves the single file. */
const offlineUrl = () => new URL('minzheng-calc.html', server.url).href;

/**
 * What the page shows of `selector`: how many there are, whether the first is visible on the screen (rendered,
 * visibility visible, some size, its top within the first screen), its text and its links.
 */
function note(page, selector) {
  return page.evaluate((sel) => {
    const all = document.querySelectorAll(sel);
    const el = all[0];
    if (!el) return { count: 0, visible: false, text: '', links: [] };
    const box = el.getBoundingClientRect();
    return {
      count: all.length,
      visible: el.checkVisibility({ visibilityProperty: true, opacityProperty: true })
        && getComputedStyle(el).visibility === 'visible' && box.width > 0 && box.height > 0 && box.top < innerHeight,
      text: el.innerText,
      links: [...el.querySelectorAll('a[href]')].map((a) => a.href),
      // A reveal that waits (the delayed one for a page still loading) would show here as a running animation.
      animations: el.getAnimations().filter((a) => a.playState === 'running').length,
    };
  }, selector);
}

/** The running hosted page with figures typed: its DOM as "Save page as…" serializes it, and its MHTML. */
async function savedFromLivePage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForReady(page);
  await page.fill('[name="urban_resident_population"]', '231109');
  assert.equal(await page.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
  const dom = '<!DOCTYPE html>\n' + await page.evaluate(() => document.documentElement.outerHTML);
  const cdp = await context.newCDPSession(page);
  const { data: mhtml } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
  await context.close();
  return { dom, mhtml };
}

/** A folder holding a copy of the hosted site's files (www/). */
function siteCopy(name) {
  const dir = join(tmp, name);
  cpSync(WWW, dir, { recursive: true });
  return dir;
}

function writeIn(dir, name, text) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return pathToFileURL(file).href;
}

/** The link works: the hosted site answers it with the single file. */
async function assertServesSingleFile(href) {
  const response = await fetch(href);
  assert.equal(response.status, 200, href);
  assert.match(response.headers.get('content-type'), /^text\/html/);
  assert.equal(await response.text(), readFileSync(SINGLE_FILE, 'utf8'), 'the hosted file is the single file');
}

/** The copy shows the note at once (at its load event, with no delay pending), naming the offline file. */
async function assertSaysSoAtOnce(url, { styled }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const shown = await note(page, '.saved-copy');
  assert.equal(shown.count, 1);
  assert.equal(shown.visible, true, `the note is visible at once: ${JSON.stringify(shown)}`);
  assert.equal(shown.animations, 0, 'nothing delays it');
  assert.match(shown.text, /另存为/);
  assert.match(shown.text, /不能在本机计算/);
  assert.match(shown.text, /minzheng-calc\.html/);
  assert.match(shown.text, /cannot calculate on this computer/);
  // Its links go back to the hosted single file (written as absolute URLs by the running page).
  assert.ok(shown.links.length >= 1);
  for (const href of shown.links) assert.equal(href, offlineUrl());
  await assertServesSingleFile(shown.links[0]);
  // The page's own style sheets apply where the site's files are beside the copy (the note's frame then shows).
  const border = await page.evaluate(() => getComputedStyle(document.querySelector('.saved-copy')).borderTopStyle);
  assert.equal(border, styled ? 'solid' : 'none');
  // What the note is about: the copy shows the results of the moment it was saved, and typing changes nothing.
  assert.equal(await page.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
  await page.fill('[name="urban_resident_population"]', '100000');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
  await context.close();
}

describe('a copy of the hosted page saved by the browser says at once that it cannot run', () => {
  let saved;
  before(async () => { saved = await savedFromLivePage(); });

  test('the DOM as saved ("Webpage, Complete"), opened alone from file://', async () => {
    await assertSaysSoAtOnce(writeIn(join(tmp, 'alone'), '民政 测算器.html', saved.dom), { styled: false });
  });

  test('the DOM as saved, opened beside a copy of the site\'s files (style sheets apply, the module cannot run)', async () => {
    await assertSaysSoAtOnce(writeIn(siteCopy('beside'), 'saved.html', saved.dom), { styled: true });
  });

  test('MHTML (Page.captureSnapshot), opened from file://', async () => {
    // The running page's adopted style sheet, which hides the note, is not in the MHTML; the copy runs no script.
    // (Quoted-printable: soft line breaks joined first. Style sheets are there as their CSSOM.)
    const text = saved.mhtml.replace(/=\r\n/g, '');
    assert.match(text, /html\[data-ready\] \.saved-copy \{ display: block;/, 'style.css is in the MHTML');
    assert.doesNotMatch(text, /\.saved-copy, \.loading-late \{ display: none/);
    await assertSaysSoAtOnce(writeIn(join(tmp, 'mhtml'), 'saved.mhtml', saved.mhtml), { styled: true });
  });
});

describe('the page\'s original source saved alone ("Webpage, HTML only")', () => {
  const source = () => readFileSync(join(WWW, 'index.html'), 'utf8');

  test('alone (no style sheet): the notes show at once and name the offline file', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(writeIn(join(tmp, 'source-alone'), 'index.html', source()), { waitUntil: 'load' });
    for (const selector of ['.saved-copy', '.loading-late']) {
      const shown = await note(page, selector);
      assert.equal(shown.visible, true, `${selector}: ${JSON.stringify(shown)}`);
      assert.match(shown.text, /minzheng-calc\.html/);
    }
    await context.close();
  });

  test('beside a copy of the site\'s files: "stuck here?" shows within 3 s, linking the single file beside it', async () => {
    const dir = siteCopy('source-beside');
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(writeIn(dir, 'index.html', source()), { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const late = document.querySelector('.loading-late');
      return late && getComputedStyle(late).visibility === 'visible' && late.checkVisibility();
    }, null, { timeout: 5_000 });
    const waited = Date.now() - started;
    assert.ok(waited <= 3_500, `shown after ${waited} ms`);
    const late = await note(page, '.loading-late');
    assert.equal(late.visible, true);
    assert.match(late.text, /长时间停在这里/);
    assert.match(late.text, /minzheng-calc\.html/);
    // The page never ran: it is still loading, and says nothing of results it does not have.
    assert.equal(await page.locator('#loading').count(), 1);
    assert.equal((await note(page, '.saved-copy')).visible, false);
    // Its link is the single file beside it (the build puts it in www/).
    assert.equal(late.links[0], pathToFileURL(join(dir, 'minzheng-calc.html')).href);
    assert.equal(readFileSync(join(dir, 'minzheng-calc.html'), 'utf8'), readFileSync(SINGLE_FILE, 'utf8'));
    await context.close();
  });
});

/**
 * Records, on every animation frame from the document's start until stopped, whether any note was visible
 * (so a note shown for a single frame is caught), and any CSP violation.
 */
const WATCH_NOTES = () => {
  window.__noteSeen = [];
  window.__csp = [];
  addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  const look = () => {
    for (const el of document.querySelectorAll('.saved-copy, .loading-late')) {
      if (el.checkVisibility({ visibilityProperty: true })) window.__noteSeen.push(`${el.className} at ${performance.now() | 0} ms`);
    }
    if (!window.__stopWatching) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

/** Opens `url`, types, waits past the delayed reveal (2.5 s), and returns what was seen. */
async function watch(url) {
  const context = await browser.newContext();
  await context.addInitScript(WATCH_NOTES);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url, { waitUntil: 'load' });
  await waitForReady(page);
  await page.fill('[name="urban_resident_population"]', '231109');
  assert.equal(await page.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
  await page.waitForTimeout(3_000);
  const seen = await page.evaluate(() => { window.__stopWatching = true; return { notes: window.__noteSeen, csp: window.__csp }; });
  return { context, page, errors, seen };
}

describe('the running page never shows the note', () => {
  test('hosted: the note is in the page (for a saved copy to carry) and never visible, not for one frame', async () => {
    const { context, page, errors, seen } = await watch(server.url);
    assert.deepEqual(seen.notes, []);
    assert.equal((await note(page, '.saved-copy')).count, 1, 'the note is in the DOM a save serializes');
    assert.equal((await note(page, '.saved-copy')).visible, false);
    assert.equal(await page.locator('#loading, .loading-late').count(), 0, 'the loading line and its note are gone');
    // Hidden by the sheet app.js adopts (the page adopts another, for the printed page numbers).
    assert.equal(await page.evaluate(() => document.adoptedStyleSheets.filter((sheet) => [...sheet.cssRules]
      .some((r) => /\.saved-copy/.test(r.selectorText || ''))).length), 1, 'hidden by the adopted sheet');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`hosted under Content-Security-Policy: ${STRICT_CSP} (a constructed style sheet is allowed)`, async () => {
    const { context, page, errors, seen } = await watch(cspServer.url);
    assert.deepEqual(seen.notes, []);
    assert.deepEqual(seen.csp, []);
    assert.equal((await note(page, '.saved-copy')).count, 1);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.saved-copy')).display), 'none');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the iframe mode (?embed=1) shows neither the note nor the download link', async () => {
    const { context, page, seen } = await watch(server.url + 'index.html?embed=1');
    assert.deepEqual(seen.notes, []);
    assert.equal(await page.locator('.offline-download').isVisible(), false);
    await context.close();
  });

  test('the single file carries neither the notes nor the download link', async () => {
    const { context, page, seen } = await watch(singleFileUrl());
    assert.deepEqual(seen.notes, []);
    const none = { notes: 0, links: 0, bars: 0 };
    const count = () => page.evaluate(() => ({
      notes: document.querySelectorAll('.saved-copy, .loading-late').length,
      links: document.querySelectorAll('a[data-offline], a[href*="minzheng-calc.html"]').length,
      bars: document.querySelectorAll('.offline-download').length,
    }));
    assert.deepEqual(await count(), none);
    assert.doesNotMatch(asciiDecoded(readFileSync(SINGLE_FILE, 'utf8')), /另存为|hosted-only|下载离线版/);
    await context.close();
  });
});

describe('下载离线版 (Download for offline use) on the hosted page', () => {
  test('is visible at the top, downloads the single file, and the file downloaded works from disk', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForReady(page);
    const link = page.locator('.offline-download a');
    const shown = await note(page, '.offline-download a');
    assert.equal(shown.visible, true, JSON.stringify(shown));
    assert.match(shown.text, /下载离线版/);
    assert.match(shown.text, /Download for offline use/);
    const href = await link.getAttribute('href');
    assert.equal(href, offlineUrl(), 'an absolute URL, so a saved copy links back here');
    await assertServesSingleFile(href);
    // Followed as a link (what a saved copy's link to this site does), it works from the site too.
    const served = await context.newPage();
    await served.goto(href, { waitUntil: 'load' });
    await waitForReady(served);
    await served.fill('[name="urban_resident_population"]', '231109');
    assert.equal(await served.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
    await served.close();

    // A download (not a navigation), named as the file is.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'minzheng-calc.html');
    const file = join(tmp, 'downloaded', 'minzheng-calc.html');
    await download.saveAs(file);
    assert.equal(readFileSync(file, 'utf8'), readFileSync(SINGLE_FILE, 'utf8'));
    assert.deepEqual(errors, []);
    await context.close();

    // Opened from disk with the network off, it computes.
    const offline = await browser.newContext();
    await offline.setOffline(true);
    const copy = await offline.newPage();
    const copyErrors = collectErrors(copy);
    await copy.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await waitForReady(copy);
    await copy.fill('[name="urban_resident_population"]', '100000');
    assert.equal(await copy.locator('[data-norm="community_workers"]').getAttribute('data-required'), '180');
    assert.deepEqual(copyErrors, []);
    await offline.close();
  });

  test('the service worker does not precache the download', async () => {
    const list = readFileSync(join(WWW, 'sw-precache.js'), 'utf8');
    assert.match(list, /"index\.html"/);
    assert.doesNotMatch(list, /minzheng-calc\.html/);
  });
});
