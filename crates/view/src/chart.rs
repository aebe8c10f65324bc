//! The picture: an inline SVG bar per norm that has a current value, showing current ÷ required.
//! Drawn from the results, with nothing loaded from anywhere; the page replaces the figure's markup
//! only when its bars change.

use crate::html::Html;
use minzheng_core::engine::{NormResult, Status};
use minzheng_core::rules::NORMS;
use minzheng_text::{page as t, Lang};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const ROW: u32 = 30;
const LABEL_WIDTH: u32 = 250;
/// Pixels for 100 %; bars stop at 150 % so one large value does not flatten the rest.
const FULL: u32 = 260;
const CAP_PERCENT: u32 = 150;

/// The bars, in the order of the norms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    pub bars: Vec<Bar>,
}

/// One norm's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Index into `NORMS`.
    pub norm: usize,
    /// current ÷ required, in percent to one decimal place.
    pub percent: Decimal,
    pub met: bool,
}

/// The percentage of the requirement met, to one decimal place, or none when there is nothing to
/// compare (no current value, or nothing required).
pub fn percent_met(r: &NormResult) -> Option<Decimal> {
    let (current, required) = (r.current?.normalize(), r.required?.normalize());
    if required.is_zero() {
        return None;
    }
    Some((current * Decimal::from(100) / required).round_dp(1))
}

impl Chart {
    /// The bars of `results` that have something to compare.
    pub fn new<'a>(results: impl Iterator<Item = &'a NormResult>) -> Chart {
        let bars = results
            .filter_map(|r| Some(Bar { norm: r.norm, percent: percent_met(r)?, met: r.status == Status::Met }))
            .collect();
        Chart { bars }
    }

    /// The figure's content: its caption, then the bars or a note that there is nothing to draw yet.
    pub fn markup(&self, lang: Lang) -> String {
        let mut h = Html::with_capacity(256);
        h.fill("<figcaption id=\"chart-title\">{}</figcaption>", &[t::CHART_TITLE.get(lang)]);
        if self.bars.is_empty() {
            h.fill("<p class=\"chart-empty\">{}</p>", &[t::CHART_EMPTY.get(lang)]);
            return h.out;
        }
        let height = (ROW * self.bars.len() as u32 + 10).to_string();
        let width = LABEL_WIDTH + FULL * CAP_PERCENT / 100 + 80;
        h.fill(
            "<div class=\"chart-wrap\"><svg viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" \
             aria-labelledby=\"chart-title\" class=\"bars\">",
            &[&width.to_string(), &height],
        );
        for (i, bar) in self.bars.iter().enumerate() {
            let norm = &NORMS[bar.norm];
            let y = i as u32 * ROW + 5;
            let shown = bar.percent.min(Decimal::from(CAP_PERCENT)).to_u32().unwrap_or(0);
            let class = if bar.met { "bar met" } else { "bar unmet" };
            let text_y = (y + 19).to_string();
            h.fill(
                "<g><text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"bar-label\">{}</text>\
                 <rect x=\"{}\" y=\"{}\" height=\"20\" width=\"{}\" class=\"{}\"></rect>\
                 <text x=\"{}\" y=\"{}\" class=\"bar-value\">{}%</text></g>",
                &[
                    &(LABEL_WIDTH - 8).to_string(),
                    &text_y,
                    lang.pick(norm.name_zh, norm.name_en),
                    &LABEL_WIDTH.to_string(),
                    &(y + 4).to_string(),
                    &(FULL * shown / 100).max(1).to_string(),
                    class,
                    &(LABEL_WIDTH + FULL * shown / 100 + 6).to_string(),
                    &text_y,
                    &bar.percent.to_string(),
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
}
