//! The norm record types. The records themselves are data (`rules/liaoning-2021-2025.toml`, see
//! `rules/SCHEMA.md`), compiled into `NORMS` by `build.rs`; the engine evaluates them as they are.

use crate::level::Level;
use rust_decimal::Decimal;
use serde::Serialize;

/// How the current provision is compared with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "<=")]
    AtMost,
    /// 左右: about; judged like `>=` and labelled approximate.
    #[serde(rename = "~")]
    About,
    /// From `expr` to `expr_max`; judged on the lower end.
    #[serde(rename = "range")]
    Range,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::MoreThan => ">",
            Comparator::AtMost => "<=",
            Comparator::About => "~",
            Comparator::Range => "range",
        }
    }
}

/// How the required value is rounded from the exact threshold. Minimums round up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Up to a whole number (people, stations, institutions).
    Count,
    /// Up to 0.01 yuan.
    Money,
    /// Up to 0.01 m².
    Area,
}

impl Rounding {
    pub fn is_count(self) -> bool {
        self == Rounding::Count
    }

    /// Decimal places the required value keeps.
    pub fn places(self) -> u32 {
        match self {
            Rounding::Count => 0,
            Rounding::Money | Rounding::Area => 2,
        }
    }
}

/// 约束性 (binding) or 预期性 (expected), where 专栏1 says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    Binding,
    Expected,
    None,
}

/// The plan chapter a norm's subject belongs to; results are grouped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// 第二章 基本民生保障
    BasicLivelihood,
    /// 第三章 基层社会治理
    GrassrootsGovernance,
    /// 第四章 基本社会服务
    SocialServices,
    /// 第五章 养老服务
    Eldercare,
}

impl Group {
    pub const ALL: [Group; 4] =
        [Group::BasicLivelihood, Group::GrassrootsGovernance, Group::SocialServices, Group::Eldercare];
}

/// A formula, parsed at build time. Numbers are (mantissa, scale) so that they are exact.
#[derive(Debug, PartialEq, Eq)]
pub enum Expr {
    Num(i64, u32),
    /// An input field, by index into `inputs::FIELD_IDS`.
    Field(usize),
    /// A parameter of the norm, by index into `Norm::params`.
    Param(usize),
    Add(&'static Expr, &'static Expr),
    Sub(&'static Expr, &'static Expr),
    Mul(&'static Expr, &'static Expr),
    Div(&'static Expr, &'static Expr),
}

/// A number the plan sets, named so that a locality can override it and the user can ask where it
/// comes from.
#[derive(Debug, Serialize)]
pub struct Param {
    pub name: &'static str,
    /// The plan's value as written in the ruleset.
    pub value: &'static str,
    #[serde(skip)]
    pub mantissa: i64,
    #[serde(skip)]
    pub scale: u32,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

impl Param {
    pub fn plan_value(&self) -> Decimal {
        Decimal::new(self.mantissa, self.scale)
    }
}

/// An extra figure shown beside a result (the current urban:rural dibao ratio).
#[derive(Debug, Serialize)]
pub struct Extra {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub formula: &'static str,
    #[serde(skip)]
    pub expr: &'static Expr,
    pub decimals: u32,
}

/// One norm of the plan, with everything needed to evaluate it and to show where it comes from.
#[derive(Debug, Serialize)]
pub struct Norm {
    pub id: &'static str,
    pub group: Group,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub formula: &'static str,
    #[serde(skip)]
    pub expr: &'static Expr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula_max: Option<&'static str>,
    #[serde(skip)]
    pub expr_max: Option<&'static Expr>,
    pub comparator: Comparator,
    pub rounding: Rounding,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub binding: Binding,
    pub indicative: bool,
    /// The levels of locality the norm applies at, from the top down; elsewhere it is not applicable.
    pub levels: &'static [Level],
    pub params: &'static [Param],
    pub extras: &'static [Extra],
}

impl Norm {
    /// The norm's words beside its result (`BASES`), for a norm of `NORMS`.
    pub fn basis(&self) -> &'static Basis {
        let index = NORMS.iter().position(|n| core::ptr::eq(n, self));
        index.and_then(|i| BASES.get(i)).unwrap_or(&Basis::EMPTY)
    }

    /// Whether the norm applies to a locality of this level; with no level given, every norm does.
    pub fn applies_at(&self, level: Option<Level>) -> bool {
        level.is_none_or(|l| self.levels.contains(&l))
    }
}

/// What a norm's card says of where it comes from (its 依据): the plan's words, their place and deadline,
/// our reading notes, and why the norm applies at its levels. In `BASES`, apart from `NORMS`, so that a
/// module that computes without showing them carries none of this text: the page's start-up module gets
/// them after its first results (crates/page `set_bases`): 7.3 kB of its 96.5 kB gzip (docs/PERFORMANCE.md).
#[derive(Debug, Serialize)]
pub struct Basis {
    /// The plan's own words, verbatim (Chinese only).
    pub quotes: &'static [&'static str],
    pub citation_zh: &'static str,
    pub citation_en: &'static str,
    pub deadline_zh: &'static str,
    pub deadline_en: &'static str,
    pub note_zh: &'static str,
    pub note_en: &'static str,
    /// Why the norm applies at its levels and not elsewhere, from the plan's own words.
    pub level_note_zh: &'static str,
    pub level_note_en: &'static str,
}

impl Basis {
    const EMPTY: Basis = Basis {
        quotes: &[],
        citation_zh: "",
        citation_en: "",
        deadline_zh: "",
        deadline_en: "",
        note_zh: "",
        note_en: "",
        level_note_zh: "",
        level_note_en: "",
    };
}

include!(concat!(env!("OUT_DIR"), "/ruleset.rs"));

/// Looks a norm up by its contract id.
pub fn norm_index(id: &str) -> Option<usize> {
    NORMS.iter().position(|n| n.id == id)
}
