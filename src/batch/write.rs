//! Results → CSV (UTF-8 with a byte-order mark, so that Chinese Excel opens it without mojibake) and
//! XLSX (Chinese headers with units, a frozen header row, number formats, a totals row, a sheet of
//! each norm's quote and citation, a sheet of input errors and a sheet naming every column's id).
//! Text cells that a spreadsheet could take for a formula are neutralised; templates for both formats.

use super::read::{current_header, field_header};
use super::{Batch, Col};
use crate::format::plain;
use crate::inputs::{FieldKind, FIELDS, FIELD_IDS};
use crate::rules::{Binding, Rounding, NORMS};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::borrow::Cow;

/// A cell beginning with `=`, `+`, `-`, `@`, tab or carriage return could run as a formula when a
/// spreadsheet opens the file: such text gets a leading `'` and stays text.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell of the results: the name, errors, status, or input text that is not a number.
fn is_text_col(col: Col) -> bool {
    matches!(col, Col::Name | Col::Status(_) | Col::Errors)
}

/// The results as CSV: UTF-8 with BOM, one row per locality in file order, then a totals row.
pub fn to_csv(batch: &Batch) -> Vec<u8> {
    let cols = batch.export_columns();
    let mut out = Vec::with_capacity(batch.rows() * cols.len() * 8 + 1024);
    out.extend_from_slice(BOM);
    {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(&mut out);
        let header: Vec<String> = cols.iter().map(|c| c.header_zh()).collect();
        let _ = w.write_record(&header);
        let mut record: Vec<String> = Vec::with_capacity(cols.len());
        for row in 0..batch.results.done {
            record.clear();
            for &col in &cols {
                record.push(match col {
                    c if is_text_col(c) => neutralise(&batch.text(c, row)).into_owned(),
                    Col::Input(i) => match batch.number(col, row) {
                        Some(v) => plain(v),
                        None => neutralise(batch.input_text(row, i)).into_owned(),
                    },
                    _ => batch.number(col, row).map(plain).unwrap_or_default(),
                });
            }
            let _ = w.write_record(&record);
        }
        record.clear();
        for &col in &cols {
            record.push(match col {
                Col::Row => "合计".into(),
                Col::Name => format!("{} 个地区", batch.results.done),
                _ => batch.total(col).map(plain).unwrap_or_default(),
            });
        }
        let _ = w.write_record(&record);
        let _ = w.flush();
    }
    out
}

/// An exact decimal as the nearest f64 (a spreadsheet number).
pub fn to_f64(value: Decimal) -> f64 {
    let mantissa = value.mantissa();
    let scale = value.scale();
    if mantissa.unsigned_abs() < (1u128 << 53) && scale <= 22 {
        // Both exact in f64, so the quotient is the correctly rounded value.
        mantissa as f64 / 10f64.powi(scale as i32)
    } else {
        plain(value).parse().unwrap_or(f64::NAN)
    }
}

struct Formats {
    header: Format,
    text: Format,
    count: Format,
    decimal: Format,
    total_label: Format,
    total_count: Format,
    total_decimal: Format,
    unmet: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xDDEBF7));
        let total = Format::new().set_bold().set_background_color(Color::RGB(0xF2F2F2));
        Formats {
            header,
            text: Format::new().set_num_format("@"),
            count: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.00"),
            total_label: total.clone(),
            total_count: total.clone().set_num_format("#,##0"),
            total_decimal: total.set_num_format("#,##0.00"),
            unmet: Format::new().set_num_format("#,##0.##").set_font_color(Color::RGB(0xC00000)),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    /// The number format of a column: counts as whole numbers, money and areas with 2 places.
    fn number_format(&self, col: Col, total: bool) -> &Format {
        let whole = match col {
            Col::Row => true,
            Col::Input(i) => FIELDS[i].kind != FieldKind::Amount,
            c => c.norm().is_some_and(|n| NORMS[n].rounding == Rounding::Count),
        };
        match (whole, total) {
            (true, false) => &self.count,
            (false, false) => &self.decimal,
            (true, true) => &self.total_count,
            (false, true) => &self.total_decimal,
        }
    }
}

fn column_width(col: Col) -> f64 {
    match col {
        Col::Row => 6.0,
        Col::Name => 18.0,
        Col::Errors => 40.0,
        Col::Status(_) => 10.0,
        _ => 14.0,
    }
}

fn xlsx_error(e: XlsxError) -> super::BatchError {
    super::BatchError::new(format!("无法生成 XLSX 文件：{e}"), format!("The XLSX file cannot be made: {e}"))
}

/// The results as an XLSX workbook.
pub fn to_xlsx(batch: &Batch) -> Result<Vec<u8>, super::BatchError> {
    write_xlsx(batch).map_err(xlsx_error)
}

fn write_xlsx(batch: &Batch) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let cols = batch.export_columns();
    let mut workbook = Workbook::new();
    {
        let ws = workbook.add_worksheet();
        ws.set_name("测算结果")?;
        for (c, &col) in cols.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col.header_zh(), &f.header)?;
            ws.set_column_width(c as u16, column_width(col))?;
        }
        ws.set_row_height(0, 48)?;
        ws.set_freeze_panes(1, 2)?;
        let rows = batch.results.done;
        for row in 0..rows {
            let r = row as u32 + 1;
            for (c, &col) in cols.iter().enumerate() {
                let c = c as u16;
                match col {
                    col if is_text_col(col) => {
                        let text = batch.text(col, row);
                        if !text.is_empty() {
                            let format = if col == Col::Errors { &f.wrap } else { &f.text };
                            ws.write_string_with_format(r, c, neutralise(&text), format)?;
                        }
                    }
                    Col::Input(i) => match batch.number(col, row) {
                        Some(v) => {
                            ws.write_number_with_format(r, c, to_f64(v), f.number_format(col, false))?;
                        }
                        None => {
                            let text = batch.input_text(row, i);
                            if !text.is_empty() {
                                ws.write_string_with_format(r, c, neutralise(text), &f.text)?;
                            }
                        }
                    },
                    Col::Gap(_) => {
                        if let Some(v) = batch.number(col, row) {
                            let format = if v.is_zero() { f.number_format(col, false) } else { &f.unmet };
                            ws.write_number_with_format(r, c, to_f64(v), format)?;
                        }
                    }
                    _ => {
                        if let Some(v) = batch.number(col, row) {
                            ws.write_number_with_format(r, c, to_f64(v), f.number_format(col, false))?;
                        }
                    }
                }
            }
        }
        let t = rows as u32 + 1;
        for (c, &col) in cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Col::Row => {
                    ws.write_string_with_format(t, c, "合计", &f.total_label)?;
                }
                Col::Name => {
                    ws.write_string_with_format(t, c, format!("{rows} 个地区"), &f.total_label)?;
                }
                _ => match batch.total(col) {
                    Some(v) => {
                        ws.write_number_with_format(t, c, to_f64(v), f.number_format(col, true))?;
                    }
                    None => {
                        ws.write_blank(t, c, &f.total_label)?;
                    }
                },
            }
        }
        if rows > 0 {
            ws.autofilter(0, 0, rows as u32, cols.len() as u16 - 1)?;
        }
    }
    write_norms_sheet(workbook.add_worksheet())?;
    write_errors_sheet(workbook.add_worksheet(), batch, &f)?;
    write_columns_sheet(workbook.add_worksheet(), &cols, &f)?;
    workbook.save_to_buffer()
}

fn binding_zh(b: Binding) -> &'static str {
    match b {
        Binding::Binding => "约束性",
        Binding::Expected => "预期性",
        Binding::None => "",
    }
}

fn comparator_zh(norm: usize) -> &'static str {
    match NORMS[norm].comparator.as_str() {
        ">=" => "不低于",
        ">" => "高于",
        "<=" => "不高于",
        "~" => "左右",
        _ => "区间",
    }
}

/// Each norm's formula, citation and verbatim quote.
fn write_norms_sheet(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_name("指标依据")?;
    let header = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7)).set_text_wrap();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let heads = [
        ("指标", 12.0),
        ("指标名称", 24.0),
        ("Indicator", 24.0),
        ("计算公式", 30.0),
        ("要求", 8.0),
        ("单位", 10.0),
        ("属性", 8.0),
        ("期限", 10.0),
        ("规划出处", 16.0),
        ("规划原文", 60.0),
        ("说明", 40.0),
        ("按人口分摊（参考）", 10.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 2)?;
    for (i, n) in NORMS.iter().enumerate() {
        let r = i as u32 + 1;
        let formula = match n.formula_max {
            Some(max) => format!("{} ～ {}", n.formula, max),
            None => n.formula.to_string(),
        };
        let cells: [Cow<str>; 12] = [
            n.id.into(),
            n.name_zh.into(),
            n.name_en.into(),
            formula.into(),
            comparator_zh(i).into(),
            n.unit_zh.into(),
            binding_zh(n.binding).into(),
            n.deadline_zh.into(),
            n.citation_zh.into(),
            n.quotes.join("\n").into(),
            n.note_zh.into(),
            (if n.indicative { "是" } else { "" }).into(),
        ];
        for (c, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string_with_format(r, c as u16, neutralise(text), &wrap)?;
            }
        }
    }
    Ok(())
}

/// Every input error: row number, column, field id and the message in both languages.
fn write_errors_sheet(ws: &mut Worksheet, batch: &Batch, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("输入错误")?;
    let heads = [("行号", 8.0), ("列名", 20.0), ("字段", 24.0), ("错误", 50.0), ("Error", 50.0)];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, e) in batch.results.errors.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, e.row, &f.count)?;
        ws.write_string_with_format(r, 1, neutralise(&e.column), &f.text)?;
        ws.write_string_with_format(r, 2, neutralise(&e.field), &f.text)?;
        ws.write_string_with_format(r, 3, neutralise(&e.message_zh), &f.text)?;
        ws.write_string_with_format(r, 4, neutralise(&e.message_en), &f.text)?;
    }
    Ok(())
}

/// Which id each column of the results sheet stands for (CONTRACT.md §3: one column per norm id).
fn write_columns_sheet(ws: &mut Worksheet, cols: &[Col], f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("列说明")?;
    let heads = [("列名", 40.0), ("Column", 50.0), ("id", 40.0)];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, col) in cols.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, neutralise(&col.header_zh()), &f.text)?;
        ws.write_string_with_format(r, 1, neutralise(&col.header_en()), &f.text)?;
        ws.write_string_with_format(r, 2, col.id(), &f.text)?;
    }
    Ok(())
}

// ---------- templates ----------

/// A plausible county, to show what goes where.
const EXAMPLE: [(&str, &str); 26] = [
    ("name", "示例县"),
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

/// Current-provision columns the template shows (any `现有<指标名称>` column is accepted).
const TEMPLATE_CURRENT: [(&str, &str); 3] =
    [("community_workers", "400"), ("nursing_beds", "1500"), ("social_work_stations", "15")];

fn template_columns() -> Vec<(String, String, String)> {
    // (header, id, example)
    let mut cols: Vec<(String, String, String)> = FIELD_IDS
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let example = EXAMPLE.iter().find(|(k, _)| k == id).map(|(_, v)| *v).unwrap_or("");
            (field_header(i), id.to_string(), example.to_string())
        })
        .collect();
    for (id, example) in TEMPLATE_CURRENT {
        if let Some(n) = crate::rules::norm_index(id) {
            cols.push((current_header(n), format!("current.{id}"), example.to_string()));
        }
    }
    cols
}

/// The CSV template: Chinese headers with units and one example row, UTF-8 with BOM.
pub fn template_csv() -> Vec<u8> {
    let cols = template_columns();
    let mut out = BOM.to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let _ = w.write_record(cols.iter().map(|c| c.0.as_str()));
        let _ = w.write_record(cols.iter().map(|c| c.2.as_str()));
        let _ = w.flush();
    }
    out
}

/// The XLSX template: the same columns and example, and a sheet explaining every column.
pub fn template_xlsx() -> Result<Vec<u8>, super::BatchError> {
    write_template_xlsx().map_err(xlsx_error)
}

fn write_template_xlsx() -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let cols = template_columns();
    let mut workbook = Workbook::new();
    {
        let ws = workbook.add_worksheet();
        ws.set_name("填报")?;
        for (c, (header, id, example)) in cols.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, header, &f.header)?;
            ws.set_column_width(c, if c == 0 { 18.0 } else { 14.0 })?;
            if id == "name" {
                ws.write_string_with_format(1, c, example, &f.text)?;
            } else if let Ok(v) = example.parse::<f64>() {
                ws.write_number(1, c, v)?;
            }
        }
        ws.set_row_height(0, 48)?;
        ws.set_freeze_panes(1, 1)?;
    }
    {
        let ws = workbook.add_worksheet();
        ws.set_name("填表说明")?;
        let heads = [("列名", 36.0), ("字段", 36.0), ("Field", 40.0), ("单位", 12.0), ("说明", 60.0)];
        for (c, (h, w)) in heads.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &f.header)?;
            ws.set_column_width(c as u16, *w)?;
        }
        for (i, spec) in FIELDS.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, field_header(i))?;
            ws.write_string(r, 1, spec.id)?;
            ws.write_string(r, 2, spec.label_en)?;
            ws.write_string(r, 3, spec.unit_zh)?;
            let note = match spec.default {
                Some(d) => format!("可不填，默认 {d}（{}）", spec.default_source_zh),
                None if spec.kind == FieldKind::Text => "地区名称，按文本保存".to_string(),
                None if spec.kind == FieldKind::Amount => "可填小数".to_string(),
                None => "整数".to_string(),
            };
            ws.write_string(r, 4, note)?;
        }
        let r = FIELDS.len() as u32 + 2;
        ws.write_string(
            r,
            0,
            "可另加“现有＋指标名称”列（如 现有城镇社区工作者），或 current.<指标id> 列，填写现有数量以计算缺口。",
        )?;
        for (i, n) in NORMS.iter().enumerate() {
            let r = r + 1 + i as u32;
            ws.write_string(r, 0, current_header(i))?;
            ws.write_string(r, 1, format!("current.{}", n.id))?;
            ws.write_string(r, 2, format!("Current {}", n.name_en))?;
            ws.write_string(r, 3, n.unit_zh)?;
        }
    }
    workbook.save_to_buffer()
}
