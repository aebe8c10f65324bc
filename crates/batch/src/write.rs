//! Results → CSV (UTF-8 with a byte-order mark, so that Chinese Excel opens it without mojibake; headed
//! by the contract's column ids, for programs) and XLSX (for people: Chinese headers with units, a frozen
//! header row, number formats, a totals row, a sheet of each norm's quote and citation, a sheet of input
//! errors and a sheet naming every column's id).
//! CSV text cells that a spreadsheet could take for a formula are neutralised (XLSX text cells never run);
//! templates for both formats.

use super::delimited::write_record;
use super::read::{current_header, field_header};
use super::xlsx::{height_for_lines, wrapped_lines, Print, SheetOptions, SheetWriter, Style, Workbook};
use super::{Batch, BatchError, Col};
use minzheng_core::engine::Status;
use minzheng_core::format::plain;
use minzheng_core::inputs::{FieldKind, Key, FIELDS, FIELD_IDS};
use minzheng_core::rules::{Comparator, Group, Rounding, NORMS};
use minzheng_text::{export, input, input_error, Lang};
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
pub use locality::{locality_file_name, locality_xlsx, norm_order, requirement_text};

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
                        let style = if v.is_zero() { number_style(col, false) } else { Style::Unmet };
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

// ---------- templates ----------

/// A plausible county, to show what goes where.
const EXAMPLE: [(&str, &str); 27] = [
    ("name", "示例县"),
    ("level", "县"),
    ("resident_population", "500000"),
    ("urban_resident_population", "231109"),
    ("registered_population", "480000"),
    ("households", "170001"),
    ("elderly_population", "123456"),
    ("prefecture_cities", "0"),
    ("counties", "1"),
    ("districts", "0"),
    ("townships", "12"),
    ("subdistricts", "5"),
    ("urban_communities", "37"),
    ("rural_communities", "101"),
    ("community_service_facilities", "138"),
    ("marriage_registries", "1"),
    ("county_child_welfare_institutions", "1"),
    ("eldercare_beds", "3200"),
    ("annual_ashes_placements", "1234"),
    ("urban_dibao_monthly", "672"),
    ("rural_dibao_annual", "5558"),
    ("urban_consumption_growth_pct", "5"),
    ("rural_consumption_growth_pct", "3"),
    ("orphan_standard_monthly", "1500"),
    ("average_wage_annual", "85432"),
    ("province_resident_population", "42591407"),
    ("province_elderly_population", "10954467"),
];

/// A template column: its group (the row over the headers), header, id and example.
struct TemplateColumn {
    group: String,
    header: String,
    id: String,
    example: String,
}

/// Every input field, then a `现有` column for each of the 39 norms, grouped as the plan groups them. The
/// example's current values meet its own requirements (达标), but for three that show a gap.
fn template_columns() -> Vec<TemplateColumn> {
    let mut cols: Vec<TemplateColumn> = FIELD_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let example = EXAMPLE.iter().find(|(k, _)| k == id).map(|(_, v)| *v).unwrap_or("");
            let group = match *id {
                "name" | "level" => export::GROUP_LOCALITY.zh,
                _ => minzheng_text::field_group(FIELDS[i].group).zh,
            };
            TemplateColumn {
                group: group.to_string(),
                header: field_header(i, Lang::Zh),
                id: id.to_string(),
                example: example.to_string(),
            }
        })
        .collect();
    let example = minzheng_core::compute(EXAMPLE.iter().copied());
    for group in Group::ALL {
        let group_name = export::GROUP_CURRENT.fill(Lang::Zh, &[("group", minzheng_text::group(group).zh)]);
        for (n, norm) in NORMS.iter().enumerate().filter(|(_, norm)| norm.group == group) {
            let shown = EXAMPLE_SHORT.iter().find(|(id, _)| *id == norm.id).map(|(_, v)| v.to_string());
            // A requirement met exactly; "more than" (>) one unit of its rounding more.
            let unit = Decimal::new(1, norm.rounding.places());
            let met = |r: Decimal| if norm.comparator == Comparator::MoreThan { r + unit } else { r };
            let example = shown.or_else(|| example.results[n].required.map(|r| plain(met(r)))).unwrap_or_default();
            cols.push(TemplateColumn {
                group: group_name.clone(),
                header: current_header(n, Lang::Zh),
                id: Key::Current(n).to_string(),
                example,
            });
        }
    }
    cols
}

/// The example's current values that fall short of the requirement, to show a 差距.
const EXAMPLE_SHORT: [(&str, &str); 3] =
    [("community_workers", "400"), ("nursing_beds", "1500"), ("social_work_stations", "15")];

/// The CSV template: Chinese headers with units and one example row, UTF-8 with BOM (the groups are the
/// XLSX template's; a CSV has no merged cells, and a plain first-row header suits programs).
pub fn template_csv() -> Vec<u8> {
    let cols = template_columns();
    let mut out = BOM.to_vec();
    write_record(&mut out, cols.iter().map(|c| c.header.as_str()));
    write_record(&mut out, cols.iter().map(|c| c.example.as_str()));
    out
}

/// The XLSX template: a row of groups over the columns (the reader takes the row that names the most
/// known columns as the header, so it passes over the groups), the headers with units, an example row,
/// and a 填表说明 sheet explaining every column.
pub fn template_xlsx() -> Result<Vec<u8>, BatchError> {
    let cols = template_columns();
    let mut workbook = Workbook::new(2)?;
    let options = SheetOptions {
        widths: (0..cols.len()).map(|c| if c == 0 { 18 } else { 14 }).collect(),
        freeze: (2, 1),
        heights: vec![(0, 20), (1, 48)],
        ..SheetOptions::default()
    };
    let mut ws = workbook.sheet(export::TEMPLATE_SHEET.zh, &options)?;
    let mut start = 0;
    for c in 0..=cols.len() {
        if c == cols.len() || cols[c].group != cols[start].group {
            ws.string(0, start as u32, &cols[start].group, Style::Header);
            for blank in start + 1..c {
                ws.blank(0, blank as u32, Style::Header);
            }
            if c - start > 1 {
                ws.merge(0, start as u32, 0, c as u32 - 1);
            }
            start = c;
        }
    }
    for (c, col) in cols.iter().enumerate() {
        ws.string(1, c as u32, &col.header, Style::Header);
    }
    for (c, col) in cols.iter().enumerate() {
        let c = c as u32;
        let example = col.example.as_str();
        let figure = !example.is_empty() && example.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if col.id == "name" || (!figure && !example.is_empty()) {
            // The name and the level (县) are text.
            ws.string(2, c, example, Style::Text);
        } else if figure {
            ws.number(2, c, example, Style::Default);
        }
    }
    ws.end();
    let heads = [
        (export::COLUMN.zh, 36),
        (export::FIELD.zh, 36),
        (export::FIELD.en, 40),
        (export::UNIT.zh, 12),
        (export::NOTE.zh, 60),
    ];
    let mut ws = headed_sheet(&mut workbook, export::GUIDE_SHEET.zh, &heads, (0, 0), Style::Header)?;
    for (i, spec) in FIELDS.iter().enumerate() {
        let r = i as u32 + 1;
        ws.string(r, 0, &field_header(i, Lang::Zh), Style::Default);
        ws.string(r, 1, spec.id, Style::Default);
        ws.string(r, 2, spec.label_en, Style::Default);
        if !spec.unit_zh.is_empty() {
            ws.string(r, 3, spec.unit_zh, Style::Default);
        }
        let note = match spec.default {
            Some(d) => export::DEFAULT_NOTE.fill(Lang::Zh, &[("value", d), ("source", spec.default_source_zh)]),
            None if spec.kind == FieldKind::Text => export::TEXT_NOTE.zh.to_string(),
            None if spec.kind == FieldKind::Choice => {
                export::LEVEL_NOTE.fill(Lang::Zh, &[("levels", &minzheng_text::level_list(Lang::Zh))])
            }
            None if spec.kind == FieldKind::Amount => export::DECIMAL_NOTE.zh.to_string(),
            None => export::WHOLE_NOTE.zh.to_string(),
        };
        ws.string(r, 4, &note, Style::Default);
    }
    let r = FIELDS.len() as u32 + 2;
    ws.string(r, 0, export::CURRENT_MEANS.zh, Style::Default);
    let mut r = r + 1;
    for group in Group::ALL {
        for (i, n) in NORMS.iter().enumerate().filter(|(_, n)| n.group == group) {
            ws.string(r, 0, &current_header(i, Lang::Zh), Style::Default);
            ws.string(r, 1, &Key::Current(i).to_string(), Style::Default);
            ws.string(r, 2, &input::CURRENT_OF.fill(Lang::En, &[("name", n.name_en)]), Style::Default);
            ws.string(r, 3, n.unit_zh, Style::Default);
            // What the plan requires, in words, and where it says so.
            let requires = format!(
                "{}：{} {}（{}）",
                export::PLAN_REQUIRES.zh,
                comparator_zh(n.comparator),
                minzheng_text::norm_formula(n, Lang::Zh),
                n.basis().citation_zh
            );
            ws.string(r, 4, &requires, Style::Default);
            r += 1;
        }
    }
    ws.string(r + 1, 0, export::GROUP_ROW_NOTE.zh, Style::Default);
    ws.end();
    workbook.finish()
}
