//! Every word the calculator shows a person, in Chinese and English, in one catalogue: the page
//! (`page`), the batch section (`batch`, read by www/batch.js through the words module's `words()`),
//! input errors (`input`), spreadsheet files and their notes (`file`), and exports (`export`).
//! Each entry has a stable id (`batch.title`), so JavaScript can ask for it; `{name}` marks a place
//! for a value, filled by `Word::fill` (or by the page's script), and both languages have the same
//! places.
//!
//! Below the tables, the typed results of the core (crates/core) are written out in these words:
//! statuses, groups, the working line, input errors. Norm names, units, quotes and field labels are
//! data of the ruleset and the field table, and stay there.

use minzheng_core::engine::{Status, Working};
use minzheng_core::format::grouped;
use minzheng_core::formula::{Op, Token};
use minzheng_core::inputs::{ErrorKind, FieldGroup, InputError, Key, FIELDS};
use minzheng_core::level::{Level, LEVELS};
use minzheng_core::rules::{Binding, Group, Norm, NORMS};

/// A language of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language's code for `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// English for any code that starts with `en` (`en`, `en-GB`), else Chinese.
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks this language's one of a pair (a record's `name_zh` and `name_en`, say).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// Stable, for scripts: `<part>.<name>`.
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Word {
    pub fn get(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    /// The text with each `{name}` replaced by the value given for it (see `fill`).
    pub fn fill(&self, lang: Lang, values: &[(&str, &str)]) -> String {
        fill(self.get(lang), values)
    }
}

/// `template` with each `{name}` replaced by the value given for `name`, in one pass (a value that
/// itself holds `{…}`, such as a column header from a user's file, stays as it is); places with no
/// value given stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let named = after
            .split_once('}')
            .and_then(|(name, tail)| values.iter().find(|(n, _)| *n == name).map(|(_, value)| (value, tail)));
        match named {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Declares a part of the catalogue: one constant per entry, and `ALL`, the part's entries in order.
macro_rules! words {
    ($($(#[$doc:meta])* $name:ident = $id:literal { $zh:literal, $en:literal })*) => {
        $($(#[$doc])* pub const $name: $crate::Word = $crate::Word { id: $id, zh: $zh, en: $en };)*
        /// Every entry of this part, in order.
        pub const ALL: &[$crate::Word] = &[$($name),*];
    };
}

pub mod batch;
pub mod export;
pub mod file;
pub mod input;
pub mod page;

/// Every part of the catalogue.
pub const PARTS: [&[Word]; 5] = [page::ALL, batch::ALL, input::ALL, file::ALL, export::ALL];

/// Every entry of the catalogue.
pub fn all() -> impl Iterator<Item = &'static Word> {
    PARTS.into_iter().flatten()
}

// ---------------------------------------------------------------- typed values in words

pub fn status(status: Status) -> Word {
    match status {
        Status::Met => page::MET,
        Status::Unmet => page::UNMET,
        Status::Unknown => page::UNKNOWN,
        Status::MissingInput => page::MISSING_INPUT,
        Status::NotApplicable => page::NOT_APPLICABLE,
    }
}

/// A level's label: 县/县级市, County or county-level city.
pub fn level(level: Level, lang: Lang) -> &'static str {
    let spec = level.spec();
    lang.pick(spec.label_zh, spec.label_en)
}

/// Every level with its value, for messages and notes: `省（province）、地级市（city）…` or
/// `province (省), city (地级市), …`.
pub fn level_list(lang: Lang) -> String {
    let each = LEVELS.iter().map(|l| match lang {
        Lang::Zh => format!("{}（{}）", l.label_zh, l.value),
        Lang::En => format!("{} ({})", l.value, l.label_zh),
    });
    each.collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// The levels a norm applies at, in the page's language: `省、地级市、县/县级市` or `province, city, county`.
pub fn levels_of(norm: &Norm, lang: Lang) -> String {
    let each = norm.levels.iter().map(|&l| match lang {
        Lang::Zh => level(l, lang),
        Lang::En => l.id(),
    });
    each.collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// 约束性 or 预期性, where 专栏1 says which.
pub fn binding(binding: Binding) -> Option<Word> {
    match binding {
        Binding::Binding => Some(page::BINDING_TAG),
        Binding::Expected => Some(page::EXPECTED_TAG),
        Binding::None => None,
    }
}

/// The plan chapter a norm belongs to.
pub fn group(group: Group) -> Word {
    match group {
        Group::BasicLivelihood => page::GROUP_BASIC_LIVELIHOOD,
        Group::GrassrootsGovernance => page::GROUP_GRASSROOTS_GOVERNANCE,
        Group::SocialServices => page::GROUP_SOCIAL_SERVICES,
        Group::Eldercare => page::GROUP_ELDERCARE,
    }
}

/// Where a field sits on the form.
pub fn field_group(group: FieldGroup) -> Word {
    match group {
        FieldGroup::Population => page::FIELDS_POPULATION,
        FieldGroup::Divisions => page::FIELDS_DIVISIONS,
        FieldGroup::Facilities => page::FIELDS_FACILITIES,
        FieldGroup::Standards => page::FIELDS_STANDARDS,
        FieldGroup::ProvinceBase => page::FIELDS_PROVINCE_BASE,
    }
}

/// What an input is called in a message: the field's label, 现有<norm> for a current provision,
/// <parameter>（本地标准） for a local standard.
pub fn input_label(key: Key, lang: Lang) -> String {
    match key {
        Key::Field(index) => lang.pick(FIELDS[index].label_zh, FIELDS[index].label_en).to_string(),
        Key::Current(norm) => {
            input::CURRENT_OF.fill(lang, &[("name", lang.pick(NORMS[norm].name_zh, NORMS[norm].name_en))])
        }
        Key::Param(norm, param) => {
            let p = &NORMS[norm].params[param];
            input::LOCAL_STANDARD_OF.fill(lang, &[("label", lang.pick(p.label_zh, p.label_en))])
        }
    }
}

/// The unit of what an input holds (`人`, `元/人/月`); none for a local standard.
fn unit_of(key: Key, lang: Lang) -> &'static str {
    match key {
        Key::Field(index) => lang.pick(FIELDS[index].unit_zh, FIELDS[index].unit_en),
        Key::Current(norm) => lang.pick(NORMS[norm].unit_zh, NORMS[norm].unit_en),
        Key::Param(..) => "",
    }
}

/// A requirement as the summary table writes it on the page, on paper, on the clipboard and in one locality's
/// workbook: `≥ 416`, `＞ 51,000.3`, `≈ 960,000`, `1 至 2`; `—` without one.
pub fn requirement(
    comparator: minzheng_core::rules::Comparator,
    low: Option<rust_decimal::Decimal>,
    high: Option<rust_decimal::Decimal>,
    lang: Lang,
) -> String {
    use minzheng_core::rules::Comparator;
    match (low, high) {
        (Some(lo), Some(hi)) => format!("{} {} {}", grouped(lo), page::RANGE_TO.get(lang), grouped(hi)),
        (Some(v), None) => {
            let bound = match comparator {
                Comparator::AtLeast | Comparator::Range => "≥ ",
                Comparator::MoreThan => "＞ ",
                Comparator::AtMost => "≤ ",
                Comparator::About => "≈ ",
            };
            format!("{bound}{}", grouped(v))
        }
        _ => "—".to_string(),
    }
}

/// An input error as the user reads it, naming the input: `常住人口：不能为负数`.
pub fn input_error(error: &InputError, lang: Lang) -> String {
    let reason = match error.kind {
        ErrorKind::NotANumber => input::NOT_A_NUMBER.get(lang).to_string(),
        ErrorKind::Negative => input::NEGATIVE.get(lang).to_string(),
        ErrorKind::Exponent => input::EXPONENT.get(lang).to_string(),
        ErrorKind::BadSeparator => input::SEPARATOR.get(lang).to_string(),
        ErrorKind::TooLarge => input::TOO_LARGE.get(lang).to_string(),
        ErrorKind::NotWhole => input::NOT_WHOLE.get(lang).to_string(),
        ErrorKind::NotPositive => input::NOT_POSITIVE.get(lang).to_string(),
        ErrorKind::OutOfRange { max } => input::OUT_OF_RANGE.fill(lang, &[("max", &grouped(max.into()))]),
        ErrorKind::ExceedsResident { resident } => {
            input::EXCEEDS_RESIDENT.fill(lang, &[("resident", &grouped(resident))])
        }
        ErrorKind::NotALevel => input::NOT_A_LEVEL.fill(lang, &[("levels", &level_list(lang))]),
        ErrorKind::WrongUnit { typed } => {
            input::WRONG_UNIT.fill(lang, &[("typed", typed), ("unit", unit_of(error.key, lang))])
        }
        // A whole message of its own: it names the locality in its own way.
        ErrorKind::TooLong { max } => return input::TOO_LONG.fill(lang, &[("max", &max.to_string())]),
    };
    input::MESSAGE.fill(lang, &[("label", &input_label(error.key, lang)), ("reason", &reason)])
}

fn op_sign(op: Op) -> &'static str {
    match op {
        Op::Add => " + ",
        Op::Sub => " − ",
        Op::Mul => " × ",
        Op::Div => " ÷ ",
    }
}

/// A formula's tokens with the user's numbers: `231,109 × 18 ÷ 10,000`; `?` where a field is empty.
pub fn formula_with_numbers(tokens: &[Token]) -> String {
    let mut out = String::new();
    for token in tokens {
        match *token {
            Token::Number(v) | Token::Field(_, Some(v)) | Token::Param(_, Some(v)) => out.push_str(&grouped(v)),
            Token::Field(_, None) | Token::Param(_, None) => out.push('?'),
            Token::Op(op) => out.push_str(op_sign(op)),
            Token::Open => out.push('('),
            Token::Close => out.push(')'),
        }
    }
    out
}

/// A norm's formula in words, as a person reads it: field labels, each parameter's label with the plan's
/// value after it, a range as `low ～ high`: `城市低保标准 × (1 + 城镇居民上年度人均消费支出增速 ÷ 100)`,
/// `城镇常住人口 × 每万名城镇常住人口社区工作者数（18） ÷ 10,000`. From the parsed formula, so it follows
/// the ruleset; the exports' 指标依据 sheets write it, and the page can.
pub fn norm_formula(norm: &Norm, lang: Lang) -> String {
    let fields = vec![None; FIELDS.len()];
    let params = minzheng_core::engine::plan_params(norm);
    let scope = minzheng_core::formula::Scope { fields: &fields, params: &params };
    let words = |expr| formula_words(&minzheng_core::formula::tokens(expr, &scope), norm, lang, true);
    match norm.expr_max {
        Some(max) => format!("{} ～ {}", words(norm.expr), words(max)),
        None => words(norm.expr),
    }
}

/// A formula's tokens in words: `城市低保标准 × (1 + 城镇居民上年度人均消费支出增速 ÷ 100)`.
pub fn formula_in_words(tokens: &[Token], norm: &Norm, lang: Lang) -> String {
    formula_words(tokens, norm, lang, false)
}

/// Tokens in words; with `values`, a parameter's label is followed by its value: `每万名…社区工作者数（18）`.
fn formula_words(tokens: &[Token], norm: &Norm, lang: Lang, values: bool) -> String {
    let mut out = String::new();
    for token in tokens {
        match *token {
            Token::Number(v) => out.push_str(&grouped(v)),
            Token::Field(i, _) => out.push_str(lang.pick(FIELDS[i].label_zh, FIELDS[i].label_en)),
            Token::Param(i, value) => match norm.params.get(i) {
                Some(p) => {
                    out.push_str(lang.pick(p.label_zh, p.label_en));
                    if let Some(v) = value.filter(|_| values) {
                        out.push_str(&fill(lang.pick("（{value}）", " ({value})"), &[("value", &grouped(v))]));
                    }
                }
                None => out.push('?'),
            },
            Token::Op(op) => out.push_str(op_sign(op)),
            Token::Open => out.push('('),
            Token::Close => out.push(')'),
        }
    }
    out
}

/// The working line: `231,109 × 18 ÷ 10,000 = 415.9962 → 416 人`. The exact value is left out when
/// it reads the same as the formula (`15 → 15 个`), and shown with `≈` when it has more than four
/// decimals. Only the formula, with `?` for what is missing, when an input is.
pub fn working_line(working: &Working, unit: &str) -> String {
    let mut line = formula_with_numbers(&working.tokens);
    let Some(outcome) = working.outcome else {
        return line;
    };
    let shown = grouped(outcome.shown);
    if line != shown {
        line.push_str(if outcome.shown_is_exact { " = " } else { " ≈ " });
        line.push_str(&shown);
    }
    line.push_str(" → ");
    line.push_str(&grouped(outcome.rounded));
    if !unit.is_empty() {
        line.push(' ');
        line.push_str(unit);
    }
    line
}

#[cfg(test)]
mod tests;
