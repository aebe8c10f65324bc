//! The picture: an inline SVG bar per norm that has a current value, showing current ÷ required.
//! Drawn here, from the results, with nothing loaded from anywhere. It is markup (see `dom`): the
//! page replaces the figure's content only when this text changes.

use super::api::NormResult;
use super::dom::Html;
use super::text::{self as t, Lang};
use minzheng_core::engine::Status;
use minzheng_core::number::decimal_from_digits;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const ROW: u32 = 30;
const LABEL_WIDTH: u32 = 250;
/// Pixels for 100 %; bars stop at 150 % so one large value does not flatten the rest.
const FULL: u32 = 260;
const CAP_PERCENT: u32 = 150;

/// The percentage of the requirement met, to one decimal place, or none when there is nothing to
/// compare (no current value, or nothing required).
pub fn percent_met(r: &NormResult) -> Option<Decimal> {
    let current = decimal_from_digits(r.current.as_deref()?)?;
    let required = decimal_from_digits(r.required.as_deref()?)?;
    if required.is_zero() {
        return None;
    }
    Some((current * Decimal::from(100) / required).round_dp(1))
}

/// The figure's content (caption, then the bars or a note that there is nothing to draw yet).
pub fn markup(results: &[NormResult], lang: Lang) -> String {
    let mut h = Html::with_capacity(256);
    h.fill("<figcaption id=\"chart-title\">{}</figcaption>", &[t::CHART_TITLE.get(lang)]);
    let rows: Vec<(&NormResult, Decimal)> = results.iter().filter_map(|r| percent_met(r).map(|p| (r, p))).collect();
    if rows.is_empty() {
        h.fill("<p class=\"chart-empty\">{}</p>", &[t::CHART_EMPTY.get(lang)]);
        return h.out;
    }
    let height = (ROW * rows.len() as u32 + 10).to_string();
    let width = LABEL_WIDTH + FULL * CAP_PERCENT / 100 + 80;
    h.fill(
        "<div class=\"chart-wrap\"><svg viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"chart-title\" class=\"bars\">",
        &[&width.to_string(), &height],
    );
    for (i, (r, pct)) in rows.iter().enumerate() {
        let y = i as u32 * ROW + 5;
        let shown = (*pct).min(Decimal::from(CAP_PERCENT)).to_u32().unwrap_or(0);
        let class = if r.status == Status::Met { "bar met" } else { "bar unmet" };
        let text_y = (y + 19).to_string();
        h.fill(
            "<g><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"bar-label\">{}</text>\
             <rect x=\"{}\" y=\"{}\" height=\"20\" width=\"{}\" class=\"{}\"></rect>\
             <text x=\"{}\" y=\"{}\" class=\"bar-value\">{}%</text></g>",
            &[
                &(LABEL_WIDTH - 8).to_string(),
                &text_y,
                lang.pick(r.name_zh, r.name_en),
                &LABEL_WIDTH.to_string(),
                &(y + 4).to_string(),
                &(FULL * shown / 100).max(1).to_string(),
                class,
                &(LABEL_WIDTH + FULL * shown / 100 + 6).to_string(),
                &text_y,
                &pct.to_string(),
            ],
        );
    }
    let x = (LABEL_WIDTH + FULL).to_string();
    h.fill(
        "<line x1=\"{}\" x2=\"{}\" y1=\"0\" y2=\"{}\" class=\"target-line\"></line></svg></div>",
        &[&x, &x, &height],
    );
    h.out
}
