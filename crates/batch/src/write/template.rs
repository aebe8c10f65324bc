//! The templates people fill in: every input field and a `现有` column for each norm, with a plausible
//! county as the example row; as CSV (one header row) and XLSX (the plan's groups over the headers, and a
//! 填表说明 sheet explaining every column).

use super::{comparator_zh, headed_sheet, BOM};
use crate::delimited::write_record;
use crate::read::{current_header, field_header};
use crate::xlsx::{SheetOptions, Style, Workbook};
use crate::BatchError;
use minzheng_core::format::plain;
use minzheng_core::inputs::{FieldKind, Key, FIELDS, FIELD_IDS};
use minzheng_core::rules::{Comparator, Group, NORMS};
use minzheng_text::{export, input, Lang};
use rust_decimal::Decimal;

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
