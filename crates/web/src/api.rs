//! What the exports give JavaScript (`compute()`, the `minzheng-calc:results` event's `detail`,
//! `inputKey()`): the engine's typed results written out for scripts, as CONTRACT.md §3 and the
//! README "For scripts" describe them. Figures are plain decimal strings (`"113300"`), words come in
//! both languages from the text catalogue, and a field with no value is left out (reads as
//! `undefined`), never `null`.

use minzheng_core::engine::{self, Status};
use minzheng_core::format::{plain, with_decimals};
use minzheng_core::inputs::{Key, FIELD_IDS};
use minzheng_core::level::Level;
use minzheng_core::rules::{Basis, Binding, Comparator, Group, Norm, Rounding, NORMS};
use minzheng_text::{input_error, working_line, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

/// A norm of `norms()`: its record and its words (quotes, citation, deadline, notes) in one object.
#[derive(Debug, Serialize)]
pub struct NormRecord {
    #[serde(flatten)]
    pub norm: &'static Norm,
    #[serde(flatten)]
    pub basis: &'static Basis,
}

/// Every norm of the ruleset, as `norms()` gives them.
pub fn norm_records() -> Vec<NormRecord> {
    NORMS.iter().map(|norm| NormRecord { norm, basis: norm.basis() }).collect()
}

/// All results and input errors of one locality.
#[derive(Debug, Serialize)]
pub struct Computation {
    pub name: String,
    /// The locality's level (`county`), where given and valid: the norms that do not apply there have the
    /// status `not-applicable`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// `{ field: value }`: the values the calculation used that the user did not type (the census bases, the
    /// counts the level implies), so that a form can show them.
    pub defaults: BTreeMap<&'static str, String>,
    pub results: Vec<NormResult>,
    pub errors: Vec<InputError>,
}

impl Computation {
    pub fn new(c: &engine::Computation) -> Computation {
        Computation {
            name: c.name.clone(),
            level: c.level,
            defaults: c.defaults.iter().map(|&(i, v)| (FIELD_IDS[i], plain(v))).collect(),
            results: c.results.iter().map(NormResult::new).collect(),
            errors: c.errors.iter().map(InputError::new).collect(),
        }
    }
}

/// A parameter as used in one result.
#[derive(Debug, Serialize)]
pub struct ParamValue {
    pub name: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: String,
    pub plan_value: &'static str,
    pub local: bool,
}

/// An extra figure beside a result.
#[derive(Debug, Serialize)]
pub struct ExtraValue {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// One norm's result as a script reads it.
#[derive(Debug, Serialize)]
pub struct NormResult {
    pub id: &'static str,
    pub group: Group,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// `>=`, `>`, `<=`, `~` or `range`.
    pub comparator: &'static str,
    /// How the bound reads: `≥`, `>` (strictly more), `≤`, `约` (about) or `range`.
    pub bound: &'static str,
    pub approximate: bool,
    pub rounding: Rounding,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub binding: Binding,
    pub indicative: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_max: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold_max: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<String>,
    pub status: Status,
    /// Field ids.
    pub missing_inputs: Vec<&'static str>,
    pub working_zh: String,
    pub working_en: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_max_zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_max_en: Option<String>,
    /// The locality overrides a parameter: the result follows its own standard.
    pub local: bool,
    /// With `local`: the plan's own required value (and threshold), kept visible beside it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_required: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_required_max: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_threshold: Option<String>,
    pub params: Vec<ParamValue>,
    pub extras: Vec<ExtraValue>,
    pub formula: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula_max: Option<&'static str>,
    pub citation_zh: &'static str,
    pub citation_en: &'static str,
    pub quotes: &'static [&'static str],
    pub deadline_zh: &'static str,
    pub deadline_en: &'static str,
    pub note_zh: &'static str,
    pub note_en: &'static str,
    /// The levels the norm applies at (`["province", "city", "county"]`), and why.
    pub levels: &'static [Level],
    pub level_note_zh: &'static str,
    pub level_note_en: &'static str,
}

fn bound(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => "≥",
        Comparator::MoreThan => ">",
        Comparator::AtMost => "≤",
        Comparator::About => "约",
        Comparator::Range => "range",
    }
}

impl NormResult {
    pub fn new(r: &engine::NormResult) -> NormResult {
        let norm = r.norm();
        let working = |lang: Lang| working_line(&r.working, lang.pick(norm.unit_zh, norm.unit_en));
        let working_max =
            |lang: Lang| r.working_max.as_ref().map(|w| working_line(w, lang.pick(norm.unit_zh, norm.unit_en)));
        let plan = r.plan.as_ref();
        let basis = norm.basis();
        NormResult {
            id: norm.id,
            group: norm.group,
            name_zh: norm.name_zh,
            name_en: norm.name_en,
            comparator: norm.comparator.as_str(),
            bound: bound(norm.comparator),
            approximate: norm.comparator == Comparator::About,
            rounding: norm.rounding,
            unit_zh: norm.unit_zh,
            unit_en: norm.unit_en,
            binding: norm.binding,
            indicative: norm.indicative,
            required: r.required.map(plain),
            required_max: r.required_max.map(plain),
            threshold: r.threshold.map(plain),
            threshold_max: r.threshold_max.map(plain),
            current: r.current.map(plain),
            gap: r.gap.map(plain),
            status: r.status,
            missing_inputs: r.missing.iter().map(|&i| FIELD_IDS[i]).collect(),
            working_zh: working(Lang::Zh),
            working_en: working(Lang::En),
            working_max_zh: working_max(Lang::Zh),
            working_max_en: working_max(Lang::En),
            local: r.local,
            plan_required: plan.and_then(|p| p.required).map(plain),
            plan_required_max: plan.and_then(|p| p.required_max).map(plain),
            plan_threshold: plan.and_then(|p| p.threshold).map(plain),
            params: norm
                .params
                .iter()
                .zip(&r.params)
                .map(|(p, in_force)| ParamValue {
                    name: p.name,
                    label_zh: p.label_zh,
                    label_en: p.label_en,
                    value: plain(in_force.value),
                    plan_value: p.value,
                    local: in_force.local,
                })
                .collect(),
            extras: norm
                .extras
                .iter()
                .zip(&r.extras)
                .map(|(x, value)| ExtraValue {
                    id: x.id,
                    label_zh: x.label_zh,
                    label_en: x.label_en,
                    value: value.map(|v| with_decimals(v, x.decimals)),
                })
                .collect(),
            formula: norm.formula,
            formula_max: norm.formula_max,
            citation_zh: basis.citation_zh,
            citation_en: basis.citation_en,
            quotes: basis.quotes,
            deadline_zh: basis.deadline_zh,
            deadline_en: basis.deadline_en,
            note_zh: basis.note_zh,
            note_en: basis.note_en,
            levels: norm.levels,
            level_note_zh: basis.level_note_zh,
            level_note_en: basis.level_note_en,
        }
    }
}

/// An input the calculator could not use, with a message in both languages naming it.
#[derive(Debug, Serialize)]
pub struct InputError {
    /// The form field's name: a contract field id, `current.<norm id>` or `param.<norm id>.<name>`.
    pub field: String,
    /// A stable machine-readable reason.
    pub code: &'static str,
    pub message_zh: String,
    pub message_en: String,
}

impl InputError {
    pub fn new(e: &minzheng_core::InputError) -> InputError {
        InputError {
            field: e.key.to_string(),
            code: e.kind.code(),
            message_zh: input_error(e, Lang::Zh),
            message_en: input_error(e, Lang::En),
        }
    }
}

/// What an input's name stands for (`inputKey()`): `{ kind: "field", name, field }`,
/// `{ kind: "current", name, norm }` or `{ kind: "param", name, norm, param }`, where `name` is the
/// name as `compute()` and the form write it.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum KeyInfo {
    Field { name: String, field: &'static str },
    Current { name: String, norm: &'static str },
    Param { name: String, norm: &'static str, param: &'static str },
}

impl KeyInfo {
    /// The name's meaning, read as `compute()` reads names (without surrounding spaces).
    pub fn of(name: &str) -> Option<KeyInfo> {
        let key = Key::parse(name.trim())?;
        let name = key.to_string();
        Some(match key {
            Key::Field(index) => KeyInfo::Field { name, field: FIELD_IDS[index] },
            Key::Current(norm) => KeyInfo::Current { name, norm: NORMS[norm].id },
            Key::Param(norm, param) => {
                KeyInfo::Param { name, norm: NORMS[norm].id, param: NORMS[norm].params[param].name }
            }
        })
    }
}
