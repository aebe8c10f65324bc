//! Results → CSV (UTF-8 with a byte-order mark, so that Chinese Excel opens it without mojibake; headed
//! by the contract's column ids, for programs) and XLSX (for people: Chinese headers with units, a frozen
//! header row, number formats, a totals row, a sheet of each norm's quote and citation, a sheet of input
//! errors and a sheet naming every column's id).
//! CSV text cells that a spreadsheet could take for a formula are neutralised (XLSX text cells never run);
//! templates for both formats in `template`, one locality's workbook in `locality`.

use super::delimited::write_record;
use super::xlsx::{height_for_lines, wrapped_lines, Print, SheetOptions, SheetWriter, Style, Workbook};
use super::{Batch, BatchError, Col};
use minzheng_core::engine::Status;
use minzheng_core::format::plain;
use minzheng_core::inputs::{FieldKind, FIELDS};
use minzheng_core::rules::{Comparator, Rounding, NORMS};
use minzheng_text::{export, input_error, Lang};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// Whether a cell beginning with `c` could run as a formula when a spreadsheet opens a CSV file.
pub fn starts_formula(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
}

/// Whether a CSV cell gets a protecting `'`: it begins with a character that starts a formula, or with `'`s
/// before one. The second case makes the `'` that `read::unprotect` takes off always one added here, so a
/// text that itself begins with `'=` also reads back as it was.
pub fn needs_protection(text: &str) -> bool {
    text.trim_start_matches('\'').chars().next().is_some_and(starts_formula)
}

/// A CSV cell that could run as a formula gets a leading `'` and stays text (`read::unprotect` takes it off
/// again). Only for CSV: an XLSX text cell is never evaluated, so the workbook keeps the text as it is.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_protection(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

mod locality;
mod template;
pub use locality::{locality_file_name, locality_xlsx, norm_order, requirement_text};
pub use template::{template_csv, template_xlsx};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell of the results: the name, errors, status, or input text that is not a number.
fn is_text_col(col: Col) -> bool {
    matches!(col, Col::Name | Col::Status(_) | Col::Errors)
}

/// The results as CSV: UTF-8 with BOM, one row per locality in file order, headed by the column ids
/// (CONTRACT.md §3 "Spreadsheet": one column per norm id, plus the inputs and per-row errors):
/// `row`, `name`, the field ids, each norm id (its required value; `<id>.max` for a range's upper
/// end), `current.<id>`, `gap.<id>`, `status.<id>` (`met`, `unmet`, `unknown`, `missing-input`,
/// `not-applicable`) where
/// a current value was given, `errors`. This is the file for programs and for reading back in; no
/// totals row (the XLSX, which is for people, has Chinese headers with units, the totals and a sheet
/// naming every column's id).
pub fn to_csv(batch: &Batch) -> Vec<u8> {
    let cols = batch.export_columns();
    let mut out = Vec::with_capacity(batch.rows() * cols.len() * 8 + 1024);
    out.extend_from_slice(BOM);
    let header: Vec<String> = cols.iter().map(|c| c.id()).collect();
    write_record(&mut out, header.iter().map(String::as_str));
    let mut record: Vec<String> = Vec::with_capacity(cols.len());
    for row in 0..batch.results.done {
        record.clear();
        for &col in &cols {
            record.push(match col {
                // The contract's status values (met, unmet, unknown, missing-input, not-applicable), as compute()
                // gives them.
                Col::Status(n) => batch.results.status(row, n).as_str().to_string(),
                c if is_text_col(c) => neutralise(&batch.text(c, row)).into_owned(),
                // A value with an error, as typed.
                Col::Input(_) | Col::Current(_) => match batch.number(col, row) {
                    Some(v) => plain(v),
                    None => neutralise(batch.typed_text(row, col)).into_owned(),
                },
                _ => batch.number(col, row).map(plain).unwrap_or_default(),
            });
        }
        write_record(&mut out, record.iter().map(String::as_str));
    }
    out
}

/// The style of a number cell: counts as whole numbers, money and areas with 2 places.
fn number_style(col: Col, total: bool) -> Style {
    let whole = match col {
        Col::Row => true,
        Col::Input(i) => FIELDS[i].kind != FieldKind::Amount,
        c => c.norm().is_some_and(|n| NORMS[n].rounding == Rounding::Count),
    };
    match (whole, total) {
        (true, false) => Style::Count,
        (false, false) => Style::Decimal,
        (true, true) => Style::TotalCount,
        (false, true) => Style::TotalDecimal,
    }
}

fn column_width(col: Col) -> u16 {
    match col {
        Col::Row => 6,
        Col::Name => 18,
        Col::Errors => 40,
        Col::Status(_) => 10,
        _ => 14,
    }
}

/// The results as an XLSX workbook: 测算结果 (the results, a frozen header, an autofilter, a totals
/// row), 指标依据 (each norm's formula, citation and quote), 输入错误 (every input error) and 列说明
/// (the id of every column). Text is written exactly as it is: a text cell is never evaluated, and names
/// and text inputs are in the Text (`@`) format, so editing one in Excel keeps it text.
pub fn to_xlsx(batch: &Batch) -> Result<Vec<u8>, BatchError> {
    let cols = batch.export_columns();
    let mut workbook = Workbook::new(4)?;
    let rows = batch.results.done;
    let options = SheetOptions {
        widths: cols.iter().map(|&c| column_width(c)).collect(),
        header_height: Some(48),
        freeze: (1, 2),
        autofilter: (rows > 0).then(|| (rows as u32, cols.len() as u32 - 1)),
        // Landscape A4, one page wide, the header row and the row number and name on every page.
        print: Some(Print {
            landscape: true,
            title_rows: Some((0, 0)),
            title_cols: Some((0, 1)),
            footer: Some(page_footer(Lang::Zh)),
        }),
        heights: Vec::new(),
    };
    let mut ws = workbook.sheet(export::RESULTS_SHEET.zh, &options)?;
    for (c, &col) in cols.iter().enumerate() {
        ws.string(0, c as u32, &col.header_zh(), Style::Header);
    }
    let mut number = String::new();
    for row in 0..rows {
        let r = row as u32 + 1;
        for (c, &col) in cols.iter().enumerate() {
            let c = c as u32;
            match col {
                Col::Status(n) => {
                    // 未达标 in words on a fill, so that it shows in print and to people who do not see colour.
                    let status = batch.results.status(row, n);
                    let style = if status == Status::Unmet { Style::StatusUnmet } else { Style::Text };
                    ws.string(r, c, minzheng_text::status(status).zh, style);
                }
                col if is_text_col(col) => {
                    let text = batch.text(col, row);
                    if !text.is_empty() {
                        let style = if col == Col::Errors { Style::Wrap } else { Style::Text };
                        ws.string(r, c, &text, style);
                    }
                }
                Col::Input(_) | Col::Current(_) => match batch.number(col, row) {
                    Some(v) => ws.number(r, c, plain_into(&mut number, v), number_style(col, false)),
                    None => {
                        let text = batch.typed_text(row, col);
                        if !text.is_empty() {
                            ws.string(r, c, text, Style::Text);
                        }
                    }
                },
                Col::Gap(_) => {
                    if let Some(v) = batch.number(col, row) {
                        let style = match number_style(col, false) {
                            style if v.is_zero() => style,
                            Style::Count => Style::Unmet,
                            _ => Style::UnmetFraction,
                        };
                        ws.number(r, c, plain_into(&mut number, v), style);
                    }
                }
                _ => {
                    if let Some(v) = batch.number(col, row) {
                        ws.number(r, c, plain_into(&mut number, v), number_style(col, false));
                    }
                }
            }
        }
    }
    let t = rows as u32 + 1;
    let totals = batch.totals(&cols);
    for (c, (&col, total)) in cols.iter().zip(totals).enumerate() {
        let c = c as u32;
        match col {
            Col::Row => ws.string(t, c, export::TOTAL.zh, Style::TotalLabel),
            Col::Name => {
                ws.string(t, c, &export::LOCALITIES.fill(Lang::Zh, &[("count", &rows.to_string())]), Style::TotalLabel)
            }
            _ => match total {
                Some(v) => ws.number(t, c, plain_into(&mut number, v), number_style(col, true)),
                None => ws.blank(t, c, Style::TotalLabel),
            },
        }
    }
    ws.end();
    write_norms_sheet(&mut workbook)?;
    write_errors_sheet(&mut workbook, batch)?;
    write_columns_sheet(&mut workbook, &cols)?;
    workbook.finish()
}

/// The printed page's footer in Excel's codes: `第 &P 页 共 &N 页`.
fn page_footer(lang: Lang) -> String {
    export::PAGE_FOOTER.fill(lang, &[("page", "&P"), ("pages", "&N")])
}

/// `plain(v)` into a reused buffer.
fn plain_into(buf: &mut String, v: Decimal) -> &str {
    buf.clear();
    buf.push_str(&plain(v));
    buf
}

fn comparator_zh(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => export::AT_LEAST.zh,
        Comparator::MoreThan => export::MORE_THAN.zh,
        Comparator::AtMost => export::AT_MOST.zh,
        Comparator::About => export::ABOUT.zh,
        Comparator::Range => export::RANGE.zh,
    }
}

/// A sheet's header row and column widths.
fn headed_sheet<'w>(
    workbook: &'w mut Workbook,
    name: &str,
    heads: &[(&str, u16)],
    freeze: (u32, u32),
    style: Style,
) -> Result<SheetWriter<'w>, BatchError> {
    let options = SheetOptions { widths: heads.iter().map(|h| h.1).collect(), freeze, ..SheetOptions::default() };
    let mut ws = workbook.sheet(name, &options)?;
    for (c, (h, _)) in heads.iter().enumerate() {
        ws.string(0, c as u32, h, style);
    }
    Ok(ws)
}

/// Each norm's formula, citation and verbatim quote.
fn write_norms_sheet(workbook: &mut Workbook) -> Result<(), BatchError> {
    let heads = [
        (export::NORM_ID.zh, 12),
        (export::NORM_NAME.zh, 24),
        (export::NORM_NAME_EN.zh, 24),
        (export::FORMULA.zh, 30),
        (export::REQUIREMENT.zh, 8),
        (export::UNIT.zh, 10),
        (export::BINDING.zh, 8),
        (export::DEADLINE.zh, 10),
        (export::CITATION.zh, 16),
        (export::QUOTE.zh, 60),
        (export::NOTE.zh, 40),
        (export::INDICATIVE.zh, 10),
        (export::APPLIES_AT.zh, 16),
        (export::LEVEL_NOTE_COLUMN.zh, 50),
        (export::FORMULA_IDS.zh, 30),
    ];
    // Printed like the results: landscape A4 one page wide, the header row on every page, each row as tall as
    // its wrapped text (the quotes).
    let options = SheetOptions {
        widths: heads.iter().map(|h| h.1).collect(),
        freeze: (1, 2),
        print: Some(Print {
            landscape: true,
            title_rows: Some((0, 0)),
            title_cols: None,
            footer: Some(page_footer(Lang::Zh)),
        }),
        ..SheetOptions::default()
    };
    let mut ws = workbook.sheet(export::NORMS_SHEET.zh, &options)?;
    for (c, (h, _)) in heads.iter().enumerate() {
        ws.string(0, c as u32, h, Style::PlainHeader);
    }
    for (i, n) in NORMS.iter().enumerate() {
        let r = i as u32 + 1;
        let formula = match n.formula_max {
            Some(max) => format!("{} ～ {}", n.formula, max),
            None => n.formula.to_string(),
        };
        let b = n.basis();
        let cells: [Cow<str>; 15] = [
            n.id.into(),
            n.name_zh.into(),
            n.name_en.into(),
            minzheng_text::norm_formula(n, Lang::Zh).into(),
            comparator_zh(n.comparator).into(),
            n.unit_zh.into(),
            minzheng_text::binding(n.binding).map_or("", |w| w.zh).into(),
            b.deadline_zh.into(),
            b.citation_zh.into(),
            b.quotes.join("\n").into(),
            b.note_zh.into(),
            (if n.indicative { export::YES.zh } else { "" }).into(),
            minzheng_text::levels_of(n, Lang::Zh).into(),
            b.level_note_zh.into(),
            formula.into(),
        ];
        let lines = cells.iter().zip(&heads).map(|(text, h)| wrapped_lines(text, h.1)).max().unwrap_or(1);
        if lines > 1 {
            ws.row_height(r, height_for_lines(lines));
        }
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                ws.string(r, c as u32, text, Style::Wrap);
            }
        }
    }
    ws.end();
    Ok(())
}

/// Every input error: row number, column, field id and the message in both languages.
fn write_errors_sheet(workbook: &mut Workbook, batch: &Batch) -> Result<(), BatchError> {
    let heads = [
        (export::ROW.zh, 8),
        (export::COLUMN.zh, 20),
        (export::FIELD.zh, 24),
        (export::MESSAGE.zh, 50),
        (export::MESSAGE.en, 50),
    ];
    let mut ws = headed_sheet(workbook, export::INPUT_ERRORS.zh, &heads, (1, 0), Style::Header)?;
    for (i, e) in batch.results.errors.iter().enumerate() {
        let r = i as u32 + 1;
        ws.number(r, 0, &e.row.to_string(), Style::Count);
        ws.string(r, 1, &e.column, Style::Text);
        ws.string(r, 2, &e.error.key.to_string(), Style::Text);
        ws.string(r, 3, &input_error(&e.error, Lang::Zh), Style::Text);
        ws.string(r, 4, &input_error(&e.error, Lang::En), Style::Text);
    }
    ws.end();
    Ok(())
}

/// Which id each column of the results sheet stands for (CONTRACT.md §3: one column per norm id).
fn write_columns_sheet(workbook: &mut Workbook, cols: &[Col]) -> Result<(), BatchError> {
    let heads = [(export::COLUMN.zh, 40), (export::COLUMN.en, 50), ("id", 40)];
    let mut ws = headed_sheet(workbook, export::COLUMNS_SHEET.zh, &heads, (0, 0), Style::Header)?;
    for (i, col) in cols.iter().enumerate() {
        let r = i as u32 + 1;
        ws.string(r, 0, &col.header_zh(), Style::Text);
        ws.string(r, 1, &col.header_en(), Style::Text);
        ws.string(r, 2, &col.id(), Style::Text);
    }
    ws.end();
    Ok(())
}
