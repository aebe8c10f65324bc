// Issue 17, points 1 and 6, through the real page: a sheet with every input field and a current value for
// every norm, its columns shuffled (seeded; tests/support/every_norm.rs, written as CSV and XLSX by
// examples/every_norm_sheet.rs), goes in through input[name=batch_file]. The table on screen (required
// values, gaps, the unmet rows, the totals row) and both exports (CSV read here; XLSX read with calamine by
// examples/xlsx_cells.rs) must give, for every row and every norm, what the page's own compute() gives for
// that locality alone. Names a spreadsheet could take for a formula come back from the XLSX exactly, from the
// CSV with a protecting `'`, and from the CSV read in again unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, launch, startServer, collectErrors, waitForReady } from './harness.mjs';

const SEEDS = [7, 2025];
const ROWS = 12;

let browser;
let server;
let dir;

/** Runs one of the crate's examples (built on first use; the batch feature brings the native readers). */
function example(name, args) {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'minzheng-batch', '--example', name, '--', ...args.map(String)], {
    cwd: REPO, encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'inherit'],
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minzheng-every-norm-'));
  browser = await launch();
  server = await startServer();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/** A column's total in the totals row: over the rows whose requirement counts (the norm applies and has its
 *  inputs), for a norm whose requirements add up (not a per-person standard, 元/人/月); '' otherwise. */
function totalOf(refs, r, value) {
  if (String(r.unit_zh).includes('/')) return '';
  const counted = refs.map((ref) => ref.results.find((x) => x.id === r.id)).filter((x) => x.required != null);
  return decimalSum(counted.map(value));
}

/** The exact sum of decimal strings (BigInt, no floating point), as plain text; '' when there are none. */
function decimalSum(values) {
  const present = values.filter((v) => v != null && v !== '');
  if (!present.length) return '';
  const scale = Math.max(...present.map((v) => (v.split('.')[1] || '').length));
  let sum = 0n;
  for (const v of present) {
    const [whole, frac = ''] = v.split('.');
    sum += BigInt(whole + frac.padEnd(scale, '0'));
  }
  const negative = sum < 0n;
  let digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  let text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(/\.?0+$/, '') : digits;
  return (negative ? '-' : '') + text;
}

// The gap as the batch shows it: only where the status is met or unmet.
const shownGap = (r) => (r.status === 'met' || r.status === 'unmet' ? r.gap : null);
const STATUS_ZH = { met: '达标', unmet: '未达标', unknown: '未填现有值', 'missing-input': '缺少输入', 'not-applicable': '不适用' };
const csvName = (name) => (/^[=+\-@]/.test(name) ? `'${name}` : name);
// A current value as the exports write it: compute()'s value, or the text as typed where it is wrong.
const exportedCurrent = (ref, r) => r.current
  ?? (ref.errorFields.includes(`current.${r.id}`) ? ref.typed[`current.${r.id}`].trim() : null);

async function upload(page, path) {
  await page.setInputFiles('#batch input[name=batch_file]', path);
  await page.waitForFunction(() => {
    const s = document.querySelector('#batch');
    return (s.dataset.batchState === 'done' && s.dataset.batchRows !== undefined) || s.dataset.batchState === 'failed';
  }, null, { timeout: 120_000 });
  const data = await page.evaluate(() => ({ ...document.querySelector('#batch').dataset }));
  if (data.batchState === 'failed') throw new Error(`batch failed: ${await page.textContent('#batch .batch-failure')}`);
  return data;
}

async function downloadExport(page, kind, tag) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.click(`#batch button[data-export=${kind}]`),
  ]);
  const path = join(dir, `${tag}.${kind}`);
  await download.saveAs(path);
  return path;
}

/** The results table as shown: column ids, each row's cells and classes, the totals row. */
function readTable(page) {
  return page.evaluate(() => {
    const table = document.querySelector('#batch .batch-table');
    const ids = [...table.tHead.rows[0].cells].map((th) => th.dataset.colId);
    const rows = [...table.tBodies[0].rows].map((tr) => ({
      cells: [...tr.cells].map((c) => c.textContent),
      unmet: tr.classList.contains('unmet'),
      gapUnmet: [...tr.cells].map((c) => c.classList.contains('gap-unmet')),
    }));
    const totals = [...table.tFoot.rows[0].cells].map((c) => c.textContent);
    return { ids, rows, totals };
  });
}

/** The table on screen against compute(): required (a range as low–high), gap, unmet rows, totals. */
function checkScreen(label, shown, refs, names) {
  assert.equal(shown.rows.length, refs.length, `${label}: rows shown`);
  const col = (id) => {
    const c = shown.ids.indexOf(id);
    assert.ok(c >= 0, `${label}: a column ${id}`);
    return c;
  };
  let compared = 0;
  refs.forEach((ref, i) => {
    const row = shown.rows[i];
    assert.equal(row.cells[col('name')], names[i], `${label}: row ${i} name as text`);
    assert.equal(row.unmet, ref.results.some((r) => r.status === 'unmet'), `${label}: row ${i} marked unmet`);
    for (const r of ref.results) {
      const required = r.required == null ? '—' : r.required_max != null ? `${r.required}–${r.required_max}` : r.required;
      assert.equal(row.cells[col(r.id)], required, `${label}: row ${i} (${ref.name}) ${r.id} required`);
      const gap = shownGap(r);
      const g = col(`gap.${r.id}`);
      assert.equal(row.cells[g], gap ?? '—', `${label}: row ${i} (${ref.name}) ${r.id} gap (status ${r.status})`);
      assert.equal(row.gapUnmet[g], gap != null && gap !== '0', `${label}: row ${i} ${r.id} gap marked`);
      compared += 2;
    }
  });
  for (const r of refs[0].results) {
    const total = totalOf(refs, r, shownGap);
    assert.equal(shown.totals[col(`gap.${r.id}`)], total, `${label}: total gap ${r.id}`);
  }
  return compared;
}

/** The CSV export (read here) against compute(), by column id. */
function checkCsv(label, path, refs) {
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${label}: BOM`);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  assert.equal(rows.length, refs.length, `${label}: one row per locality`);
  const col = (id) => header.indexOf(id);
  let compared = 0;
  refs.forEach((ref, i) => {
    const at = (id) => {
      assert.ok(col(id) >= 0, `${label}: a column ${id}`);
      return rows[i][col(id)];
    };
    assert.equal(at('row'), String(i + 2), `${label}: row ${i} number`);
    assert.equal(at('name'), csvName(ref.name), `${label}: row ${i} name, protected`);
    for (const r of ref.results) {
      const where = `${label}: row ${i} (${ref.name})`;
      assert.equal(at(r.id), r.required ?? '', `${where} ${r.id}`);
      if (r.required_max != null || col(`${r.id}.max`) >= 0) assert.equal(at(`${r.id}.max`), r.required_max ?? '', `${where} ${r.id}.max`);
      assert.equal(at(`current.${r.id}`), exportedCurrent(ref, r) ?? '', `${where} current.${r.id}`);
      assert.equal(at(`gap.${r.id}`), shownGap(r) ?? '', `${where} gap.${r.id}`);
      assert.equal(at(`status.${r.id}`), r.status, `${where} status.${r.id}`);
      compared += 5;
    }
  });
  return compared;
}

/** The XLSX export, read with calamine, against compute(): columns by their id (列说明), the totals row. */
function checkXlsx(label, path, refs) {
  const book = JSON.parse(example('xlsx_cells', [path]));
  assert.deepEqual(Object.keys(book), ['测算结果', '指标依据', '输入错误', '列说明'], `${label}: sheets`);
  const cells = book['测算结果'];
  const columns = book['列说明'].slice(1);
  assert.equal(columns.length, cells[0].length, `${label}: 列说明 names every column`);
  const col = (id) => {
    const c = columns.findIndex((r) => r[2] === id);
    if (c >= 0) assert.equal(cells[0][c], columns[c][0], `${label}: header of ${id}`);
    return c;
  };
  const number = (v) => (v == null || v === '' ? null : Number(v));
  assert.equal(cells.length, 1 + refs.length + 1, `${label}: header, rows, totals`);
  let compared = 0;
  refs.forEach((ref, i) => {
    const row = cells[i + 1];
    const at = (id) => {
      assert.ok(col(id) >= 0, `${label}: a column ${id}`);
      return row[col(id)];
    };
    assert.equal(at('row'), i + 2, `${label}: row ${i} number`);
    assert.equal(at('name'), ref.name, `${label}: row ${i} name, exactly as typed`);
    for (const r of ref.results) {
      const where = `${label}: row ${i} (${ref.name})`;
      assert.equal(at(r.id), number(r.required), `${where} ${r.id}`);
      if (r.required_max != null || col(`${r.id}.max`) >= 0) assert.equal(at(`${r.id}.max`), number(r.required_max), `${where} ${r.id}.max`);
      const current = r.current == null ? exportedCurrent(ref, r) : number(r.current); // a wrong value as typed
      assert.equal(at(`current.${r.id}`), current, `${where} current.${r.id}`);
      assert.equal(at(`gap.${r.id}`), number(shownGap(r)), `${where} gap.${r.id}`);
      assert.equal(at(`status.${r.id}`), STATUS_ZH[r.status], `${where} status.${r.id}`);
      compared += 5;
    }
  });
  const totals = cells[refs.length + 1];
  assert.equal(totals[0], '合计');
  for (const r of refs[0].results) {
    assert.equal(totals[col(`current.${r.id}`)], number(totalOf(refs, r, (x) => x.current)), `${label}: total current ${r.id}`);
    assert.equal(totals[col(`gap.${r.id}`)], number(totalOf(refs, r, shownGap)), `${label}: total gap ${r.id}`);
  }
  return compared;
}

for (const seed of SEEDS) {
  test(`served: every field and every norm in shuffled columns (seed ${seed}), on screen and in both exports, as compute() gives them`, async (t) => {
    const sheet = JSON.parse(example('every_norm_sheet', [seed, ROWS, dir]));
    const norms = sheet.keys.filter((k) => k.startsWith('current.'));
    assert.equal(norms.length, 39, 'a current column for every norm');
    const context = await browser.newContext({ acceptDownloads: true });
    try {
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto(server.url, { waitUntil: 'load' });
      await waitForReady(page);
      await page.waitForSelector('#batch input[name=batch_file]', { state: 'visible' });
      // The reference: the page's own compute(), one locality at a time.
      const refs = await page.evaluate(async ({ keys, rows }) => {
        // The public module (the page itself runs minzheng_page.js): initialised here.
        const m = await import('./pkg/minzheng_calc.js');
        await m.default();
        const ids = m.norms().map((n) => n.id);
        const catalogue = keys.filter((k) => k.startsWith('current.')).map((k) => ids.indexOf(k.slice(8)));
        return {
          shuffled: catalogue.some((n, i) => i > 0 && n < catalogue[i - 1]),
          refs: rows.map((row) => {
            const typed = Object.fromEntries(keys.map((k, i) => [k, row[i]]));
            const c = m.compute(typed);
            return {
              name: c.name,
              typed,
              errors: c.errors.length,
              errorFields: c.errors.map((e) => e.field),
              results: c.results.map((r) => ({
                id: r.id, unit_zh: r.unit_zh, required: r.required ?? null, required_max: r.required_max ?? null,
                current: r.current ?? null, gap: r.gap ?? null, status: r.status,
              })),
            };
          }),
        };
      }, sheet);
      assert.ok(refs.shuffled, 'current columns out of catalogue order');
      const statuses = refs.refs.flatMap((r) => r.results.map((x) => x.status));
      // The sheet gives some rows a level (县, 市辖区, 街道 …): norms not applicable there are not-applicable.
      for (const s of ['met', 'unmet', 'unknown', 'missing-input', 'not-applicable']) assert.ok(statuses.includes(s), `some ${s}`);
      const names = refs.refs.map((r) => r.name);
      assert.ok(names.some((n) => /^[=+\-@]/.test(n)), 'a name a spreadsheet would take for a formula');
      let compared = 0;
      for (const format of ['csv', 'xlsx']) {
        const label = `seed ${seed}, ${format}`;
        const done = await upload(page, sheet[format]);
        assert.equal(Number(done.batchRows), ROWS, `${label}: rows`);
        assert.equal(Number(done.batchErrors), refs.refs.filter((r) => r.errors > 0).length, `${label}: rows with errors`);
        compared += checkScreen(`${label} on screen`, await readTable(page), refs.refs, names);
        const csv = await downloadExport(page, 'csv', `${seed}-${format}`);
        compared += checkCsv(`${label} → CSV`, csv, refs.refs);
        compared += checkXlsx(`${label} → XLSX`, await downloadExport(page, 'xlsx', `${seed}-${format}`), refs.refs);
        // The CSV export read in again: the names as typed, the same results.
        const again = await upload(page, csv);
        assert.equal(Number(again.batchRows), ROWS);
        compared += checkScreen(`${label} → CSV → read again`, await readTable(page), refs.refs, names);
      }
      t.diagnostic(`seed ${seed}: ${compared} cells compared`);
      assert.ok(compared > 2 * 5 * ROWS * 39 * 2, `compared ${compared}`);
      assert.deepEqual(errors, [], 'no page errors');
    } finally {
      await context.close();
    }
  });
}
