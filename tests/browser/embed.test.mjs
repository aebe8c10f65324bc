// Embedding (issue 4): the <minzheng-calc> custom element (www/embed.js), the iframe mode (index.html?embed=1)
// with auto-height messages, the 嵌入代码 panel's snippets, and all of it under a strict Content-Security-Policy.
// Host pages are served on the site's own origin through Playwright routes (a government site copies the files).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { STRICT_CSP } from '../../scripts/serve.mjs';
import { launch, startServer, collectErrors, waitForReady, trackRequests } from './harness.mjs';

let browser;
let server;
let cspServer;

before(async () => {
  browser = await launch();
  server = await startServer();
  cspServer = await startServer(undefined, { headers: { 'content-security-policy': STRICT_CSP } });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await cspServer?.close();
});

/** Records results events reaching the host document, and every CSP violation, in every frame. */
const RECORD = () => {
  window.__events = [];
  window.__csp = [];
  document.addEventListener('minzheng-calc:results', (e) => {
    window.__events.push({ target: e.target.localName || e.target.id, composed: e.composed, bubbles: e.bubbles, detail: e.detail });
  });
  const onViolation = (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
  window.addEventListener('securitypolicyviolation', onViolation, true);
};

/** A new context whose page at `<base>__host.html` is `html` (with `headers`), everything else from the server. */
async function hostContext(base, html, headers = {}) {
  const context = await browser.newContext();
  await context.addInitScript(RECORD);
  await context.route(`${base}__host.html`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }));
  const page = await context.newPage();
  const errors = collectErrors(page);
  return { context, page, errors, url: `${base}__host.html` };
}

const page = (body, { head = '', htmlAttrs = '' } = {}) =>
  `<!doctype html><html lang="zh-CN" ${htmlAttrs}><head><meta charset="utf-8"><title>区政府网站</title>${head}</head><body>${body}</body></html>`;

/** Reads a result card inside the first (or `index`th) <minzheng-calc>. */
function card(p, id, index = 0) {
  return p.evaluate(([id, index]) => {
    const host = document.querySelectorAll('minzheng-calc')[index];
    const e = host?.shadowRoot?.querySelector(`[data-norm="${id}"]`);
    return e ? { ...e.dataset } : null;
  }, [id, index]);
}

async function waitForElement(p, index = 0) {
  await p.waitForFunction((i) => {
    const host = document.querySelectorAll('minzheng-calc')[i];
    return host?.shadowRoot?.querySelector('.calculator[data-ready="true"]');
  }, index, { timeout: 30_000 });
}

describe('<minzheng-calc> custom element', () => {
  test('prefills from contract attributes, shows a subset, and sends its results to the host document', async () => {
    const host = page(
      `<h4 class="norm-head">站点标题</h4><p class="error">站点自己的段落</p>
       <minzheng-calc id="calc" lang="zh" urban_resident_population="231109" current.community_workers="400"
         norms="community_workers,nursing_beds" eldercare_beds="206000"></minzheng-calc>
       <script type="module" src="embed.js"></script>`,
      {
        htmlAttrs: 'class="elder site-theme"',
        head: '<style>input { background: rgb(255, 0, 0) !important; } h4 { color: rgb(255, 0, 0); } * { font-family: serif; }</style>',
      },
    );
    const { context, page: p, errors, url } = await hostContext(server.url, host);
    const requests = trackRequests(p);
    await p.goto(url, { waitUntil: 'load' });
    await waitForElement(p);

    // Open shadow root with the site's stylesheet linked inside it; only the two norms asked for.
    const shape = await p.evaluate(() => {
      const root = document.getElementById('calc').shadowRoot;
      return {
        mode: root.mode,
        links: [...root.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
        norms: [...root.querySelectorAll('[data-norm]')].map((e) => e.dataset.norm),
        title: root.querySelectorAll('h1').length,
        footer: root.querySelectorAll('footer').length,
        styled: [...root.querySelectorAll('[style]')].length,
      };
    });
    assert.deepEqual({ ...shape, norms: [...shape.norms].sort() }, {
      mode: 'open', links: ['/style.css'], norms: ['community_workers', 'nursing_beds'], title: 0, footer: 0, styled: 0,
    });
    const cw = await card(p, 'community_workers');
    assert.equal(cw.required, '416');
    assert.equal(cw.current, '400');
    assert.equal(cw.status, 'unmet');
    assert.equal((await card(p, 'nursing_beds')).required, '113300');

    // The results event crosses the shadow boundary and reaches the host document with compute()'s object.
    let events = await p.evaluate(() => window.__events);
    assert.ok(events.length >= 1);
    const last = events.at(-1);
    assert.equal(last.target, 'minzheng-calc', 'retargeted to the host element');
    assert.ok(last.composed && last.bubbles);
    const r = last.detail.results.find((x) => x.id === 'community_workers');
    assert.equal(r.required, '416');
    assert.ok(Array.isArray(last.detail.errors));
    const direct = await p.evaluate(async () => {
      const m = await import('./pkg/minzheng_calc.js');
      return m.compute({ urban_resident_population: '231109', 'current.community_workers': '400', eldercare_beds: '206000' });
    });
    assert.deepEqual(last.detail, direct, 'detail is what compute() returns');

    // Styles do not cross the boundary either way.
    const styles = await p.evaluate(() => {
      const root = document.getElementById('calc').shadowRoot;
      const input = root.querySelector('[name="urban_resident_population"]');
      return {
        inputBg: getComputedStyle(input).backgroundColor,
        h4: getComputedStyle(root.querySelector('h4')).color,
        font: getComputedStyle(root.querySelector('.calculator')).fontFamily,
        toolHeight: parseFloat(getComputedStyle(root.querySelector('button.tool')).minHeight),
        hostDisplay: getComputedStyle(document.getElementById('calc')).display,
        siteH4: getComputedStyle(document.querySelector('body > h4')).color,
        siteP: getComputedStyle(document.querySelector('body > p.error')).fontWeight,
      };
    });
    assert.notEqual(styles.inputBg, 'rgb(255, 0, 0)', 'host CSS does not reach inside');
    assert.notEqual(styles.h4, 'rgb(255, 0, 0)');
    assert.match(styles.font, /system-ui/);
    assert.equal(styles.toolHeight, 44, 'the calculator CSS applies inside the shadow root');
    assert.equal(styles.hostDisplay, 'block');
    assert.equal(styles.siteH4, 'rgb(255, 0, 0)', 'the site keeps its own styles');
    assert.equal(styles.siteP, '400', 'the calculator CSS does not leak out');

    // The element writes nothing of the host's: its URL, its storage, its <html> classes.
    assert.deepEqual(await p.evaluate(() => ({ hash: location.hash, stored: localStorage.length, cls: document.documentElement.className })),
      { hash: '', stored: 0, cls: 'elder site-theme' });

    // Attribute changes update it: values, then language.
    await p.evaluate(() => document.getElementById('calc').setAttribute('urban_resident_population', '100000'));
    await p.waitForFunction(() => document.getElementById('calc').shadowRoot
      .querySelector('[data-norm="community_workers"]').dataset.required === '180');
    events = await p.evaluate(() => window.__events);
    assert.equal(events.at(-1).detail.results.find((x) => x.id === 'community_workers').required, '180');
    await p.evaluate(() => document.getElementById('calc').setAttribute('lang', 'en'));
    await p.waitForFunction(() => document.getElementById('calc').shadowRoot.querySelector('.calculator').lang === 'en');
    assert.match(await p.evaluate(() => document.getElementById('calc').shadowRoot.querySelector('h2').textContent), /[A-Za-z]/);
    assert.equal((await card(p, 'community_workers')).required, '180', 'values survive the language switch');

    // Typing inside the element works like the page, and is announced to the host.
    const before = (await p.evaluate(() => window.__events)).length;
    await p.fill('minzheng-calc [name="urban_resident_population"]', '231109');
    assert.equal((await card(p, 'community_workers')).required, '416');
    assert.ok((await p.evaluate(() => window.__events)).length > before);

    // 长辈模式 inside the element enlarges its own text only.
    const sizeBefore = await p.evaluate(() => parseFloat(getComputedStyle(document.getElementById('calc').shadowRoot.querySelector('label')).fontSize));
    await p.click('minzheng-calc [data-action=elder]');
    const after = await p.evaluate(() => ({
      size: parseFloat(getComputedStyle(document.getElementById('calc').shadowRoot.querySelector('label')).fontSize),
      cls: document.documentElement.className,
    }));
    assert.ok(after.size > sizeBefore * 1.2, `larger text: ${sizeBefore} → ${after.size}`);
    assert.equal(after.cls, 'elder site-theme');

    assert.equal(requests.filter((q) => q.url.endsWith('.wasm')).length, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('several elements on one page are independent and share one wasm instance', async () => {
    const host = page(`
      <minzheng-calc urban_resident_population="231109" norms="community_workers"></minzheng-calc>
      <minzheng-calc urban_resident_population="100000" lang="en"></minzheng-calc>
      <script type="module" src="embed.js"></script>`);
    const { context, page: p, errors, url } = await hostContext(server.url, host);
    const requests = trackRequests(p);
    await p.goto(url, { waitUntil: 'load' });
    await waitForElement(p, 0);
    await waitForElement(p, 1);
    assert.equal((await card(p, 'community_workers', 0)).required, '416');
    assert.equal((await card(p, 'community_workers', 1)).required, '180');
    assert.equal(await p.evaluate(() => document.querySelectorAll('minzheng-calc')[1].shadowRoot.querySelectorAll('[data-norm]').length), 39);
    assert.equal(requests.filter((q) => q.url.endsWith('.wasm')).length, 1);
    // A later element (added by the site's script) starts too.
    await p.evaluate(() => {
      const e = document.createElement('minzheng-calc');
      e.setAttribute('norms', 'nursing_beds');
      e.setAttribute('eldercare_beds', '1000');
      document.body.append(e);
    });
    await waitForElement(p, 2);
    assert.equal((await card(p, 'nursing_beds', 2)).required, '550');
    assert.deepEqual(errors, []);
    await context.close();
  });
});

/** Waits (at most 10 s) until `fn(arg)` holds in the page. */
const until = (p, fn, arg) => p.waitForFunction(fn, arg, { timeout: 10_000 });

/** The value in the box `name` inside the element `id` (its shadow root). */
const boxValue = (p, name, id = 'calc') =>
  p.evaluate(([name, id]) => document.getElementById(id).shadowRoot.querySelector(`input[name="${name}"]`)?.value ?? null, [name, id]);

describe('<minzheng-calc> keeps what the user typed, and frees what it no longer uses (issue 17)', () => {
  test('an attribute change changes that field only: typed figures survive it, a norms change and a move', async () => {
    const host = page(`<div id="a"><minzheng-calc id="calc" norms="community_workers,social_work_stations"
        current.community_workers="400"></minzheng-calc></div><div id="b"></div>
      <script type="module" src="embed.js"></script>`);
    const { context, page: p, errors, url } = await hostContext(server.url, host);
    await p.goto(url, { waitUntil: 'load' });
    await waitForElement(p);
    await p.fill('minzheng-calc [name="urban_resident_population"]', '231109');
    await p.fill('minzheng-calc [name="subdistricts"]', '5');
    assert.equal((await card(p, 'social_work_stations')).status, 'missing-input', 'no townships yet');

    // The host sets townships: only that field changes.
    await p.evaluate(() => document.getElementById('calc').setAttribute('townships', '12'));
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[name="townships"]').value === '12');
    assert.equal(await boxValue(p, 'urban_resident_population'), '231109', 'typed value kept');
    assert.equal(await boxValue(p, 'subdistricts'), '5', 'typed value kept');
    assert.equal(await boxValue(p, 'current.community_workers'), '400', 'the other attribute kept');
    assert.deepEqual(
      (({ required, current, status, gap }) => ({ required, current, status, gap }))(await card(p, 'community_workers')),
      { required: '416', current: '400', status: 'unmet', gap: '16' },
    );
    assert.equal((await card(p, 'social_work_stations')).required, '17', '1 × (12 townships + 5 subdistricts)');
    const last = await p.evaluate(() => window.__events.at(-1).detail);
    const direct = await p.evaluate(async () => (await import('./pkg/minzheng_calc.js')).compute({
      urban_resident_population: '231109', subdistricts: '5', townships: '12', 'current.community_workers': '400',
    }));
    assert.deepEqual(last, direct, 'the results event is worked out from all three figures and the attribute');

    // A removed attribute empties its field only.
    await p.evaluate(() => document.getElementById('calc').removeAttribute('townships'));
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[name="townships"]').value === '');
    assert.equal((await card(p, 'social_work_stations')).status, 'missing-input');
    assert.equal(await boxValue(p, 'subdistricts'), '5');
    assert.equal(await boxValue(p, 'urban_resident_population'), '231109');

    // The user overwrites an attribute's value; the host setting the attribute to the value it already
    // has changes nothing, a new value replaces the user's.
    await p.fill('minzheng-calc [name="current.community_workers"]', '420');
    await p.evaluate(() => document.getElementById('calc').setAttribute('current.community_workers', '400'));
    await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await boxValue(p, 'current.community_workers'), '420');
    await p.evaluate(() => document.getElementById('calc').setAttribute('current.community_workers', '450'));
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[name="current.community_workers"]').value === '450');
    assert.equal((await card(p, 'community_workers')).status, 'met');

    // Another subset of norms: the same calculator, the typed figures still there.
    const handle = await p.evaluate(() => document.getElementById('calc').handle);
    await p.evaluate(() => document.getElementById('calc').setAttribute('norms', 'community_workers,nursing_beds'));
    await until(p, () => !!document.getElementById('calc').shadowRoot.querySelector('[data-norm="nursing_beds"]'));
    assert.equal(await p.evaluate(() => document.getElementById('calc').shadowRoot.querySelectorAll('[data-norm]').length), 2);
    assert.equal(await boxValue(p, 'urban_resident_population'), '231109');
    assert.equal(await boxValue(p, 'subdistricts'), '5');
    assert.equal((await card(p, 'community_workers')).current, '450');
    assert.equal(await p.evaluate(() => document.getElementById('calc').handle), handle, 'no new calculator');

    // Moved in the DOM (disconnected and connected in one task): nothing lost, same calculator.
    await p.evaluate(() => document.getElementById('b').append(document.getElementById('calc')));
    await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await p.evaluate(() => document.getElementById('calc').handle), handle);
    assert.equal(await boxValue(p, 'urban_resident_population'), '231109');
    assert.equal((await card(p, 'community_workers')).required, '416');

    // Removed: the calculator is freed; changed while out of the page; put back: the figures come back.
    await p.evaluate(() => { window.__calc = document.getElementById('calc'); window.__calc.remove(); });
    await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await p.evaluate(() => window.__calc.handle), null, 'a removed element frees its calculator');
    await p.evaluate(() => window.__calc.setAttribute('townships', '3'));
    await p.evaluate(() => document.getElementById('a').append(window.__calc));
    await until(p, () => document.getElementById('calc').handle !== null
      && document.getElementById('calc').shadowRoot.querySelector('.calculator[data-ready="true"] [data-norm]'));
    assert.equal(await boxValue(p, 'urban_resident_population'), '231109');
    assert.equal(await boxValue(p, 'subdistricts'), '5');
    assert.equal(await boxValue(p, 'townships'), '3', 'changed while detached');
    assert.equal((await card(p, 'community_workers')).current, '450');
    assert.equal(await p.evaluate(() => document.getElementById('calc').shadowRoot.querySelectorAll('[data-norm]').length), 2);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('memory: 200 norms changes and 100 add/remove cycles leave DOM nodes, listeners and calculators flat', async () => {
    const host = page(`<minzheng-calc id="calc" norms="community_workers,social_work_stations,nursing_beds"
        urban_resident_population="231109"></minzheng-calc><script type="module" src="embed.js"></script>`);
    const context = await browser.newContext();
    await context.route(`${server.url}__host.html`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: host }));
    const p = await context.newPage();
    const errors = collectErrors(p);
    await p.goto(`${server.url}__host.html`, { waitUntil: 'load' });
    await waitForElement(p);
    await p.fill('minzheng-calc [name="subdistricts"]', '5');
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    // After a full garbage collection: Blink's live DOM nodes and JS event listeners (CDP), and the
    // calculators the module holds. (`handle` is the last handle given out: before issue 17's fix the
    // module had no live count, and every handle ever given out stayed alive.)
    const measure = async () => {
      for (let i = 0; i < 3; i += 1) {
        await cdp.send('HeapProfiler.collectGarbage');
        await p.evaluate(() => new Promise((r) => setTimeout(r, 20)));
      }
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name)?.value;
      const module = await p.evaluate(async () => {
        const m = await import('./pkg/minzheng_calc.js');
        const handles = [...document.querySelectorAll('minzheng-calc')].map((e) => e.handle);
        return { live: typeof m.__liveCalculators === 'function' ? m.__liveCalculators() : null, handle: window.__lastHandle ?? Math.max(...handles) };
      });
      return { nodes: metric('Nodes'), listeners: metric('JSEventListeners'), ...module };
    };
    // The next results event of `el`, or an error after 5 s. (The timer is cleared and holds nothing
    // of the element: a pending timer that did would keep every removed element alive.)
    await p.evaluate(() => {
      window.__nextResults = (el, what) => {
        let timer;
        const event = new Promise((resolve) => el.addEventListener('minzheng-calc:results', () => resolve(), { once: true }));
        const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no results event`)), 5000); });
        return Promise.race([event, late]).finally(() => clearTimeout(timer));
      };
    });
    const start = await measure();

    // 200 changes of `norms`, each awaited (its results event), ending on the subset it began with.
    await p.evaluate(async () => {
      const el = document.getElementById('calc');
      const subsets = ['community_workers', 'community_workers,social_work_stations,nursing_beds'];
      for (let i = 0; i < 200; i += 1) {
        const want = subsets[i % 2];
        const done = window.__nextResults(el, `norms change ${i}`);
        el.setAttribute('norms', want);
        await done;
        const shown = [...el.shadowRoot.querySelectorAll('[data-norm]')].map((e) => e.dataset.norm).sort().join();
        if (shown !== want.split(',').sort().join()) throw new Error(`norms change ${i}: shows ${shown}`);
      }
      window.__lastHandle = el.handle;
    });
    const afterNorms = await measure();
    const kept = { subdistricts: await boxValue(p, 'subdistricts'), status: (await card(p, 'social_work_stations')).status };

    // 100 elements added (each waits for its first results) and removed.
    await p.evaluate(async () => {
      for (let i = 0; i < 100; i += 1) {
        const el = document.createElement('minzheng-calc');
        el.setAttribute('norms', 'community_workers');
        el.setAttribute('urban_resident_population', String(100000 + i));
        const ready = window.__nextResults(el, `element ${i}`);
        document.body.append(el);
        await ready;
        window.__lastHandle = el.handle;
        el.remove();
        await new Promise((r) => setTimeout(r, 0));
      }
    });
    const afterCycles = await measure();
    console.log(`memory (issue 17): start ${JSON.stringify(start)}; after 200 norms changes ${JSON.stringify(afterNorms)}; after 100 add/remove cycles ${JSON.stringify(afterCycles)}`);

    assert.deepEqual(kept, { subdistricts: '5', status: 'missing-input' }, 'typed figure kept through 200 norms changes');

    // Flat, within a fixed tolerance of 60 nodes and 2 listeners for the browser's own bookkeeping:
    // one leaked calculator (even of a single norm) is several hundred nodes and 3 listeners.
    const oneCalculator = await p.evaluate(() => 1 + document.getElementById('calc').shadowRoot.querySelectorAll('*').length);
    assert.ok(oneCalculator > 60 * 3, `a calculator is ${oneCalculator} nodes: the tolerance is well below one`);
    for (const [when, m] of [['after 200 norms changes', afterNorms], ['after 100 add/remove cycles', afterCycles]]) {
      assert.ok(m.nodes <= start.nodes + 60, `DOM nodes ${when}: ${start.nodes} → ${m.nodes}`);
      assert.ok(m.listeners <= start.listeners + 2, `JS event listeners ${when}: ${start.listeners} → ${m.listeners}`);
      assert.equal(m.live, start.live, `live calculators ${when}`);
    }
    assert.equal(start.live, 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('setInputs, updateInputs and setLang called from a results listener take effect, in order, after the update', async () => {
    const host = page(`<minzheng-calc id="calc" norms="community_workers" urban_resident_population="231109"></minzheng-calc>
      <script type="module" src="embed.js"></script>`);
    const { context, page: p, errors, url } = await hostContext(server.url, host);
    await p.goto(url, { waitUntil: 'load' });
    await waitForElement(p);
    await p.evaluate(async () => {
      window.__m = await import('./pkg/minzheng_calc.js');
      window.__calls = [];
      // Runs `call(handle)` from inside the next results listener, and records what it returned or threw.
      window.__nextResults = (call) => {
        const el = document.getElementById('calc');
        document.addEventListener('minzheng-calc:results', function once() {
          document.removeEventListener('minzheng-calc:results', once);
          try {
            call(el.handle);
            window.__calls.push('ok');
          } catch (error) {
            window.__calls.push(String(error));
          }
        });
      };
    });
    const required = () => p.evaluate(() => window.__events.at(-1).detail.results.find((r) => r.id === 'community_workers'));

    // setInputs (replaces every value), from the listener of the event a keystroke sent.
    await p.evaluate(() => window.__nextResults((h) => window.__m.setInputs(h, { urban_resident_population: '100000', 'current.community_workers': '200' })));
    await p.fill('minzheng-calc [name="households"]', '5000');
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[data-norm="community_workers"]').dataset.required === '180');
    assert.deepEqual(await p.evaluate(() => window.__calls), ['ok']);
    assert.equal(await boxValue(p, 'urban_resident_population'), '100000');
    assert.equal(await boxValue(p, 'households'), '', 'setInputs replaces all values');
    assert.deepEqual((({ current, status }) => ({ current, status }))(await card(p, 'community_workers')), { current: '200', status: 'met' });
    assert.deepEqual((({ required, current, status }) => ({ required, current, status }))(await required()),
      { required: '180', current: '200', status: 'met' }, 'the last results event has the change');

    // updateInputs (only the fields named; null empties one), twice from one listener: both, in order.
    await p.evaluate(() => window.__nextResults((h) => {
      window.__m.updateInputs(h, { urban_resident_population: '231109', households: '7000' });
      window.__m.updateInputs(h, { households: null, townships: '12' });
    }));
    await p.fill('minzheng-calc [name="current.community_workers"]', '150');
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[data-norm="community_workers"]').dataset.required === '416');
    assert.deepEqual(await p.evaluate(() => window.__calls), ['ok', 'ok']);
    assert.deepEqual(await p.evaluate(() => window.__m.getInputs(document.getElementById('calc').handle)),
      { urban_resident_population: '231109', 'current.community_workers': '150', townships: '12' });
    assert.equal(await boxValue(p, 'households'), '');
    assert.equal(await boxValue(p, 'townships'), '12');
    assert.deepEqual((({ required, current, status, gap }) => ({ required, current, status, gap }))(await required()),
      { required: '416', current: '150', status: 'unmet', gap: '266' });

    // setLang.
    await p.evaluate(() => window.__nextResults((h) => window.__m.setLang(h, 'en')));
    await p.fill('minzheng-calc [name="households"]', '8000');
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('.calculator').lang === 'en');
    assert.deepEqual(await p.evaluate(() => window.__calls), ['ok', 'ok', 'ok']);
    assert.equal(await p.evaluate(() => document.getElementById('calc').shadowRoot.querySelector('.status').textContent), 'Unmet');
    assert.equal(await boxValue(p, 'households'), '8000', 'values survive the language switch');

    // A listener that sets what is already there does not go round for ever (a call that changes
    // nothing sends no event); one that changes something each time runs until it stops.
    const before = await p.evaluate(() => window.__events.length);
    await p.evaluate(() => {
      const el = document.getElementById('calc');
      window.__again = 0;
      document.addEventListener('minzheng-calc:results', () => {
        window.__again += 1;
        window.__m.setInputs(el.handle, window.__m.getInputs(el.handle));
        const n = Number(window.__m.getInputs(el.handle).subdistricts || 0);
        if (n < 5) window.__m.updateInputs(el.handle, { subdistricts: String(n + 1) });
      });
    });
    await p.fill('minzheng-calc [name="households"]', '9000');
    await until(p, () => document.getElementById('calc').shadowRoot.querySelector('[name="subdistricts"]').value === '5');
    await p.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await p.evaluate(() => window.__events.length) - before, 6, 'the keystroke and five changes');
    assert.equal(await p.evaluate(() => window.__again), 6);

    // A stopped calculator's handle is an error, not silence.
    const stopped = await p.evaluate(() => {
      const h = document.getElementById('calc').handle;
      window.__m.stop(h);
      try {
        window.__m.setInputs(h, { townships: '1' });
        return 'no error';
      } catch (error) {
        return String(error);
      }
    });
    assert.match(stopped, /no calculator with handle \d+/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('iframe mode (index.html?embed=1)', () => {
  async function framed(src) {
    const host = page(`<iframe id="f" src="${src}" title="测算器" width="100%" height="300"></iframe>
      <script type="module" src="embed.js"></script>`);
    const ctx = await hostContext(server.url, host);
    await ctx.page.addInitScript(() => {
      window.__heights = [];
      window.addEventListener('message', (e) => {
        if (e.data?.type === 'minzheng-calc:height') window.__heights.push({ origin: e.origin, height: e.data.height });
      });
    });
    await ctx.page.goto(ctx.url, { waitUntil: 'load' });
    const frame = ctx.page.frameLocator('#f');
    await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    return { ...ctx, frame };
  }

  test('no header or footer, and the frame gets its height from the page inside', async () => {
    const origin = new URL(server.url).origin;
    const { context, page: p, frame, errors } = await framed(`index.html?embed=1&origin=${encodeURIComponent(origin)}#urban_resident_population=231109`);
    assert.equal(await frame.locator('h1').count(), 0);
    assert.equal(await frame.locator('footer').count(), 0);
    assert.equal(await frame.locator('.embed-code').count(), 0);
    assert.equal(await frame.locator('[data-norm]').count(), 39);
    assert.equal(await frame.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
    await p.waitForFunction(() => window.__heights.length > 0);
    const first = await p.evaluate(() => window.__heights.at(-1));
    assert.equal(first.origin, origin);
    const innerHeight = await frame.locator('#app').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));
    assert.equal(first.height, innerHeight);
    await p.waitForFunction((h) => document.getElementById('f').getAttribute('height') === String(h), first.height);
    // Content grows (the cards waiting for input shown, every 依据 opened): a new height is posted and the frame
    // follows.
    await frame.locator('#f-missing').uncheck();
    await frame.locator('details.basis').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
    await p.waitForFunction((h) => window.__heights.at(-1).height > h + 100, first.height);
    const grown = await p.evaluate(() => window.__heights.at(-1).height);
    await p.waitForFunction((h) => document.getElementById('f').getAttribute('height') === String(h), grown);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('what the user typed in the frame survives a reload of the host page', async () => {
    const { context, page: p, frame, errors } = await framed('index.html?embed=1#urban_resident_population=231109');
    // The host page has no icon: the browser's request for /favicon.ico on its reload is not the calculator's.
    await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await frame.locator('[name="name"]').fill('嵌入县');
    await frame.locator('[name="resident_population"]').fill('300000');
    await frame.locator('[name="current.community_workers"]').fill('100');
    await frame.locator('[data-norm="community_workers"][data-current="100"]').waitFor({ state: 'attached' });
    await p.reload({ waitUntil: 'load' });
    const again = p.frameLocator('#f');
    await again.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    const shown = await again.locator('#app').evaluate((app) => ['name', 'resident_population', 'urban_resident_population', 'current.community_workers']
      .map((n) => app.querySelector(`[name="${n}"]`).value));
    assert.deepEqual(shown, ['嵌入县', '300000', '231109', '100']);
    assert.equal(await again.locator('.notice').textContent(), '', 'no notice about a link');
    // A new tab with the same host page starts from the host's figures again (its own session).
    const other = await context.newPage();
    await other.goto(p.url(), { waitUntil: 'load' });
    const fresh = other.frameLocator('#f');
    await fresh.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await fresh.locator('[name="resident_population"]').inputValue(), '');
    assert.equal(await fresh.locator('[name="urban_resident_population"]').inputValue(), '231109');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('height messages go only to the configured parent origin (else the referrer\'s)', async () => {
    // Configured for another site: this host page must receive nothing.
    let ctx = await framed('index.html?embed=1&origin=https%3A%2F%2Fexample.gov.cn');
    await ctx.page.waitForTimeout(800);
    assert.deepEqual(await ctx.page.evaluate(() => window.__heights), []);
    await ctx.context.close();
    // Not configured: the embedding page's origin (from the referrer) receives it.
    ctx = await framed('index.html?embed=1');
    await ctx.page.waitForFunction(() => window.__heights.length > 0);
    assert.equal((await ctx.page.evaluate(() => window.__heights[0])).origin, new URL(server.url).origin);
    await ctx.context.close();
  });
});

describe('嵌入代码 panel', () => {
  test('writes both snippets for the figures entered, escaped, and they work in a host page', async () => {
    const context = await browser.newContext();
    const p = await context.newPage();
    const errors = collectErrors(p);
    await p.goto(server.url, { waitUntil: 'load' });
    await waitForReady(p);
    const name = '示例县 "东区" <b>&\'';
    await p.fill('[name="name"]', name);
    await p.fill('[name="urban_resident_population"]', '231109');
    await p.fill('[name="current.community_workers"]', '400');
    await p.click('.embed-code summary');
    const element = await p.inputValue('textarea[data-embed="element"]');
    const iframe = await p.inputValue('textarea[data-embed="iframe"]');
    assert.ok(await p.locator('textarea[data-embed="element"]').evaluate((t) => t.readOnly && t.labels.length === 1));
    assert.ok(element.includes(`<script type="module" src="${server.url}embed.js"></script>`), element);
    assert.ok(element.includes('name="示例县 &quot;东区&quot; &lt;b&gt;&amp;&#39;"'), element);
    assert.ok(element.includes('urban_resident_population="231109"'));
    assert.ok(element.includes('current.community_workers="400"'));
    assert.match(iframe, new RegExp(`<iframe src="${server.url}index\\.html\\?embed=1#[^"]*urban_resident_population=231109`));
    const src = await p.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('iframe').getAttribute('src'), iframe);
    assert.equal(new URLSearchParams(new URL(src).hash.slice(1)).get('name'), name, 'the iframe link carries the figures');
    // Parsed as HTML, the attributes give back exactly what was typed.
    const parsed = await p.evaluate((html) => {
      const d = new DOMParser().parseFromString(html, 'text/html');
      const e = d.querySelector('minzheng-calc');
      return { name: e.getAttribute('name'), count: d.querySelectorAll('minzheng-calc').length, b: d.querySelectorAll('b').length };
    }, element);
    assert.deepEqual(parsed, { name, count: 1, b: 0 });
    // English page: the snippet carries lang="en".
    await p.click('[data-action=lang]');
    assert.match(await p.inputValue('textarea[data-embed="element"]'), /<minzheng-calc lang="en"/);
    assert.deepEqual(errors, []);
    await context.close();

    // Both snippets, pasted into a host page, show the same figures.
    const { context: c2, page: host, url } = await hostContext(server.url, page(`${element}\n${iframe}`));
    await host.goto(url, { waitUntil: 'load' });
    await waitForElement(host);
    assert.equal((await card(host, 'community_workers')).required, '416');
    assert.equal((await card(host, 'community_workers')).current, '400');
    assert.equal(await host.evaluate(() => document.querySelector('minzheng-calc').shadowRoot.querySelector('[name="name"]').value), name);
    const frame = host.frameLocator('iframe');
    await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await frame.locator('[data-norm="community_workers"]').getAttribute('data-current'), '400');
    assert.equal(await frame.locator('[name="name"]').inputValue(), name);
    await host.waitForFunction(() => Number(document.querySelector('iframe').getAttribute('height')) > 1200);
    await c2.close();
  });
});

describe(`under Content-Security-Policy: ${STRICT_CSP}`, () => {
  test('the page works with no violation (no inline script or style anywhere)', async () => {
    const context = await browser.newContext();
    await context.addInitScript(RECORD);
    const p = await context.newPage();
    const errors = collectErrors(p);
    const response = await p.goto(cspServer.url, { waitUntil: 'load' });
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
    await waitForReady(p);
    await p.fill('[name="urban_resident_population"]', '231109');
    await p.fill('[name="current.community_workers"]', '400'); // draws the chart (SVG)
    await p.fill('[name="households"]', 'abc'); // an error line
    assert.equal(await p.locator('[data-norm="community_workers"]').getAttribute('data-required'), '416');
    await p.click('[data-action=elder]');
    await p.click('[data-action=lang]');
    await p.click('.embed-code summary');
    await p.locator('details.basis').first().evaluate((d) => { d.open = true; });
    await p.evaluate(() => navigator.serviceWorker.ready); // the worker (script-src 'self') installs too
    assert.equal(await p.evaluate(() => document.querySelectorAll('[style]').length), 0, 'no style attributes');
    assert.equal(await p.evaluate(() => document.querySelectorAll('style, script:not([src])').length), 0, 'no inline style/script elements');
    assert.deepEqual(await p.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the custom element and the iframe work in a host page under the same policy', async () => {
    const host = page(`<minzheng-calc urban_resident_population="231109" current.community_workers="400"></minzheng-calc>
      <iframe src="index.html?embed=1#urban_resident_population=100000" title="测算器"></iframe>
      <script type="module" src="embed.js"></script>
      <script>window.__inlineRan = true;</script>`);
    const { context, page: p, url } = await hostContext(cspServer.url, host, { 'content-security-policy': STRICT_CSP });
    await p.goto(url, { waitUntil: 'load' });
    await waitForElement(p);
    // The policy is really in force: the host's own inline script was refused (and that is the only violation).
    assert.equal(await p.evaluate(() => window.__inlineRan), undefined);
    const violations = await p.evaluate(() => window.__csp);
    assert.equal(violations.length, 1, violations.join('\n'));
    assert.match(violations[0], /^script-src/);
    assert.equal((await card(p, 'community_workers')).required, '416');
    await p.click('minzheng-calc [data-action=elder]');
    await p.fill('minzheng-calc [name="households"]', 'abc');
    assert.equal(await p.evaluate(() => document.querySelector('minzheng-calc').shadowRoot.querySelectorAll('[style]').length), 0);
    const sheetApplied = await p.evaluate(() => getComputedStyle(document.querySelector('minzheng-calc').shadowRoot.querySelector('button.tool')).minHeight);
    assert.equal(sheetApplied, '52px', 'the shadow stylesheet loaded under style-src \'self\' (长辈模式 targets)');
    const frame = p.frameLocator('iframe');
    await frame.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal(await frame.locator('[data-norm="community_workers"]').getAttribute('data-required'), '180');
    await p.waitForFunction(() => Number(document.querySelector('iframe').getAttribute('height')) > 1000);
    const frameViolations = await p.frames()[1].evaluate(() => window.__csp);
    assert.deepEqual(frameViolations, []);
    assert.deepEqual(await p.evaluate(() => window.__csp.length), 1);
    await context.close();
  });
});
