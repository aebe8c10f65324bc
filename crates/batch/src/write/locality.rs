//! One locality's workbook (the page's 导出 Excel, issue 19): sheet 1 the summary table an office hands in
//! (主要指标完成情况表: 序号, 指标, 属性, 单位, 规划要求, 现有, 差距, 状态, grouped by the plan's chapters,
//! 未达标 rows shaded and saying so, a title with the locality's name and the date, A4 with the header row on
//! every page, lines to sign); sheet 2 the inputs, each norm's working (the formula in words and with the
//! numbers) and the plan's words it rests on.

use crate::xlsx::{height_for_lines, wrapped_lines, Print, SheetOptions, SheetWriter, Style, Workbook};
use crate::BatchError;
use minzheng_core::engine::{explain_all, NormResult, Status};
use minzheng_core::format::plain;
use minzheng_core::inputs::{parse_inputs, FieldKind, FIELDS};
use minzheng_core::rules::{Group, Rounding, NORMS};
use minzheng_text::{export, input_error, page, Lang};

/// The summary's columns: header and width in characters.
const SUMMARY_COLUMNS: [(minzheng_text::Word, u16); 8] = [
    (export::SERIAL, 6),
    (export::TARGET, 34),
    (export::BINDING, 8),
    (export::UNIT, 10),
    (export::PLAN_REQUIRES, 20),
    (export::CURRENT, 13),
    (export::GAP, 12),
    (export::STATUS, 11),
];

/// The details' columns (the inputs' section uses the same six for its own heads).
const DETAIL_WIDTHS: [u16; 6] = [6, 28, 42, 44, 16, 70];

/// Rows of the summary above the table: title, plan and date, counts.
const SUMMARY_HEADER_ROW: u32 = 3;

/// The norms in the order the summary shows them: by the plan's chapter, then as the ruleset lists them.
pub fn norm_order() -> Vec<usize> {
    Group::ALL.iter().flat_map(|&g| (0..NORMS.len()).filter(move |&n| NORMS[n].group == g)).collect()
}

/// One locality as an XLSX workbook, from (field, typed text) pairs as `compute()` takes them; the words
/// in `lang`, `date` as it should read under the title (the host's today).
pub fn locality_xlsx<'a, I>(pairs: I, lang: Lang, date: &str) -> Result<Vec<u8>, BatchError>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let (inputs, errors) = parse_inputs(pairs);
    let results = explain_all(&inputs);
    let name = if inputs.name.trim().is_empty() { export::UNNAMED.get(lang) } else { inputs.name.trim() };
    let mut workbook = Workbook::new(2)?;
    write_summary(&mut workbook, &results, name, inputs.level, lang, date)?;
    write_details(&mut workbook, &inputs, &errors, &results, name, lang)?;
    workbook.finish()
}

/// The file name for the workbook, without `.xlsx`: `某县-民政规划指标`.
pub fn locality_file_name(name: &str, lang: Lang) -> String {
    let name = if name.trim().is_empty() { export::UNNAMED.get(lang) } else { name.trim() };
    // Characters a file system refuses become `_`.
    let safe: String = name
        .chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    export::LOCALITY_FILE.fill(lang, &[("name", &safe)])
}

/// The requirement as a person reads it: `≥ 416`, `约 960,000`, `1,008 ～ 1,344`; why there is none.
pub fn requirement_text(r: &NormResult, lang: Lang) -> String {
    let norm = r.norm();
    match (r.status, r.required, r.required_max) {
        (Status::NotApplicable, _, _) => page::NOT_APPLICABLE.get(lang).to_string(),
        (Status::MissingInput, _, _) | (_, None, _) => {
            let fields: Vec<&str> =
                r.missing.iter().map(|&i| lang.pick(FIELDS[i].label_zh, FIELDS[i].label_en)).collect();
            export::NEEDS.fill(lang, &[("fields", &fields.join(lang.pick("、", ", ")))])
        }
        // As the page's table writes it.
        (_, low, high) => minzheng_text::requirement(norm.comparator, low, high, lang),
    }
}

/// Sets the row's height to fit the tallest of its wrapped texts, (text, column width); one line needs none.
fn fit_row(ws: &mut SheetWriter, row: u32, cells: &[(&str, u16)]) {
    let lines = cells.iter().map(|&(text, width)| wrapped_lines(text, width)).max().unwrap_or(1);
    if lines > 1 {
        ws.row_height(row, height_for_lines(lines));
    }
}

fn full_width_row(ws: &mut SheetWriter, row: u32, text: &str, style: Style, last_col: u32) {
    ws.string(row, 0, text, style);
    for c in 1..=last_col {
        ws.blank(row, c, style);
    }
    ws.merge(row, 0, row, last_col);
}

fn write_summary(
    workbook: &mut Workbook,
    results: &[NormResult],
    name: &str,
    level: Option<minzheng_core::Level>,
    lang: Lang,
    date: &str,
) -> Result<(), BatchError> {
    let last = SUMMARY_COLUMNS.len() as u32 - 1;
    // The page's order and 序号 (`summary_order`): the norms worked out first, then the others, each part by
    // the plan's chapters, a group row before each chapter's norms.
    let order = minzheng_core::engine::summary_order(results.iter());
    let mut lines: Vec<Line> = Vec::with_capacity(order.len() + 2 * Group::ALL.len());
    for (i, &n) in order.iter().enumerate() {
        let part = (results[n].status.has_required(), NORMS[n].group);
        if i == 0 || part != (results[order[i - 1]].status.has_required(), NORMS[order[i - 1]].group) {
            lines.push(Line::Group(part.1));
        }
        lines.push(Line::Norm(i as u32 + 1, n));
    }
    // Title, subtitle, counts, header; the lines; a blank row, the note, the signatures.
    let table_end = SUMMARY_HEADER_ROW + lines.len() as u32;
    let options = SheetOptions {
        widths: SUMMARY_COLUMNS.iter().map(|c| c.1).collect(),
        freeze: (SUMMARY_HEADER_ROW + 1, 0),
        heights: vec![(SUMMARY_HEADER_ROW, 30), (table_end + 2, 45), (table_end + 4, 30)],
        header_height: Some(32),
        print: Some(Print {
            landscape: false,
            title_rows: Some((SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW)),
            title_cols: None,
            footer: Some(super::page_footer(lang)),
        }),
        ..SheetOptions::default()
    };
    let mut ws = workbook.sheet(export::SUMMARY_SHEET.get(lang), &options)?;
    full_width_row(&mut ws, 0, &export::SUMMARY_TITLE.fill(lang, &[("name", name)]), Style::Title, last);
    let level = match level {
        Some(l) => minzheng_text::level(l, lang).to_string(),
        None => export::LEVEL_NOT_GIVEN.get(lang).to_string(),
    };
    let subtitle = export::SUMMARY_SUBTITLE
        .fill(lang, &[("plan", export::PLAN_NAME.get(lang)), ("level", &level), ("date", date)]);
    full_width_row(&mut ws, 1, &subtitle, Style::Default, last);
    let count = |s: Status| results.iter().filter(|r| r.status == s).count().to_string();
    let counts = page::SUMMARY.fill(
        lang,
        &[
            ("met", &count(Status::Met)),
            ("unmet", &count(Status::Unmet)),
            ("unknown", &count(Status::Unknown)),
            ("missing", &count(Status::MissingInput)),
        ],
    );
    full_width_row(&mut ws, 2, &counts, Style::Default, last);
    for (c, (word, _)) in SUMMARY_COLUMNS.iter().enumerate() {
        ws.string(SUMMARY_HEADER_ROW, c as u32, word.get(lang), Style::TableHeader);
    }
    let mut row = SUMMARY_HEADER_ROW + 1;
    for line in lines {
        match line {
            Line::Group(group) => {
                full_width_row(&mut ws, row, minzheng_text::group(group).get(lang), Style::GroupRow, last)
            }
            Line::Norm(serial, n) => summary_row(&mut ws, row, serial, &results[n], lang),
        }
        row += 1;
    }
    full_width_row(&mut ws, row + 1, export::CURRENT_NOTE.get(lang), Style::Wrap, last);
    full_width_row(&mut ws, row + 3, export::SIGNATURE.get(lang), Style::Default, last);
    ws.end();
    Ok(())
}

/// A line of the summary sheet's table: a chapter's row, or a norm's with its 序号.
enum Line {
    Group(Group),
    Norm(u32, usize),
}

fn summary_row(ws: &mut SheetWriter, row: u32, serial: u32, r: &NormResult, lang: Lang) {
    let norm = r.norm();
    let unmet = r.status == Status::Unmet;
    let (text, count, decimal) = if unmet {
        (Style::UnmetCell, Style::UnmetCount, Style::UnmetDecimal)
    } else {
        (Style::Cell, Style::CellCount, Style::CellDecimal)
    };
    let number = if norm.rounding == Rounding::Count { count } else { decimal };
    let centre = if unmet { Style::UnmetCentre } else { Style::CellCentre };
    let name = lang.pick(norm.name_zh, norm.name_en);
    let requirement = requirement_text(r, lang);
    let unit = lang.pick(norm.unit_zh, norm.unit_en);
    let status = minzheng_text::status(r.status).get(lang);
    let w = |c: usize| SUMMARY_COLUMNS[c].1;
    fit_row(ws, row, &[(name, w(1)), (unit, w(3)), (&requirement, w(4)), (status, w(7))]);
    ws.number(row, 0, &serial.to_string(), count);
    ws.string(row, 1, name, text);
    match minzheng_text::binding(norm.binding) {
        Some(word) => ws.string(row, 2, word.get(lang), centre),
        None => ws.blank(row, 2, centre),
    }
    ws.string(row, 3, unit, centre);
    ws.string(row, 4, &requirement, text);
    match r.current {
        Some(v) => ws.number(row, 5, &plain(v), number),
        None => ws.blank(row, 5, number),
    }
    // The gap where there is a judgement: what is missing when unmet, 0 when met.
    match (r.status, r.gap) {
        (Status::Met | Status::Unmet, Some(gap)) => ws.number(row, 6, &plain(gap), number),
        _ => ws.blank(row, 6, number),
    }
    ws.string(row, 7, status, if unmet { Style::UnmetStatus } else { Style::CellCentre });
}

fn write_details(
    workbook: &mut Workbook,
    inputs: &minzheng_core::inputs::Inputs,
    errors: &[minzheng_core::InputError],
    results: &[NormResult],
    name: &str,
    lang: Lang,
) -> Result<(), BatchError> {
    let last = DETAIL_WIDTHS.len() as u32 - 1;
    let options = SheetOptions {
        widths: DETAIL_WIDTHS.to_vec(),
        header_height: Some(30),
        print: Some(Print {
            landscape: true,
            title_rows: None,
            title_cols: None,
            footer: Some(super::page_footer(lang)),
        }),
        ..SheetOptions::default()
    };
    let mut ws = workbook.sheet(export::DETAIL_SHEET.get(lang), &options)?;
    full_width_row(&mut ws, 0, &export::DETAIL_TITLE.fill(lang, &[("name", name)]), Style::Title, last);
    ws.string(2, 0, export::INPUTS_SECTION.get(lang), Style::Bold);
    let heads = [export::SERIAL, export::FIELD, export::VALUE, export::UNIT, export::SOURCE, export::NOTE];
    for (c, word) in heads.iter().enumerate() {
        ws.string(3, c as u32, word.get(lang), Style::TableHeader);
    }
    let mut row = 4;
    let mut serial = 0u32;
    for (i, spec) in FIELDS.iter().enumerate() {
        let text = match spec.kind {
            FieldKind::Text if !inputs.name.trim().is_empty() => Some(inputs.name.trim().to_string()),
            FieldKind::Choice => inputs.level.map(|l| minzheng_text::level(l, lang).to_string()),
            _ => None,
        };
        let value = inputs.values[i];
        if text.is_none() && value.is_none() {
            continue;
        }
        serial += 1;
        let label = lang.pick(spec.label_zh, spec.label_en);
        fit_row(&mut ws, row, &[(label, DETAIL_WIDTHS[1])]);
        ws.number(row, 0, &serial.to_string(), Style::CellCount);
        ws.string(row, 1, label, Style::Cell);
        match (text, value) {
            (Some(t), _) => ws.string(row, 2, &t, Style::CellText),
            (None, Some(v)) => {
                let style = if spec.kind == FieldKind::Amount { Style::CellDecimal } else { Style::CellCount };
                ws.number(row, 2, &plain(v), style)
            }
            (None, None) => ws.blank(row, 2, Style::Cell),
        }
        ws.string(row, 3, lang.pick(spec.unit_zh, spec.unit_en), Style::CellCentre);
        let (source, note) = if inputs.defaulted[i] {
            (export::DEFAULTED.get(lang), lang.pick(spec.default_source_zh, spec.default_source_en))
        } else {
            (export::TYPED.get(lang), spec.id)
        };
        ws.string(row, 4, source, Style::CellCentre);
        ws.string(row, 5, note, Style::Cell);
        row += 1;
    }
    if !errors.is_empty() {
        row += 1;
        ws.string(row, 0, export::ERRORS_SECTION.get(lang), Style::Bold);
        row += 1;
        for e in errors {
            let message = input_error(e, lang);
            fit_row(&mut ws, row, &[(&message, DETAIL_WIDTHS.iter().sum())]);
            full_width_row(&mut ws, row, &message, Style::Cell, last);
            row += 1;
        }
    }
    row += 1;
    ws.string(row, 0, export::WORKING_SECTION.get(lang), Style::Bold);
    row += 1;
    let heads = [export::SERIAL, export::TARGET, export::FORMULA, export::WORKING, export::CITATION, export::QUOTE];
    for (c, word) in heads.iter().enumerate() {
        ws.string(row, c as u32, word.get(lang), Style::TableHeader);
    }
    row += 1;
    for (serial, n) in norm_order().into_iter().enumerate() {
        let r = &results[n];
        let norm = r.norm();
        let unit = lang.pick(norm.unit_zh, norm.unit_en);
        let mut formula = minzheng_text::norm_formula(norm, lang);
        if norm.indicative {
            formula.push('\n');
            formula.push_str(page::INDICATIVE.get(lang));
        }
        let working = match r.status {
            Status::NotApplicable => {
                format!(
                    "{}\n{}",
                    page::NOT_APPLICABLE.get(lang),
                    lang.pick(norm.basis().level_note_zh, norm.basis().level_note_en)
                )
            }
            Status::MissingInput => requirement_text(r, lang),
            _ => {
                let mut line = minzheng_text::working_line(&r.working, unit);
                if let Some(max) = &r.working_max {
                    line.push('\n');
                    line.push_str(&minzheng_text::working_line(max, unit));
                }
                if r.local {
                    line.push('\n');
                    line.push_str(page::LOCAL_STANDARD.get(lang));
                }
                line
            }
        };
        let name = lang.pick(norm.name_zh, norm.name_en);
        let basis = norm.basis();
        let citation = lang.pick(basis.citation_zh, basis.citation_en);
        let quote = basis.quotes.join("\n");
        let w = DETAIL_WIDTHS;
        fit_row(&mut ws, row, &[(name, w[1]), (&formula, w[2]), (&working, w[3]), (citation, w[4]), (&quote, w[5])]);
        ws.number(row, 0, &(serial + 1).to_string(), Style::CellCount);
        ws.string(row, 1, name, Style::Cell);
        ws.string(row, 2, &formula, Style::Cell);
        ws.string(row, 3, &working, Style::Cell);
        ws.string(row, 4, citation, Style::Cell);
        ws.string(row, 5, &quote, Style::Cell);
        row += 1;
    }
    ws.end();
    Ok(())
}
