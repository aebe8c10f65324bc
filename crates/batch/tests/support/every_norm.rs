//! A seeded spreadsheet with every input field and a current-provision column for every norm, its
//! columns shuffled and headed in the ways people write them (field id, Chinese label, label with its
//! unit; `current.<id>`, `现有<指标>`, with its unit). Rows are plausible localities with varied figures:
//! current values just below, at and above what is required (met and unmet), blank cells (missing input,
//! no current value), an odd bad cell, names a spreadsheet could take for a formula, and the locality's level
//! as people write it (`county`, 县, 市辖区, 街道 …, or none), so that some norms are not applicable.
//!
//! Shared by tests/every_norm.rs (natively) and examples/every_norm_sheet.rs (which writes the files the browser
//! test uploads). Only the engine's single-locality `compute` is used, to put current values near the
//! required ones; the batch code is not.

#![allow(dead_code)] // each user takes what it needs

use minzheng_core::inputs::{FieldKind, FIELDS};
use minzheng_core::{compute, NORMS};
use rust_decimal::Decimal;
use std::str::FromStr;

/// splitmix64: small, seeded, the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent` %.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.next() as usize % (i + 1);
            items.swap(i, j);
        }
    }
}

/// Levels as people write them; blank half the time (every norm applies).
pub const LEVELS: [&str; 14] = ["", "", "", "", "", "", "", "county", "县", "市辖区", "区", "地级市", "省", "街道"];

/// Names, among them some a spreadsheet would run as a formula.
pub const NAMES: [&str; 16] = [
    "沈阳市和平区",
    "大连市金州区",
    "鞍山市",
    "抚顺县",
    "本溪满族自治县",
    "=SUM(A1)",
    "丹东市振兴区",
    "+86",
    "锦州市",
    "-1",
    "营口市鲅鱼圈区",
    "@x",
    "阜新蒙古族自治县",
    "辽阳县",
    "铁岭市",
    "朝阳市双塔区",
];

pub struct Sheet {
    /// Each column's header as the file writes it.
    pub headers: Vec<String>,
    /// Each column's key for `compute`: a field id or `current.<norm id>`.
    pub keys: Vec<String>,
    /// Cell texts, one row per locality (empty: a blank cell).
    pub rows: Vec<Vec<String>>,
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a plain decimal")
}

/// `value` with thousands separators.
fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count as people type it: mostly plain, sometimes with thousands separators.
fn count_text(value: u64, rng: &mut Rng) -> String {
    if value >= 1000 && rng.chance(20) {
        grouped(value)
    } else {
        value.to_string()
    }
}

/// An amount with at most two decimals, `cents` hundredths.
fn amount_text(cents: u64) -> String {
    if cents.is_multiple_of(100) {
        (cents / 100).to_string()
    } else {
        dec(&format!("{}.{:02}", cents / 100, cents % 100)).normalize().to_string()
    }
}

/// The inputs of one plausible locality (by field id), and whether to leave some of them blank.
fn inputs(rng: &mut Rng, sparse: bool) -> Vec<(String, String)> {
    let resident = rng.range(30_000, 1_600_000);
    let pct = |rng: &mut Rng, lo: u64, hi: u64| resident * rng.range(lo, hi) / 100;
    let elderly = pct(rng, 15, 32);
    let urban_communities = rng.range(5, 300);
    let rural_communities = rng.range(0, 450);
    let mut values: Vec<(String, String)> = Vec::new();
    for spec in FIELDS.iter() {
        let text = match spec.id {
            "name" => String::new(), // set by the caller
            "level" => rng.pick(&LEVELS).to_string(),
            "resident_population" => count_text(resident, rng),
            "urban_resident_population" => count_text(pct(rng, 30, 95), rng),
            "registered_population" => count_text(pct(rng, 85, 115), rng),
            "households" => count_text(resident * 10 / rng.range(23, 30), rng),
            "elderly_population" => count_text(elderly, rng),
            "prefecture_cities" => (if rng.chance(15) { 1 } else { 0 }).to_string(),
            "counties" => rng.range(0, 8).to_string(),
            "districts" => rng.range(0, 10).to_string(),
            "townships" => rng.range(3, 35).to_string(),
            "subdistricts" => rng.range(0, 20).to_string(),
            "urban_communities" => urban_communities.to_string(),
            "rural_communities" => rural_communities.to_string(),
            "community_service_facilities" => {
                ((urban_communities + rural_communities) * rng.range(60, 100) / 100).to_string()
            }
            "marriage_registries" => rng.range(1, 4).to_string(),
            "county_child_welfare_institutions" => rng.range(0, 2).to_string(),
            "eldercare_beds" => count_text(elderly * rng.range(10, 60) / 1000, rng),
            "annual_ashes_placements" => count_text(resident * rng.range(3, 8) / 1000, rng),
            "urban_dibao_monthly" => amount_text(rng.range(550, 950) * 100 + *rng.pick(&[0, 0, 50, 25, 7])),
            "rural_dibao_annual" => amount_text(rng.range(4_500, 8_000) * 100 + *rng.pick(&[0, 0, 50])),
            "urban_consumption_growth_pct" | "rural_consumption_growth_pct" => amount_text(rng.range(5, 99) * 10),
            "orphan_standard_monthly" => amount_text(rng.range(1_000, 2_200) * 100),
            "average_wage_annual" => amount_text(rng.range(55_000, 130_000) * 100 + *rng.pick(&[0, 0, 35])),
            "province_resident_population" if rng.chance(40) => {
                rng.pick(&["42591407", "42,591,407", "42290000"]).to_string()
            }
            "province_elderly_population" if rng.chance(40) => rng.pick(&["10954467", "11000000"]).to_string(),
            _ => {
                assert!(
                    spec.default.is_some(),
                    "every field gets a value: add {} to tests/support/every_norm.rs",
                    spec.id
                );
                String::new() // a census base left to its default
            }
        };
        let blank = sparse && spec.kind != FieldKind::Text && rng.chance(30);
        values.push((spec.id.to_string(), if blank { String::new() } else { text }));
    }
    values
}

/// A current value for a norm whose required value is `required` (`None`: not computable for this
/// locality): below, at or above it, whole for counts.
fn current_text(rng: &mut Rng, required: Option<Decimal>, upper: Option<Decimal>, whole: bool) -> String {
    let base = required.unwrap_or_else(|| Decimal::from(rng.range(0, 5_000)));
    let base = match upper {
        Some(u) if rng.chance(30) => u,
        _ => base,
    };
    let percent = *rng.pick(&[0u64, 50, 90, 99, 100, 100, 100, 101, 110, 200]);
    let mut value = base * Decimal::from(percent) / Decimal::from(100);
    value = if whole {
        if rng.chance(50) {
            value.ceil()
        } else {
            value.floor()
        }
    } else {
        value.round_dp(2)
    };
    let value = value.normalize();
    match (whole, u64::try_from(value)) {
        (true, Ok(v)) => count_text(v, rng),
        _ => value.to_string(),
    }
}

/// The sheet for `seed`, with `rows` localities.
pub fn sheet(seed: u64, rows: usize) -> Sheet {
    let mut rng = Rng::new(seed);
    // Columns: every field, then every norm's current value; shuffled below.
    let mut columns: Vec<(String, String)> = Vec::new(); // (key, header)
    for spec in FIELDS.iter() {
        let unit = if spec.unit_zh.is_empty() { String::new() } else { format!("（{}）", spec.unit_zh) };
        let header = match rng.range(0, 3) {
            0 => spec.id.to_string(),
            1 => spec.label_zh.to_string(),
            2 if !unit.is_empty() => format!("{}{unit}", spec.label_zh),
            _ => format!("{}({})", spec.label_zh, spec.unit_zh).replace("()", ""),
        };
        columns.push((spec.id.to_string(), header));
    }
    for norm in NORMS.iter() {
        let header = match rng.range(0, 2) {
            0 => format!("current.{}", norm.id),
            1 => format!("现有{}", norm.name_zh),
            _ => format!("现有{}（{}）", norm.name_zh, norm.unit_zh),
        };
        columns.push((format!("current.{}", norm.id), header));
    }
    rng.shuffle(&mut columns);

    let mut names = NAMES.to_vec();
    rng.shuffle(&mut names);
    let mut out_rows = Vec::new();
    for r in 0..rows {
        let sparse = r % 4 == 3; // every fourth locality has gaps in its inputs
        let mut values = inputs(&mut rng, sparse);
        values[0].1 = names[r % names.len()].to_string();
        if r == rows / 2 {
            // One bad figure: that row lists an error and still computes the rest.
            let field = *rng.pick(&["townships", "households", "eldercare_beds"]);
            if let Some(v) = values.iter_mut().find(|(id, _)| *id == field) {
                v.1 = rng.pick(&["很多", "-3", "1e5"]).to_string();
            }
        }
        // The required values for these inputs, to put current values around them.
        let engine = compute(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for (n, norm) in NORMS.iter().enumerate() {
            let result = &engine.results[n];
            let text = if rng.chance(12) {
                String::new() // no current value: unknown
            } else if r == rows / 2 && n % 13 == 5 {
                "约300".to_string() // not a number: an error in a current-value column
            } else {
                current_text(&mut rng, result.required, result.required_max, norm.rounding.is_count())
            };
            values.push((format!("current.{}", norm.id), text));
        }
        let by_key = |key: &str| values.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default();
        out_rows.push(columns.iter().map(|(key, _)| by_key(key)).collect());
    }
    Sheet {
        headers: columns.iter().map(|c| c.1.clone()).collect(),
        keys: columns.iter().map(|c| c.0.clone()).collect(),
        rows: out_rows,
    }
}

impl Sheet {
    /// Row `r` as (key, text) pairs for the engine's `compute`.
    pub fn pairs(&self, r: usize) -> Vec<(&str, &str)> {
        self.keys.iter().map(String::as_str).zip(self.rows[r].iter().map(String::as_str)).collect()
    }

    /// The sheet as CSV (UTF-8, comma, quoted where needed; cells as typed, formula-like names included).
    pub fn csv(&self) -> String {
        let field = |f: &str| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_string()
            }
        };
        let mut out = String::new();
        for record in std::iter::once(&self.headers).chain(&self.rows) {
            out.push_str(&record.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }

    /// The sheet as XLSX (rust_xlsxwriter): plain figures as number cells, the rest as text cells.
    pub fn xlsx(&self) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in self.headers.iter().enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, text) in row.iter().enumerate() {
                let c = c as u16;
                let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                if plain && self.keys[c as usize] != "name" {
                    ws.write_number(r, c, text.parse::<f64>().unwrap()).unwrap();
                } else if !text.is_empty() {
                    ws.write_string(r, c, text).unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }
}
