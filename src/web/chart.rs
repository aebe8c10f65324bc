//! The picture: an inline SVG bar per norm that has a current value, showing current ÷ required.
//! Drawn here, from the results, with nothing loaded from anywhere.

use super::dom::{append, attrs, el, svg, text_el};
use super::text::{self as t, Lang};
use crate::engine::{NormResult, Status};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

const ROW: u32 = 30;
const LABEL_WIDTH: u32 = 250;
/// Pixels for 100 %; bars stop at 150 % so one large value does not flatten the rest.
const FULL: u32 = 260;
const CAP_PERCENT: u32 = 150;

/// The percentage of the requirement met, to one decimal place, or none when there is nothing to
/// compare (no current value, or nothing required).
pub fn percent_met(r: &NormResult) -> Option<Decimal> {
    let current = Decimal::from_str(r.current.as_deref()?).ok()?;
    let required = Decimal::from_str(r.required.as_deref()?).ok()?;
    if required.is_zero() {
        return None;
    }
    Some((current * Decimal::from(100) / required).round_dp(1))
}

pub fn draw(doc: &Document, figure: &Element, results: &[NormResult], lang: Lang) -> Result<(), JsValue> {
    figure.set_text_content(None);
    let rows: Vec<(&NormResult, Decimal)> = results.iter().filter_map(|r| percent_met(r).map(|p| (r, p))).collect();
    let caption = text_el(doc, "figcaption", "", t::CHART_TITLE.get(lang))?;
    caption.set_id("chart-title");
    figure.append_child(&caption)?;
    if rows.is_empty() {
        figure.append_child(&text_el(doc, "p", "chart-empty", t::CHART_EMPTY.get(lang))?.into())?;
        return Ok(());
    }
    let height = ROW * rows.len() as u32 + 10;
    let width = LABEL_WIDTH + FULL * CAP_PERCENT / 100 + 80;
    let root = svg(doc, "svg")?;
    attrs(
        &root,
        &[
            ("viewBox", &format!("0 0 {width} {height}")),
            ("width", "100%"),
            ("role", "img"),
            ("aria-labelledby", "chart-title"),
            ("class", "bars"),
        ],
    )?;
    for (i, (r, pct)) in rows.iter().enumerate() {
        let y = i as u32 * ROW + 5;
        let g = svg(doc, "g")?;
        let label = svg(doc, "text")?;
        attrs(
            &label,
            &[
                ("x", &(LABEL_WIDTH - 8).to_string()),
                ("y", &(y + 19).to_string()),
                ("text-anchor", "end"),
                ("class", "bar-label"),
            ],
        )?;
        label.set_text_content(Some(lang.pick(r.name_zh, r.name_en)));
        let shown = (*pct).min(Decimal::from(CAP_PERCENT)).to_u32().unwrap_or(0);
        let bar = svg(doc, "rect")?;
        let class = if r.status == Status::Met { "bar met" } else { "bar unmet" };
        attrs(
            &bar,
            &[
                ("x", &LABEL_WIDTH.to_string()),
                ("y", &(y + 4).to_string()),
                ("height", "20"),
                ("width", &(FULL * shown / 100).max(1).to_string()),
                ("class", class),
            ],
        )?;
        let value = svg(doc, "text")?;
        attrs(
            &value,
            &[
                ("x", &(LABEL_WIDTH + FULL * shown / 100 + 6).to_string()),
                ("y", &(y + 19).to_string()),
                ("class", "bar-value"),
            ],
        )?;
        value.set_text_content(Some(&format!("{pct}%")));
        append(&g, &[&label, &bar, &value])?;
        root.append_child(&g)?;
    }
    let target = svg(doc, "line")?;
    let x = (LABEL_WIDTH + FULL).to_string();
    attrs(&target, &[("x1", &x), ("x2", &x), ("y1", "0"), ("y2", &height.to_string()), ("class", "target-line")])?;
    root.append_child(&target)?;
    let wrap = el(doc, "div", "chart-wrap")?;
    wrap.append_child(&root)?;
    figure.append_child(&wrap)?;
    Ok(())
}
