//! The summary table (主要指标完成情况表, issue 19.1): one row per norm shown, grouped as the plan groups
//! them, the computed norms first; the norms still waiting for an input after them, and one line per
//! missing field saying how many norms it would let the page work out. The same rows give the text the
//! copy button puts on the clipboard (tab-separated, and as an HTML table).

use crate::html::Html;
use minzheng_core::engine::{NormResult, Status};
use minzheng_core::format::grouped;
use minzheng_core::inputs::FIELDS;
use minzheng_core::rules::{Binding, Group, NORMS};
use minzheng_text::{self as text, page as t, Lang};

/// The table's rows, in order, and the lines for the missing fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SummaryTable {
    pub rows: Vec<Row>,
    pub waiting: Vec<Waiting>,
}

/// One norm's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into `NORMS`.
    pub norm: usize,
    /// 序号: the row's place in the table, from 1.
    pub number: usize,
    pub status: Status,
    /// The requirement (its low end for a range), and a range's high end; none while an input is missing.
    pub required: Option<rust_decimal::Decimal>,
    pub required_max: Option<rust_decimal::Decimal>,
    /// The current value, grouped (`400`), or empty.
    pub current: String,
    /// The gap of an unmet norm (`16`), or none.
    pub gap: Option<rust_decimal::Decimal>,
}

impl Row {
    /// Whether the norm was worked out for this locality (it has a requirement, and applies).
    pub fn computed(&self) -> bool {
        computed(self.status)
    }
}

fn computed(status: Status) -> bool {
    status.has_required()
}

/// A field that norms are waiting for: how many of them it alone would let the page work out (`only`),
/// and how many need it in all (`all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// Index into `FIELDS`.
    pub field: usize,
    pub only: usize,
    pub all: usize,
}

impl Waiting {
    /// `填写 城镇常住人口 可再算 3 项`, or, where the norms need more than this field, how many wait for it.
    pub fn text(&self, lang: Lang) -> String {
        let spec = &FIELDS[self.field];
        let field = lang.pick(spec.label_zh, spec.label_en);
        let (only, all) = (self.only.to_string(), self.all.to_string());
        let word = match (self.only, self.only == self.all) {
            (_, true) => t::WAITING_ONLY,
            (0, false) => t::WAITING_ALSO,
            _ => t::WAITING_SOME,
        };
        word.fill(lang, &[("field", field), ("n", &only), ("all", &all)])
    }
}

impl SummaryTable {
    /// The table of `results` (the norms shown, in the page's order).
    pub fn new<'a>(results: impl Iterator<Item = &'a NormResult> + Clone) -> SummaryTable {
        let all: Vec<&NormResult> = results.clone().collect();
        let rows = minzheng_core::engine::summary_order(all.iter().copied())
            .into_iter()
            .enumerate()
            .map(|(i, k)| {
                let r = all[k];
                Row {
                    norm: r.norm,
                    number: i + 1,
                    status: r.status,
                    required: r.required,
                    required_max: r.required_max,
                    current: r.current.map(grouped).unwrap_or_default(),
                    gap: r.gap.filter(|_| r.status == Status::Unmet),
                }
            })
            .collect();
        let mut waiting: Vec<Waiting> = Vec::new();
        for r in results.filter(|r| r.status == Status::MissingInput) {
            for &field in &r.missing {
                let i = match waiting.iter().position(|w| w.field == field) {
                    Some(i) => i,
                    None => {
                        waiting.push(Waiting { field, only: 0, all: 0 });
                        waiting.len() - 1
                    }
                };
                waiting[i].all += 1;
                waiting[i].only += usize::from(r.missing.len() == 1);
            }
        }
        // The fields that free the most norms first; then the form's order (by insertion: a few fields).
        for i in 1..waiting.len() {
            let mut at = i;
            while at > 0 && before(&waiting[at], &waiting[at - 1]) {
                waiting.swap(at - 1, at);
                at -= 1;
            }
        }
        SummaryTable { rows, waiting }
    }

    /// The table's inside (`<thead>`, a `<tbody>` per chapter of each part, the missing fields' lines),
    /// for `table[data-summary]`.
    pub fn markup(&self, lang: Lang) -> String {
        let mut h = Html::with_capacity(16 * 1024);
        h.raw("<thead><tr>");
        for head in HEADS {
            h.fill("<th scope=\"col\">{}</th>", &[head.get(lang)]);
        }
        h.raw("</tr></thead>");
        let mut open: Option<(bool, Group)> = None;
        for row in &self.rows {
            let norm = &NORMS[row.norm];
            let part = (row.computed(), norm.group);
            if open != Some(part) {
                if open.is_some() {
                    h.raw("</tbody>");
                }
                let class = if row.computed() { "computed" } else { "pending" };
                h.fill(
                    "<tbody class=\"{}\"><tr class=\"group-row\"><th colspan=\"8\" scope=\"rowgroup\">{}</th></tr>",
                    &[class, text::group(norm.group).get(lang)],
                );
                open = Some(part);
            }
            let cells = row.cells(lang);
            h.fill(
                "<tr data-summary-norm=\"{}\" data-status=\"{}\" data-binding=\"{}\"><td>{}</td>\
                 <td><button type=\"button\" class=\"open-norm\" data-action=\"open-norm\" data-entry=\"{}\">{}</button></td>",
                &[norm.id, row.status.as_str(), binding_str(norm.binding), &cells[0], norm.id, &cells[1]],
            );
            // data-label: the column's name, which a narrow screen (one block per row, no header row) shows
            // before each cell.
            for (i, cell) in cells.iter().enumerate().skip(2) {
                let class = ["", "", "attr", "unit", "required", "current", "gap", "status"][i];
                let label = HEADS[i].get(lang);
                if i == 7 {
                    h.fill(
                        "<td class=\"{}\" data-label=\"{}\"><span class=\"status {}\">{}</span></td>",
                        &[class, label, row.status.as_str(), cell],
                    );
                } else {
                    h.fill("<td class=\"{}\" data-label=\"{}\">{}</td>", &[class, label, cell]);
                }
            }
            h.raw("</tr>");
        }
        if open.is_some() {
            h.raw("</tbody>");
        }
        if !self.waiting.is_empty() {
            h.raw("<tbody class=\"waiting\">");
            for w in &self.waiting {
                h.fill(
                    "<tr class=\"waiting-line\"><td colspan=\"8\"><button type=\"button\" class=\"open-norm\" \
                     data-action=\"focus-field\" data-entry=\"{}\">{}</button></td></tr>",
                    &[FIELDS[w.field].id, &w.text(lang)],
                );
            }
            h.raw("</tbody>");
        }
        h.out
    }

    /// The computed rows as tab-separated text with a header line, for a paste into Excel, WPS or Word.
    pub fn tsv(&self, lang: Lang) -> String {
        let mut out = HEADS.map(|w| w.get(lang)).join("\t");
        for row in self.rows.iter().filter(|r| r.computed()) {
            out.push_str("\r\n");
            out.push_str(&row.cells(lang).join("\t"));
        }
        out.push_str("\r\n");
        out
    }

    /// The computed rows as an HTML table (for the clipboard's text/html).
    pub fn clipboard_html(&self, lang: Lang) -> String {
        let mut h = Html::with_capacity(8 * 1024);
        h.raw("<table border=\"1\"><thead><tr>");
        for head in HEADS {
            h.fill("<th>{}</th>", &[head.get(lang)]);
        }
        h.raw("</tr></thead><tbody>");
        for row in self.rows.iter().filter(|r| r.computed()) {
            h.raw("<tr>");
            for cell in row.cells(lang) {
                h.fill("<td>{}</td>", &[&cell]);
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table>");
        h.out
    }
}

/// The columns: 序号, 指标, 属性, 单位, 规划要求, 现有, 差距, 状态.
pub const HEADS: [minzheng_text::Word; 8] =
    [t::COL_NUMBER, t::COL_NORM, t::COL_BINDING, t::COL_UNIT, t::REQUIRED, t::CURRENT, t::GAP, t::COL_STATUS];

impl Row {
    /// The row's eight cells as text, in the order of `HEADS`.
    pub fn cells(&self, lang: Lang) -> [String; 8] {
        let norm = &NORMS[self.norm];
        [
            self.number.to_string(),
            lang.pick(norm.name_zh, norm.name_en).to_string(),
            text::binding(norm.binding).map(|w| w.get(lang)).unwrap_or_default().to_string(),
            lang.pick(norm.unit_zh, norm.unit_en).to_string(),
            self.required_text(lang),
            self.current.clone(),
            match self.gap {
                Some(g) if g.is_zero() => t::GAP_STRICT.get(lang).to_string(),
                Some(g) => grouped(g),
                None => String::new(),
            },
            text::status(self.status).get(lang).to_string(),
        ]
    }

    fn required_text(&self, lang: Lang) -> String {
        text::requirement(NORMS[self.norm].comparator, self.required, self.required_max, lang)
    }
}

/// Whether the line for `a` goes before the one for `b`.
fn before(a: &Waiting, b: &Waiting) -> bool {
    (a.only, a.all, std::cmp::Reverse(a.field)) > (b.only, b.all, std::cmp::Reverse(b.field))
}

/// The row's `data-binding`: `binding` (约束性), `expected` (预期性) or `none`.
fn binding_str(binding: Binding) -> &'static str {
    match binding {
        Binding::Binding => "binding",
        Binding::Expected => "expected",
        Binding::None => "none",
    }
}
