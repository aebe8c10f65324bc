//! Every row on its own: `inputs::parse_keyed` + `engine::assess` (the exact, allocation-light path;
//! no display strings). A row with bad input keeps its errors and still computes every norm that
//! does not need the bad field; no row can stop another.

use super::read::{Role, Table};
use super::ExactSum;
use minzheng_core::engine::{assess, params_in_force, plan_params, Status};
use minzheng_core::inputs::{parse_keyed, InputError, Key, FIELDS};
use minzheng_core::rules::{Comparator, NORMS};
use rust_decimal::Decimal;

/// An input error of one row (`minzheng_text::input_error` words it).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Index into the table's data rows.
    pub index: usize,
    /// The row number as the spreadsheet shows it (header = row 1 when it is the first row).
    pub row: u32,
    /// The column's header as the file writes it.
    pub column: String,
    pub error: InputError,
}

/// Results of every row, in flat arrays (rows × norms), so that 40,000 rows stay small.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Rows computed so far (computation may run in steps).
    pub done: usize,
    pub names: Vec<String>,
    /// rows × NORMS: the required value (lower end for a range); zero where `status` has none (missing
    /// input, not applicable).
    pub required: Vec<Decimal>,
    /// rows × NORMS.
    pub status: Vec<Status>,
    /// Per norm: its slot in `required_max` (range norms only).
    pub range_slot: Vec<Option<usize>>,
    pub range_count: usize,
    /// rows × range norms: a range's upper end.
    pub required_max: Vec<Decimal>,
    /// Per norm: its slot in `current`/`gap` (norms with a current-provision column only), ascending in
    /// norm order whatever the order of the file's columns.
    pub current_slot: Vec<Option<usize>>,
    pub current_count: usize,
    /// rows × current norms.
    pub current: Vec<Option<Decimal>>,
    /// rows × current norms: required − current when unmet, else zero.
    pub gap: Vec<Decimal>,
    /// Per row: a local parameter overrides the plan's for some norm.
    pub local: Vec<bool>,
    /// Per row: some norm is unmet (a norm that does not apply at the row's level is not).
    pub unmet: Vec<bool>,
    /// Per row: the range of its errors in `errors`.
    pub error_span: Vec<(u32, u32)>,
    pub errors: Vec<RowError>,
    /// Rows with at least one input error.
    pub error_rows: usize,
    /// Per input field: the sum of the values typed in the rows computed so far (not defaults, not values
    /// with an error), for the totals row.
    pub input_sums: Vec<ExactSum>,
}

impl Results {
    pub fn new(table: &Table, roles: &[Role]) -> Results {
        let rows = table.rows.len();
        let mut range_slot = vec![None; NORMS.len()];
        let mut range_count = 0;
        for (i, norm) in NORMS.iter().enumerate() {
            if norm.comparator == Comparator::Range || norm.expr_max.is_some() {
                range_slot[i] = Some(range_count);
                range_count += 1;
            }
        }
        // Slots in norm order, the order compute_row pushes the values in (not the file's column order).
        let mut current_slot = vec![None; NORMS.len()];
        let mut current_count = 0;
        for (n, slot) in current_slot.iter_mut().enumerate() {
            if roles.contains(&Role::Current(n)) {
                *slot = Some(current_count);
                current_count += 1;
            }
        }
        Results {
            done: 0,
            names: Vec::with_capacity(rows),
            required: Vec::with_capacity(rows * NORMS.len()),
            status: Vec::with_capacity(rows * NORMS.len()),
            range_slot,
            range_count,
            required_max: Vec::with_capacity(rows * range_count),
            current_slot,
            current_count,
            current: Vec::with_capacity(rows * current_count),
            gap: Vec::with_capacity(rows * current_count),
            local: Vec::with_capacity(rows),
            unmet: Vec::with_capacity(rows),
            error_span: Vec::with_capacity(rows),
            errors: Vec::new(),
            error_rows: 0,
            input_sums: vec![ExactSum::default(); FIELDS.len()],
        }
    }

    pub fn status(&self, row: usize, norm: usize) -> Status {
        self.status[row * NORMS.len() + norm]
    }

    pub fn required(&self, row: usize, norm: usize) -> Option<Decimal> {
        let i = row * NORMS.len() + norm;
        self.status[i].has_required().then_some(self.required[i])
    }

    pub fn required_max(&self, row: usize, norm: usize) -> Option<Decimal> {
        let slot = self.range_slot[norm]?;
        if !self.status(row, norm).has_required() {
            return None;
        }
        Some(self.required_max[row * self.range_count + slot])
    }

    pub fn current(&self, row: usize, norm: usize) -> Option<Decimal> {
        let slot = self.current_slot[norm]?;
        self.current[row * self.current_count + slot]
    }

    /// The gap where the norm has a current column and the row's status is met or unmet.
    pub fn gap(&self, row: usize, norm: usize) -> Option<Decimal> {
        let slot = self.current_slot[norm]?;
        match self.status(row, norm) {
            Status::Met | Status::Unmet => Some(self.gap[row * self.current_count + slot]),
            _ => None,
        }
    }

    pub fn row_errors(&self, row: usize) -> &[RowError] {
        let (a, b) = self.error_span[row];
        &self.errors[a as usize..b as usize]
    }
}

/// Computes up to `max_rows` more rows; returns the number of rows done so far.
pub fn step(table: &Table, roles: &[Role], keys: &[Option<Key>], results: &mut Results, max_rows: usize) -> usize {
    // `max_rows` may be usize::MAX (compute_all): saturate, a partial step may already be done.
    let end = results.done.saturating_add(max_rows).min(table.rows.len());
    // The plan's own parameters, for the rows (nearly all) that set no local standard.
    let plan: Vec<_> = NORMS.iter().map(plan_params).collect();
    for index in results.done..end {
        compute_row(table, roles, keys, results, index, &plan);
    }
    results.done = end;
    end
}

fn compute_row<P: AsRef<[Decimal]>>(
    table: &Table,
    roles: &[Role],
    keys: &[Option<Key>],
    results: &mut Results,
    index: usize,
    plan: &[P],
) {
    let record = &table.rows[index];
    let pairs = keys.iter().zip(record.iter()).filter_map(|(key, text)| Some(((*key)?, text)));
    let (inputs, errors) = parse_keyed(pairs);
    for ((sum, value), defaulted) in results.input_sums.iter_mut().zip(&inputs.values).zip(&inputs.defaulted) {
        if let (Some(v), false) = (value, defaulted) {
            sum.add(*v);
        }
    }
    let mut unmet = false;
    let mut local_row = false;
    for (n, norm) in NORMS.iter().enumerate() {
        let current = inputs.current[n];
        let a = if inputs.overrides.is_empty() {
            assess(norm, &inputs, plan[n].as_ref(), current)
        } else {
            let (params, local) = params_in_force(n, &inputs);
            local_row |= local;
            assess(norm, &inputs, &params, current)
        };
        unmet |= a.status == Status::Unmet;
        results.required.push(a.required.unwrap_or(Decimal::ZERO));
        results.status.push(a.status);
        if results.range_slot[n].is_some() {
            results.required_max.push(a.required_max.unwrap_or(Decimal::ZERO));
        }
        if results.current_slot[n].is_some() {
            results.current.push(current);
            results.gap.push(a.gap.unwrap_or(Decimal::ZERO));
        }
    }
    results.names.push(inputs.name);
    results.local.push(local_row);
    results.unmet.push(unmet);
    let first = results.errors.len() as u32;
    if !errors.is_empty() {
        results.error_rows += 1;
    }
    let row = table.row_numbers[index];
    for e in errors {
        let column = column_of(&table.headers, roles, keys, &e);
        results.errors.push(row_error(index, row, column, e));
    }
    results.error_span.push((first, results.errors.len() as u32));
}

fn column_of(headers: &[String], roles: &[Role], keys: &[Option<Key>], e: &InputError) -> String {
    // The last column with that key is the one whose value counted.
    keys.iter()
        .zip(headers)
        .zip(roles)
        .rev()
        .find(|((k, _), _)| **k == Some(e.key))
        .map(|((_, h), _)| h.trim().to_string())
        .unwrap_or_else(|| match e.key {
            Key::Field(i) => FIELDS[i].label_zh.to_string(),
            _ => String::new(),
        })
}

fn row_error(index: usize, row: u32, column: String, error: InputError) -> RowError {
    RowError { index, row, column, error }
}
