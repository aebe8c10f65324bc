//! Inputs × norms → results. `assess` is the exact, allocation-light core (the batch path uses it
//! directly); `explain` adds what a person reads: names, units, citation, quote and the working
//! with the user's numbers. Nothing here knows of the DOM.

use crate::format::{group_thousands, plain, readable};
use crate::formula::{evaluate, substitute, EvalError, Scope};
use crate::inputs::{parse_inputs, InputError, Inputs, FIELD_IDS};
use crate::rules::{Binding, Comparator, Group, Norm, Rounding, NORMS};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// The most parameters one norm may have (the ruleset uses at most three).
const MAX_PARAMS: usize = 8;

/// Whether the current provision meets a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    Unmet,
    /// No current provision given.
    Unknown,
    /// An input the formula needs is empty or invalid.
    MissingInput,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Unmet => "unmet",
            Status::Unknown => "unknown",
            Status::MissingInput => "missing-input",
        }
    }
}

/// The exact outcome of one norm for one locality.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The exact, unrounded threshold (lower end for a range).
    pub threshold: Option<Decimal>,
    pub threshold_max: Option<Decimal>,
    /// The threshold rounded as the norm says: minimums up, a range's upper end down.
    pub required: Option<Decimal>,
    pub required_max: Option<Decimal>,
    pub current: Option<Decimal>,
    /// required − current when unmet, else 0 (CONTRACT.md §2: also when unknown or missing input).
    pub gap: Option<Decimal>,
    pub status: Status,
    /// Field indices the formula needs and does not have.
    pub missing: Vec<usize>,
}

/// The parameter values in force for a norm: the plan's, or the locality's own where overridden.
/// Returns the values and whether any is local.
pub fn params_in_force(norm_index: usize, inputs: &Inputs) -> ([Decimal; MAX_PARAMS], bool) {
    let mut values = [Decimal::ZERO; MAX_PARAMS];
    for (slot, param) in values.iter_mut().zip(NORMS[norm_index].params) {
        *slot = param.plan_value();
    }
    let mut local = false;
    for &(n, p, value) in &inputs.overrides {
        if n == norm_index && p < MAX_PARAMS {
            local |= values[p] != value;
            values[p] = value;
        }
    }
    (values, local)
}

/// The plan's own parameter values for a norm.
pub fn plan_params(norm: &Norm) -> [Decimal; MAX_PARAMS] {
    let mut values = [Decimal::ZERO; MAX_PARAMS];
    for (slot, param) in values.iter_mut().zip(norm.params) {
        *slot = param.plan_value();
    }
    values
}

/// Rounds a threshold to the required value: `up` for minimums and a range's lower end, down for
/// a range's upper end, to the places of the norm's rounding.
pub fn round_required(threshold: Decimal, rounding: Rounding, up: bool) -> Decimal {
    let places = rounding.places();
    if let Some(rounded) = round_mantissa(threshold, places, up) {
        return rounded.normalize();
    }
    let strategy = if up { RoundingStrategy::ToPositiveInfinity } else { RoundingStrategy::ToNegativeInfinity };
    threshold.round_dp_with_strategy(places, strategy).normalize()
}

/// `round_dp_with_strategy` (towards +∞ or −∞) done on the mantissa as a 64-bit integer: one integer
/// division by 10^(scale − places) instead of rust_decimal's general path, which took about an eighth of
/// the batch's time. `None` (rust_decimal's path) for a mantissa beyond 64 bits, such as a province
/// share's 28-digit threshold.
fn round_mantissa(value: Decimal, places: u32, up: bool) -> Option<Decimal> {
    let scale = value.scale();
    if scale <= places {
        return Some(value);
    }
    let divisor = 10u64.checked_pow(scale - places)?;
    let magnitude = u64::try_from(value.mantissa().unsigned_abs()).ok()?;
    let (quotient, cut) = (magnitude / divisor, magnitude % divisor != 0);
    // Integer division truncates towards zero: step away from zero when the cut part pointed that way.
    let away = cut && (up != value.is_sign_negative());
    let rounded = i128::from(quotient + u64::from(away));
    Decimal::try_from_i128_with_scale(if value.is_sign_negative() { -rounded } else { rounded }, places).ok()
}

/// Whether `current` satisfies the comparator against the exact threshold.
pub fn satisfies(comparator: Comparator, current: Decimal, threshold: Decimal) -> bool {
    match comparator {
        Comparator::AtLeast | Comparator::About | Comparator::Range => current >= threshold,
        Comparator::MoreThan => current > threshold,
        Comparator::AtMost => current <= threshold,
    }
}

/// Evaluates one norm exactly.
pub fn assess(norm: &Norm, inputs: &Inputs, params: &[Decimal], current: Option<Decimal>) -> Assessment {
    let scope = Scope { fields: &inputs.values, params };
    let mut missing = Vec::new();
    let lower = evaluate(norm.expr, &scope);
    let upper = norm.expr_max.map(|e| evaluate(e, &scope));
    for outcome in std::iter::once(&lower).chain(upper.as_ref()) {
        if let Err(EvalError::Missing(fields)) = outcome {
            for f in fields {
                if !missing.contains(f) {
                    missing.push(*f);
                }
            }
        }
    }
    let (threshold, threshold_max) = match (lower, upper) {
        (Ok(t), None) => (t, None),
        (Ok(t), Some(Ok(u))) => (t, Some(u)),
        _ => {
            return Assessment {
                threshold: None,
                threshold_max: None,
                required: None,
                required_max: None,
                current,
                gap: Some(Decimal::ZERO),
                status: Status::MissingInput,
                missing,
            }
        }
    };
    let required = round_required(threshold, norm.rounding, true);
    let required_max = threshold_max.map(|u| round_required(u, norm.rounding, false));
    let (status, gap) = match current {
        None => (Status::Unknown, Some(Decimal::ZERO)),
        Some(c) if satisfies(norm.comparator, c, threshold) => (Status::Met, Some(Decimal::ZERO)),
        Some(c) => {
            let gap = if norm.comparator == Comparator::AtMost { c - required } else { required - c };
            (Status::Unmet, Some(gap.max(Decimal::ZERO).normalize()))
        }
    };
    Assessment {
        threshold: Some(threshold),
        threshold_max,
        required: Some(required),
        required_max,
        current,
        gap,
        status,
        missing,
    }
}

/// A parameter as used in one result.
#[derive(Debug, Clone, Serialize)]
pub struct ParamValue {
    pub name: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: String,
    pub plan_value: &'static str,
    pub local: bool,
}

/// An extra figure beside a result.
#[derive(Debug, Clone, Serialize)]
pub struct ExtraValue {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: Option<String>,
}

/// One norm's result as a person or a script reads it. Numbers are plain ASCII decimal strings.
#[derive(Debug, Clone, Serialize)]
pub struct NormResult {
    pub id: &'static str,
    pub group: Group,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// `>=`, `>`, `<=`, `~` or `range`.
    pub comparator: &'static str,
    /// How the bound reads: `≥`, `>` (strictly more), `≤`, `约` (about) or a range.
    pub bound: &'static str,
    pub approximate: bool,
    pub rounding: Rounding,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub binding: Binding,
    pub indicative: bool,
    pub required: Option<String>,
    pub required_max: Option<String>,
    pub threshold: Option<String>,
    pub threshold_max: Option<String>,
    pub current: Option<String>,
    pub gap: Option<String>,
    pub status: Status,
    pub missing_inputs: Vec<&'static str>,
    pub working_zh: String,
    pub working_en: String,
    pub working_max_zh: Option<String>,
    pub working_max_en: Option<String>,
    /// The locality overrides a parameter: the result follows its own standard.
    pub local: bool,
    /// With `local`: the plan's own required value (and threshold), kept visible beside it.
    pub plan_required: Option<String>,
    pub plan_required_max: Option<String>,
    pub plan_threshold: Option<String>,
    pub params: Vec<ParamValue>,
    pub extras: Vec<ExtraValue>,
    pub formula: &'static str,
    pub formula_max: Option<&'static str>,
    pub citation_zh: &'static str,
    pub citation_en: &'static str,
    pub quotes: &'static [&'static str],
    pub deadline_zh: &'static str,
    pub deadline_en: &'static str,
    pub note_zh: &'static str,
    pub note_en: &'static str,
}

/// All results and input errors of one locality.
#[derive(Debug, Clone, Serialize)]
pub struct Computation {
    pub name: String,
    pub results: Vec<NormResult>,
    pub errors: Vec<InputError>,
}

/// The working line: `231,109 × 18 ÷ 10,000 = 415.9962 → 416 人`.
fn working(
    expr: &crate::rules::Expr,
    scope: &Scope,
    threshold: Option<Decimal>,
    required: Option<Decimal>,
    unit: &str,
) -> String {
    let written = substitute(expr, scope);
    let (Some(t), Some(r)) = (threshold, required) else {
        return written;
    };
    let (exact, is_exact) = readable(t, 4);
    let mut line = written.clone();
    if written != exact {
        line.push_str(if is_exact { " = " } else { " ≈ " });
        line.push_str(&exact);
    }
    line.push_str(" → ");
    line.push_str(&group_thousands(&plain(r)));
    if !unit.is_empty() {
        line.push(' ');
        line.push_str(unit);
    }
    line
}

fn bound_label(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::AtLeast => "≥",
        Comparator::MoreThan => ">",
        Comparator::AtMost => "≤",
        Comparator::About => "约",
        Comparator::Range => "range",
    }
}

/// Evaluates one norm and writes out everything a person needs to check it.
pub fn explain(norm_index: usize, inputs: &Inputs) -> NormResult {
    let norm = &NORMS[norm_index];
    let (params, local) = params_in_force(norm_index, inputs);
    let current = inputs.current.get(norm_index).copied().flatten();
    let a = assess(norm, inputs, &params, current);
    let scope = Scope { fields: &inputs.values, params: &params };
    let plan = if local { Some(assess(norm, inputs, &plan_params(norm), None)) } else { None };
    let extras = norm
        .extras
        .iter()
        .map(|x| ExtraValue {
            id: x.id,
            label_zh: x.label_zh,
            label_en: x.label_en,
            value: evaluate(x.expr, &scope)
                .ok()
                .map(|v| plain(v.round_dp_with_strategy(x.decimals, RoundingStrategy::MidpointAwayFromZero))),
        })
        .collect();
    let max_line = |unit: &str| norm.expr_max.map(|e| working(e, &scope, a.threshold_max, a.required_max, unit));
    NormResult {
        id: norm.id,
        group: norm.group,
        name_zh: norm.name_zh,
        name_en: norm.name_en,
        comparator: norm.comparator.as_str(),
        bound: bound_label(norm.comparator),
        approximate: norm.comparator == Comparator::About,
        rounding: norm.rounding,
        unit_zh: norm.unit_zh,
        unit_en: norm.unit_en,
        binding: norm.binding,
        indicative: norm.indicative,
        required: a.required.map(plain),
        required_max: a.required_max.map(plain),
        threshold: a.threshold.map(plain),
        threshold_max: a.threshold_max.map(plain),
        current: a.current.map(plain),
        gap: a.gap.map(plain),
        status: a.status,
        missing_inputs: a.missing.iter().map(|&i| FIELD_IDS[i]).collect(),
        working_zh: working(norm.expr, &scope, a.threshold, a.required, norm.unit_zh),
        working_en: working(norm.expr, &scope, a.threshold, a.required, norm.unit_en),
        working_max_zh: max_line(norm.unit_zh),
        working_max_en: max_line(norm.unit_en),
        local,
        plan_required: plan.as_ref().and_then(|p| p.required.map(plain)),
        plan_required_max: plan.as_ref().and_then(|p| p.required_max.map(plain)),
        plan_threshold: plan.as_ref().and_then(|p| p.threshold.map(plain)),
        params: norm
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| ParamValue {
                name: p.name,
                label_zh: p.label_zh,
                label_en: p.label_en,
                value: plain(params[i]),
                plan_value: p.value,
                local: params[i] != p.plan_value(),
            })
            .collect(),
        extras,
        formula: norm.formula,
        formula_max: norm.formula_max,
        citation_zh: norm.citation_zh,
        citation_en: norm.citation_en,
        quotes: norm.quotes,
        deadline_zh: norm.deadline_zh,
        deadline_en: norm.deadline_en,
        note_zh: norm.note_zh,
        note_en: norm.note_en,
    }
}

/// Evaluates every norm for already-checked inputs.
pub fn explain_all(inputs: &Inputs) -> Vec<NormResult> {
    (0..NORMS.len()).map(|i| explain(i, inputs)).collect()
}

/// The whole calculation for one locality from (field name, typed text) pairs: every norm, and
/// every input error. Errors never stop the norms that do not need the bad field.
pub fn compute<'a, I>(pairs: I) -> Computation
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let (inputs, errors) = parse_inputs(pairs);
    Computation { name: inputs.name.clone(), results: explain_all(&inputs), errors }
}
