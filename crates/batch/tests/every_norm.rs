//! Every field and every norm, the columns in a random order (issue 17, point 1): the batch's results,
//! totals and both exports against the engine's single-locality results.

#[path = "support/common.rs"]
mod common;

use calamine::Data;
use common::{norm, sheet};
use minzheng_batch::{write, Batch, Col, EncodingRs};
use minzheng_core::engine::Status;
use minzheng_core::{compute, Computation, NORMS};
use rust_decimal::Decimal;

#[path = "support/every_norm.rs"]
mod every_norm;

const SEEDS: [u64; 6] = [1, 2, 3, 17, 2021, 0x5EED];
const EVERY_NORM_ROWS: usize = 16;

/// The gap as the batch shows and writes it: only where the status is met or unmet (the engine says 0
/// when the current value or an input is missing; the batch leaves the cell empty).
fn shown_gap(r: &minzheng_core::NormResult) -> Option<Decimal> {
    matches!(r.status, Status::Met | Status::Unmet).then(|| r.gap.expect("a gap when met or unmet"))
}

fn exact_sum(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().reduce(|a, b| a + b)
}

/// A figure as the exports write it: plain decimal text.
fn text(value: Option<Decimal>) -> Option<String> {
    value.map(minzheng_core::format::plain)
}

fn status_zh_of(status: Status) -> &'static str {
    match status {
        Status::Met => "达标",
        Status::Unmet => "未达标",
        Status::Unknown => "未填现有值",
        Status::MissingInput => "缺少输入",
        Status::NotApplicable => "不适用",
    }
}

/// A name as the CSV export writes it: with a leading `'` where a spreadsheet would run it as a formula.
fn csv_name(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@']) {
        format!("'{name}")
    } else {
        name.to_string()
    }
}

/// The batch's results for every row and norm against the engine's single-locality results.
fn check_against_engine(label: &str, b: &Batch, refs: &[Computation], tally: &mut [[usize; 5]]) {
    assert_eq!(b.rows(), refs.len(), "{label}: rows");
    assert_eq!(b.results.names, refs.iter().map(|r| r.name.clone()).collect::<Vec<_>>(), "{label}: names");
    for (i, reference) in refs.iter().enumerate() {
        let mut fields: Vec<String> = b.results.row_errors(i).iter().map(|e| e.error.key.to_string()).collect();
        let mut expected: Vec<String> = reference.errors.iter().map(|e| e.key.to_string()).collect();
        fields.sort_unstable();
        expected.sort_unstable();
        assert_eq!(fields, expected, "{label}: row {i}'s input errors");
        for (n, r) in reference.results.iter().enumerate() {
            let at = format!("{label}: row {i} ({}), {}", reference.name, r.id());
            assert_eq!(NORMS[n].id, r.id());
            assert_eq!(b.results.status(i, n), r.status, "{at}: status");
            assert_eq!(b.results.required(i, n), r.required, "{at}: required");
            assert_eq!(b.results.required_max(i, n), r.required_max, "{at}: required max");
            assert_eq!(b.results.current(i, n), r.current, "{at}: current");
            assert_eq!(b.results.gap(i, n), shown_gap(r), "{at}: gap");
            tally[n][r.status as usize] += 1;
        }
    }
    // The totals row's current and gap columns.
    for (n, norm) in NORMS.iter().enumerate() {
        let (currents, gaps) = current_and_gap_totals(refs, n);
        assert_eq!(b.total(Col::Current(n)), currents, "{label}: total current {}", norm.id);
        assert_eq!(b.total(Col::Gap(n)), gaps, "{label}: total gap {}", norm.id);
    }
}

/// The totals of what is had and of the gaps: over the rows whose requirement counts (the norm applies and has
/// its inputs), for the norms whose requirements add up.
fn current_and_gap_totals(
    refs: &[Computation],
    n: usize,
) -> (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>) {
    let counted: Vec<&Computation> = refs.iter().filter(|c| c.results[n].required.is_some()).collect();
    let summed = |sum: Option<rust_decimal::Decimal>| sum.filter(|_| minzheng_batch::summable(n));
    (
        summed(exact_sum(counted.iter().map(|c| c.results[n].current))),
        summed(exact_sum(counted.iter().map(|c| shown_gap(&c.results[n])))),
    )
}

/// A current value as the exports write it: the engine's value, or the text as typed where it is wrong.
fn exported_current(sheet: &every_norm::Sheet, refs: &[Computation], i: usize, n: usize) -> Option<String> {
    let key = format!("current.{}", NORMS[n].id);
    if let Some(v) = refs[i].results[n].current {
        return text(Some(v));
    }
    let typed = &sheet.rows[i][sheet.keys.iter().position(|k| *k == key).unwrap()];
    refs[i].errors.iter().any(|e| e.key.to_string() == key).then(|| typed.clone())
}

/// The CSV export, read back with the `csv` crate, against the engine, cell by cell by column id.
fn check_csv_export(label: &str, csv: &[u8], sheet: &every_norm::Sheet, refs: &[Computation], row_numbers: &[u32]) {
    let body = csv.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), refs.len(), "{label}: one row per locality");
    let column = |id: &str| header.iter().position(|h| h == id);
    for (i, reference) in refs.iter().enumerate() {
        let at = |id: &str| rows[i][column(id).unwrap_or_else(|| panic!("{label}: no column {id}"))].to_string();
        assert_eq!(at("row"), row_numbers[i].to_string(), "{label}: row {i}");
        assert_eq!(at("name"), csv_name(&reference.name), "{label}: row {i} name");
        for (n, r) in reference.results.iter().enumerate() {
            let cell = |id: String, expected: Option<&str>| {
                assert_eq!(at(&id), expected.unwrap_or(""), "{label}: row {i} ({}), column {id}", reference.name);
            };
            let id = r.id();
            cell(id.to_string(), text(r.required).as_deref());
            if r.required_max.is_some() || column(&format!("{id}.max")).is_some() {
                cell(format!("{id}.max"), text(r.required_max).as_deref());
            }
            cell(format!("current.{id}"), exported_current(sheet, refs, i, n).as_deref());
            cell(format!("gap.{id}"), text(shown_gap(r)).as_deref());
            cell(format!("status.{id}"), Some(r.status.as_str()));
        }
    }
}

/// The XLSX export, read back with calamine, against the engine: columns found by their id on the
/// 列说明 sheet, numbers as numbers, status in Chinese, names exactly as typed, and the totals row.
fn check_xlsx_export(label: &str, xlsx: &[u8], typed: &every_norm::Sheet, refs: &[Computation], row_numbers: &[u32]) {
    let cells = sheet(xlsx, 0);
    let columns = sheet(xlsx, 3);
    assert_eq!(columns.len(), cells[0].len() + 1, "{label}: 列说明 names every column");
    let column = |id: &str| {
        let c = columns.iter().skip(1).position(|r| r[2] == Data::String(id.into()));
        if let Some(c) = c {
            assert_eq!(cells[0][c], columns[c + 1][0], "{label}: the header of {id}");
        }
        c
    };
    let number = |v: Option<&str>| v.map_or(Data::Empty, |v| Data::Float(v.parse().unwrap()));
    assert_eq!(cells.len(), 1 + refs.len() + 1, "{label}: header, one row per locality, totals");
    for (i, reference) in refs.iter().enumerate() {
        let row = &cells[i + 1];
        let at = |id: &str| &row[column(id).unwrap_or_else(|| panic!("{label}: no column {id}"))];
        assert_eq!(at("row"), &Data::Float(f64::from(row_numbers[i])), "{label}: row {i}");
        assert_eq!(at("name"), &Data::String(reference.name.clone()), "{label}: row {i} name, exactly as typed");
        for (n, r) in reference.results.iter().enumerate() {
            let cell = |id: String, expected: Data| {
                assert_eq!(at(&id), &expected, "{label}: row {i} ({}), column {id}", reference.name);
            };
            let id = r.id();
            cell(id.to_string(), number(text(r.required).as_deref()));
            if r.required_max.is_some() || column(&format!("{id}.max")).is_some() {
                cell(format!("{id}.max"), number(text(r.required_max).as_deref()));
            }
            let current = match (r.current, exported_current(typed, refs, i, n)) {
                (None, Some(typed)) => Data::String(typed), // a wrong value, as typed
                (current, _) => number(text(current).as_deref()),
            };
            cell(format!("current.{id}"), current);
            cell(format!("gap.{id}"), number(text(shown_gap(r)).as_deref()));
            cell(format!("status.{id}"), Data::String(status_zh_of(r.status).into()));
        }
    }
    let totals = &cells[refs.len() + 1];
    assert_eq!(totals[0], Data::String("合计".into()));
    for (n, norm) in NORMS.iter().enumerate() {
        let (currents, gaps) = current_and_gap_totals(refs, n);
        let (currents, gaps) = (currents.map(|d| d.to_string()), gaps.map(|d| d.to_string()));
        let current_col = column(&format!("current.{}", norm.id)).unwrap();
        let gap_col = column(&format!("gap.{}", norm.id)).unwrap();
        assert_eq!(totals[current_col], number(currents.as_deref()), "{label}: total current {}", norm.id);
        assert_eq!(totals[gap_col], number(gaps.as_deref()), "{label}: total gap {}", norm.id);
    }
}

/// Issue 17.1: a sheet with every input field and a current value for every norm, its columns in a random
/// order, imported as CSV and as XLSX: each row's required value, current value, gap and status for all 39
/// norms are the engine's single-locality results, on screen (the batch's results and totals) and in both
/// exports read back with independent readers; the CSV export read in again gives the same.
#[test]
fn every_norm_in_shuffled_columns_matches_the_engine_in_results_and_exports() {
    let mut tally = vec![[0usize; 5]; NORMS.len()]; // per norm: met, unmet, unknown, missing input, not applicable
    for seed in SEEDS {
        let sheet = every_norm::sheet(seed, EVERY_NORM_ROWS);
        let currents: Vec<usize> = sheet.keys.iter().filter_map(|k| k.strip_prefix("current.")).map(norm).collect();
        assert_eq!(currents.len(), NORMS.len(), "a current column for every norm");
        assert!(currents.windows(2).any(|w| w[0] > w[1]), "seed {seed}: current columns out of catalogue order");
        let refs: Vec<Computation> = (0..EVERY_NORM_ROWS).map(|r| compute(sheet.pairs(r))).collect();
        for (format, bytes) in [("csv", sheet.csv().into_bytes()), ("xlsx", sheet.xlsx())] {
            let label = format!("seed {seed}, {format}");
            let mut b = Batch::read(&bytes, &EncodingRs).unwrap_or_else(|e| panic!("{label}: {e}"));
            let keys: Vec<String> = b.keys.iter().map(|k| k.as_ref().map_or("?".into(), ToString::to_string)).collect();
            assert_eq!(keys, sheet.keys, "{label}: every column recognised ({:?})", b.table.headers);
            b.compute_all();
            check_against_engine(&label, &b, &refs, &mut tally);
            let rows = &b.table.row_numbers;
            assert_eq!(*rows, (2..2 + EVERY_NORM_ROWS as u32).collect::<Vec<_>>());
            let csv = write::to_csv(&b);
            check_csv_export(&format!("{label} → CSV"), &csv, &sheet, &refs, rows);
            check_xlsx_export(&format!("{label} → XLSX"), &write::to_xlsx(&b).unwrap(), &sheet, &refs, rows);
            // The CSV export read in again: the same localities, names and results.
            let again = Batch::from_bytes(&csv, &EncodingRs).unwrap();
            check_against_engine(&format!("{label} → CSV → read again"), &again, &refs, &mut vec![[0; 5]; NORMS.len()]);
        }
    }
    // Every norm is met somewhere and unmet somewhere, and each status occurs often.
    for (n, [met, unmet, _, _, _]) in tally.iter().enumerate() {
        assert!(*met > 0 && *unmet > 0, "{}: met {met}, unmet {unmet}", NORMS[n].id);
    }
    let sum = |k: usize| tally.iter().map(|t| t[k]).sum::<usize>();
    assert!(sum(0) > 1000 && sum(1) > 1000 && sum(2) > 300 && sum(3) > 300 && sum(4) > 300, "varied: {tally:?}");
}
