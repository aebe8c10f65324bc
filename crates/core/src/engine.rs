//! Inputs × norms → results, as values: decimals, a status, field indices, the working as tokens.
//! `assess` is the exact, allocation-light core (the batch path uses it directly); `explain` adds
//! what a person needs to check a result: the working with the user's numbers, the parameters in
//! force, the plan's own value beside a local standard. No words: the text catalogue (crates/text)
//! and the page module write them. Nothing here knows of the DOM.

use crate::formula::{evaluate, tokens, EvalError, Scope, Token};
use crate::inputs::{parse_inputs, FieldIndex, InputError, Inputs};
use crate::level::Level;
use crate::rules::{Comparator, Expr, Norm, Rounding, NORMS};
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
    /// The norm does not apply at the locality's level: neither met nor unmet, and left out of the counts.
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Unmet => "unmet",
            Status::Unknown => "unknown",
            Status::MissingInput => "missing-input",
            Status::NotApplicable => "not-applicable",
        }
    }

    /// Whether the norm has a required value: not when an input is missing or the norm does not apply.
    pub fn has_required(self) -> bool {
        !matches!(self, Status::MissingInput | Status::NotApplicable)
    }
}

/// The order of the summary table (主要指标完成情况表) wherever it is given, on the page, on paper and in one
/// locality's workbook, so that a norm has the same 序号 in each: the norms worked out first, then the
/// others; within each, the plan's chapters, then the ruleset's order. Indices into `results`.
pub fn summary_order<'a>(results: impl Iterator<Item = &'a NormResult> + Clone) -> Vec<usize> {
    // Picked out rather than sorted: a sort adds kilobytes to the page's start-up module.
    let groups: Vec<crate::rules::Group> = results.clone().map(|r| NORMS[r.norm].group).collect();
    let worked_out: Vec<bool> = results.map(|r| r.status.has_required()).collect();
    let mut order = Vec::with_capacity(groups.len());
    for part in [true, false] {
        for group in crate::rules::Group::ALL {
            order.extend((0..groups.len()).filter(|&i| worked_out[i] == part && groups[i] == group));
        }
    }
    order
}

impl Status {}

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
    if !norm.applies_at(inputs.level) {
        // No required value and so no gap (CONTRACT.md §2: 0 unless unmet); the current value is kept as given.
        return Assessment {
            threshold: None,
            threshold_max: None,
            required: None,
            required_max: None,
            current,
            gap: Some(Decimal::ZERO),
            status: Status::NotApplicable,
            missing: Vec::new(),
        };
    }
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

/// The decimal places a working line shows of an exact value (`415.9962`, `≈ 6203.0769`).
pub const WORKING_PLACES: u32 = 4;

/// A formula's value and the required value rounded from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The exact value.
    pub exact: Decimal,
    /// `exact` to at most `WORKING_PLACES` decimals (half away from zero), as a working line shows it.
    pub shown: Decimal,
    /// Whether `shown` is all of `exact` (`=`), or rounded from it (`≈`).
    pub shown_is_exact: bool,
    /// The required value, rounded from `exact` as the norm says.
    pub rounded: Decimal,
}

/// How a result was worked out: the formula with the user's numbers, then its value and the
/// required value (`231,109 × 18 ÷ 10,000 = 415.9962 → 416 人`). Field and parameter tokens keep
/// their indices, so the same working can also be written in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Working {
    pub tokens: Vec<Token>,
    /// `None` when an input the formula needs is missing.
    pub outcome: Option<Outcome>,
}

impl Working {
    fn new(expr: &Expr, scope: &Scope, exact: Option<Decimal>, rounded: Option<Decimal>) -> Working {
        let outcome = exact.zip(rounded).map(|(exact, rounded)| {
            let shown = exact.round_dp_with_strategy(WORKING_PLACES, RoundingStrategy::MidpointAwayFromZero);
            Outcome { exact, shown, shown_is_exact: shown == exact, rounded }
        });
        Working { tokens: tokens(expr, scope), outcome }
    }
}

/// A parameter of the norm as used in one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamInForce {
    pub value: Decimal,
    /// The locality's own value, not the plan's.
    pub local: bool,
}

/// One norm's result for one locality, with what a person needs to check it. The norm's own record
/// (names, unit) is `NORMS[norm]`, its words beside it `BASES[norm]`.
#[derive(Debug, Clone, PartialEq)]
pub struct NormResult {
    /// Index into `NORMS`.
    pub norm: usize,
    /// The exact, unrounded threshold (lower end for a range).
    pub threshold: Option<Decimal>,
    pub threshold_max: Option<Decimal>,
    /// The threshold rounded as the norm says: minimums up, a range's upper end down.
    pub required: Option<Decimal>,
    pub required_max: Option<Decimal>,
    pub current: Option<Decimal>,
    /// required − current when unmet, else 0 (CONTRACT.md §2).
    pub gap: Option<Decimal>,
    pub status: Status,
    /// Field indices the formula needs and does not have.
    pub missing: Vec<FieldIndex>,
    pub working: Working,
    /// A range's upper end.
    pub working_max: Option<Working>,
    /// The locality overrides a parameter: the result follows its own standard.
    pub local: bool,
    /// With `local`: the plan's own result, kept visible beside it.
    pub plan: Option<Assessment>,
    /// By index into the norm's `params`.
    pub params: Vec<ParamInForce>,
    /// By index into the norm's `extras`: the figure, rounded to its decimals, where it has one.
    pub extras: Vec<Option<Decimal>>,
}

impl NormResult {
    /// The norm's record.
    pub fn norm(&self) -> &'static Norm {
        &NORMS[self.norm]
    }

    /// The norm's contract id.
    pub fn id(&self) -> &'static str {
        NORMS[self.norm].id
    }
}

/// All results and input errors of one locality.
#[derive(Debug, Clone, PartialEq)]
pub struct Computation {
    pub name: String,
    /// The locality's level, where given: the norms that do not apply there are `NotApplicable`.
    pub level: Option<Level>,
    /// The values that came from a default (a census base, or a count the level implies), by field.
    pub defaults: Vec<(FieldIndex, Decimal)>,
    pub results: Vec<NormResult>,
    pub errors: Vec<InputError>,
}

/// Evaluates one norm and keeps everything a person needs to check it.
pub fn explain(norm_index: usize, inputs: &Inputs) -> NormResult {
    let norm = &NORMS[norm_index];
    let (params, local) = params_in_force(norm_index, inputs);
    let current = inputs.current.get(norm_index).copied().flatten();
    let a = assess(norm, inputs, &params, current);
    let scope = Scope { fields: &inputs.values, params: &params };
    let applies = a.status != Status::NotApplicable;
    let extras = norm
        .extras
        .iter()
        .map(|x| {
            let value = evaluate(x.expr, &scope).ok().filter(|_| applies)?;
            Some(value.round_dp_with_strategy(x.decimals, RoundingStrategy::MidpointAwayFromZero))
        })
        .collect();
    NormResult {
        norm: norm_index,
        working: Working::new(norm.expr, &scope, a.threshold, a.required),
        working_max: norm.expr_max.map(|e| Working::new(e, &scope, a.threshold_max, a.required_max)),
        local,
        plan: local.then(|| assess(norm, inputs, &plan_params(norm), None)),
        params: norm
            .params
            .iter()
            .zip(params)
            .map(|(p, value)| ParamInForce { value, local: value != p.plan_value() })
            .collect(),
        extras,
        threshold: a.threshold,
        threshold_max: a.threshold_max,
        required: a.required,
        required_max: a.required_max,
        current: a.current,
        gap: a.gap,
        status: a.status,
        missing: a.missing,
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
    let defaults = (0..inputs.values.len())
        .filter(|&i| inputs.defaulted[i])
        .filter_map(|i| Some((i, inputs.values[i]?)))
        .collect();
    Computation { name: inputs.name.clone(), level: inputs.level, defaults, results: explain_all(&inputs), errors }
}
