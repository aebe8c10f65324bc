//! A result card: what it shows of one norm's result that changes as the user types.

use crate::basis::{BasisText, CardBasis};
use minzheng_core::engine::{NormResult, Status};
use minzheng_core::format::{grouped, plain, with_decimals};
use minzheng_core::inputs::FIELDS;
use minzheng_core::rules::Comparator;
use minzheng_text::{self as text, page as t, Lang, Word};

/// One norm's card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardView {
    /// Index into `NORMS`.
    pub norm: usize,
    pub data: CardData,
    pub text: CardText,
    /// The norm's words (依据), once the page has them (see `basis`).
    pub basis: Option<CardBasis>,
}

/// The card's `data-*` attributes (CONTRACT.md §3): figures as plain decimals (`"113300"`).
#[derive(Debug, Clone, PartialEq)]
pub struct CardData {
    /// `>=`, `>`, `<=`, `~` or `range`.
    pub comparator: &'static str,
    pub required: Option<String>,
    pub required_max: Option<String>,
    pub threshold: Option<String>,
    pub current: Option<String>,
    pub gap: Option<String>,
    pub status: Status,
    /// The result follows the locality's own standard.
    pub local: bool,
}

impl CardData {
    /// Each attribute's name and value (`None`: the card does not carry it).
    pub fn attributes(&self) -> [(&'static str, Option<&str>); 8] {
        [
            ("data-comparator", Some(self.comparator)),
            ("data-required", self.required.as_deref()),
            ("data-required-max", self.required_max.as_deref()),
            ("data-threshold", self.threshold.as_deref()),
            ("data-current", self.current.as_deref()),
            ("data-gap", self.gap.as_deref()),
            ("data-status", Some(self.status.as_str())),
            ("data-local", self.local.then_some("true")),
        ]
    }
}

/// What the card says, in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub struct CardText {
    /// The status in words (`达标`); the badge's class follows the status (see `CardView::status_class`).
    pub status: &'static str,
    /// How the bound reads before the value: `≥`, `＞`, `≤`, `约`, or nothing for a range.
    pub bound: &'static str,
    /// The required value (`416`, `4 至 8`), or `—` when an input is missing.
    pub value: String,
    /// `缺少：常住人口、…` when inputs are missing; why not, where the norm does not apply at the level.
    pub missing: String,
    /// `本地标准；规划值：416` when the locality's own standard is in force.
    pub local: String,
    /// The norm's extra figures (`其中：…`), joined with `；`.
    pub extras: String,
    /// `现有：400 人` (shown on the printed report beside the box).
    pub current: String,
    /// `差距：16 人` when unmet.
    pub gap: String,
    /// `计算过程：231,109 × 18 ÷ 10,000 = 415.9962 → 416 人`.
    pub working: String,
}

impl CardText {
    /// Each text with the class of the element that shows it in the card.
    pub fn parts(&self) -> [(&'static str, &str); 9] {
        [
            ("status", self.status),
            ("bound", self.bound),
            ("value", &self.value),
            ("missing", &self.missing),
            ("local", &self.local),
            ("extras", &self.extras),
            ("current-text", &self.current),
            ("gap", &self.gap),
            ("working", &self.working),
        ]
    }
}

impl CardView {
    /// `basis`: the norm's words, where the page has them.
    pub fn new(r: &NormResult, lang: Lang, basis: Option<&BasisText>) -> CardView {
        let norm = r.norm();
        let unit = lang.pick(norm.unit_zh, norm.unit_en);
        let data = CardData {
            comparator: norm.comparator.as_str(),
            required: r.required.map(plain),
            required_max: r.required_max.map(plain),
            threshold: r.threshold.map(plain),
            current: r.current.map(plain),
            gap: r.gap.map(plain),
            status: r.status,
            local: r.local,
        };
        let bound = match norm.comparator {
            Comparator::AtLeast => "≥",
            Comparator::MoreThan => "＞",
            Comparator::AtMost => "≤",
            Comparator::About => t::ABOUT.get(lang),
            Comparator::Range => "",
        };
        let value = match (r.required, r.required_max) {
            (Some(lo), Some(hi)) => format!("{} {} {}", grouped(lo), t::RANGE_TO.get(lang), grouped(hi)),
            (Some(v), None) => grouped(v),
            _ => "—".to_string(),
        };
        let missing = if r.status == Status::NotApplicable {
            // Why not, in the ruleset's words (each norm's level note, quoting the plan), once the page has them.
            basis.map_or_else(String::new, |b| labelled(t::NOTE, lang, lang.pick(&b.level_note_zh, &b.level_note_en)))
        } else if r.missing.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> =
                r.missing.iter().map(|&i| lang.pick(FIELDS[i].label_zh, FIELDS[i].label_en)).collect();
            format!("{}{}", t::MISSING.get(lang), names.join(lang.pick("、", ", ")))
        };
        let local = match (r.local, r.plan.as_ref().and_then(|p| p.required)) {
            (true, Some(plan)) => {
                format!(
                    "{}{}{}",
                    t::LOCAL_STANDARD.get(lang),
                    semicolon(lang),
                    labelled(t::PLAN_VALUE, lang, &grouped(plan))
                )
            }
            (true, None) => t::LOCAL_STANDARD.get(lang).to_string(),
            (false, _) => String::new(),
        };
        let extras: Vec<String> = norm
            .extras
            .iter()
            .zip(&r.extras)
            .filter_map(|(x, value)| {
                Some(format!(
                    "{}{}{}",
                    lang.pick(x.label_zh, x.label_en),
                    colon(lang),
                    with_decimals((*value)?, x.decimals)
                ))
            })
            .collect();
        let current = match r.current {
            Some(c) => labelled(t::CURRENT, lang, &format!("{} {unit}", grouped(c))),
            None => String::new(),
        };
        let gap = match (r.gap, r.status) {
            (Some(g), Status::Unmet) if g.is_zero() => labelled(t::GAP, lang, t::GAP_STRICT.get(lang)),
            (Some(g), Status::Unmet) => labelled(t::GAP, lang, &format!("{} {unit}", grouped(g))),
            _ => String::new(),
        };
        let mut working = labelled(t::FORMULA, lang, &text::working_line(&r.working, unit));
        if let Some(max) = &r.working_max {
            working.push_str(semicolon(lang));
            working.push_str(&text::working_line(max, unit));
        }
        CardView {
            norm: r.norm,
            data,
            text: CardText {
                status: text::status(r.status).get(lang),
                bound,
                value,
                missing,
                local,
                extras: extras.join(semicolon(lang)),
                current,
                gap,
                working,
            },
            basis: basis.map(|b| CardBasis::new(b, lang)),
        }
    }

    /// The status badge's class: `status met`, `status unmet`, ….
    pub fn status_class(&self) -> String {
        format!("status {}", self.data.status.as_str())
    }
}

/// `现有：400 人`, `Current: 400 persons`.
pub(crate) fn labelled(label: Word, lang: Lang, value: &str) -> String {
    format!("{}{}{value}", label.get(lang), colon(lang))
}

pub(crate) fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

pub(crate) fn semicolon(lang: Lang) -> &'static str {
    lang.pick("；", "; ")
}
