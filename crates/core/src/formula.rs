//! Evaluating a norm's formula exactly, and writing it out with the user's own numbers
//! (`231,109 × 18 ÷ 10,000`), so that every figure can be checked by hand.

use crate::format::readable;
use crate::rules::Expr;
use rust_decimal::Decimal;

/// What a formula reads: the input values (by field index) and the norm's parameter values.
pub struct Scope<'a> {
    pub fields: &'a [Option<Decimal>],
    pub params: &'a [Decimal],
}

/// Why a formula has no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// These fields (by index) are empty or invalid.
    Missing(Vec<usize>),
    /// A divisor is zero, or a result is beyond 96-bit decimals.
    Undefined,
}

/// Evaluates exactly. Multiplication and division run left to right as written, so
/// `245000 × population ÷ province` is exact whenever the share is a whole number.
pub fn evaluate(expr: &Expr, scope: &Scope) -> Result<Decimal, EvalError> {
    // The common case first: everything present. Only a failed evaluation looks for what is missing.
    if let Some(v) = value(expr, scope) {
        return Ok(v);
    }
    let mut missing = Vec::new();
    missing_fields(expr, scope, &mut missing);
    Err(if missing.is_empty() { EvalError::Undefined } else { EvalError::Missing(missing) })
}

fn value(expr: &Expr, scope: &Scope) -> Option<Decimal> {
    Some(match *expr {
        Expr::Num(m, s) => Decimal::new(m, s),
        Expr::Field(i) => scope.fields[i]?,
        Expr::Param(i) => *scope.params.get(i)?,
        Expr::Add(a, b) => value(a, scope)?.checked_add(value(b, scope)?)?,
        Expr::Sub(a, b) => value(a, scope)?.checked_sub(value(b, scope)?)?,
        Expr::Mul(a, b) => value(a, scope)?.checked_mul(value(b, scope)?)?,
        Expr::Div(a, b) => {
            let x = value(a, scope)?;
            let shifted = match *b {
                Expr::Num(m, 0) => ten_power(m).and_then(|k| point_moved_left(x, k)),
                _ => None,
            };
            match shifted {
                Some(q) => q,
                None => x.checked_div(value(b, scope)?)?,
            }
        }
    })
}

/// x ÷ 10^k by moving the decimal point ("per 100 households", "per 10,000 residents"): the same value
/// as the long division at a fraction of its cost, where the result keeps at most 28 decimal places.
fn point_moved_left(x: Decimal, k: u32) -> Option<Decimal> {
    let mut q = x;
    q.set_scale(x.scale() + k).ok()?;
    Some(q)
}

/// k where `m` is 10^k (k ≥ 1).
fn ten_power(m: i64) -> Option<u32> {
    let k = m.checked_ilog10()?;
    (k > 0 && 10i64.pow(k) == m).then_some(k)
}

/// Collects, once each and in formula order, the fields the formula needs but does not have.
pub fn missing_fields(expr: &Expr, scope: &Scope, out: &mut Vec<usize>) {
    match *expr {
        Expr::Field(i) if scope.fields[i].is_none() && !out.contains(&i) => out.push(i),
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) => {
            missing_fields(a, scope, out);
            missing_fields(b, scope, out);
        }
        _ => {}
    }
}

/// Binding strength, for deciding where parentheses are needed when writing a formula out.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::Add(..) | Expr::Sub(..) => 1,
        Expr::Mul(..) | Expr::Div(..) => 2,
        _ => 3,
    }
}

/// Writes the formula with numbers in place of names: `231,109 × 18 ÷ 10,000`. Missing fields
/// show as `?`. Parentheses appear only where the formula needs them.
pub fn substitute(expr: &Expr, scope: &Scope) -> String {
    let mut out = String::new();
    write_expr(expr, scope, &mut out);
    out
}

fn write_expr(expr: &Expr, scope: &Scope, out: &mut String) {
    let (a, b, op, level) = match *expr {
        Expr::Num(m, s) => return out.push_str(&readable(Decimal::new(m, s), 28).0),
        Expr::Field(i) => return out.push_str(&scope.fields[i].map_or("?".into(), |v| readable(v, 28).0)),
        Expr::Param(i) => return out.push_str(&scope.params.get(i).map_or("?".into(), |v| readable(*v, 28).0)),
        Expr::Add(a, b) => (a, b, " + ", 1),
        Expr::Sub(a, b) => (a, b, " − ", 1),
        Expr::Mul(a, b) => (a, b, " × ", 2),
        Expr::Div(a, b) => (a, b, " ÷ ", 2),
    };
    write_operand(a, precedence(a) < level, scope, out);
    out.push_str(op);
    // The right operand of − or ÷ needs parentheses at equal strength too: a − (b + c), a ÷ (b × c).
    let tight = matches!(expr, Expr::Sub(..) | Expr::Div(..));
    write_operand(b, precedence(b) < level || (tight && precedence(b) == level), scope, out);
}

fn write_operand(expr: &Expr, parenthesise: bool, scope: &Scope, out: &mut String) {
    if parenthesise {
        out.push('(');
        write_expr(expr, scope, out);
        out.push(')');
    } else {
        write_expr(expr, scope, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORKERS: Expr = Expr::Div(&Expr::Mul(&Expr::Field(0), &Expr::Param(0)), &Expr::Num(10000, 0));
    static STAFF: Expr = Expr::Add(
        &Expr::Mul(&Expr::Param(0), &Expr::Add(&Expr::Field(0), &Expr::Field(1))),
        &Expr::Mul(&Expr::Param(1), &Expr::Add(&Expr::Field(2), &Expr::Field(3))),
    );

    #[test]
    fn evaluates_exactly_and_writes_out() {
        let fields = [Some(Decimal::from(231109))];
        let params = [Decimal::from(18)];
        let scope = Scope { fields: &fields, params: &params };
        assert_eq!(evaluate(&WORKERS, &scope).unwrap().to_string(), "415.9962");
        assert_eq!(substitute(&WORKERS, &scope), "231,109 × 18 ÷ 10,000");
    }

    #[test]
    fn dividing_by_a_power_of_ten_is_the_long_division() {
        static PER_100: Expr = Expr::Div(&Expr::Field(0), &Expr::Num(100, 0));
        static PER_10K: Expr = Expr::Div(&Expr::Field(0), &Expr::Num(10000, 0));
        static PER_7: Expr = Expr::Div(&Expr::Field(0), &Expr::Num(7, 0));
        for text in ["231109", "0.5", "415.9962", "0.0000000000000000000000001", "79228162514264337593543950335"] {
            let x: Decimal = text.parse().unwrap();
            for (expr, divisor) in [(&PER_100, 100), (&PER_10K, 10000), (&PER_7, 7)] {
                let fields = [Some(x)];
                let scope = Scope { fields: &fields, params: &[] };
                assert_eq!(evaluate(expr, &scope).ok(), x.checked_div(Decimal::from(divisor)), "{text} ÷ {divisor}");
            }
        }
        assert_eq!(ten_power(10000), Some(4));
        assert_eq!(
            (ten_power(1), ten_power(7), ten_power(0), ten_power(-100), ten_power(1001)),
            (None, None, None, None, None)
        );
    }

    #[test]
    fn parenthesises_where_needed_and_names_what_is_missing() {
        let fields = [Some(Decimal::from(3)), Some(Decimal::from(2)), None, Some(Decimal::from(5))];
        let params = [Decimal::from(2), Decimal::from(4)];
        let scope = Scope { fields: &fields, params: &params };
        assert_eq!(substitute(&STAFF, &scope), "2 × (3 + 2) + 4 × (? + 5)");
        assert_eq!(evaluate(&STAFF, &scope), Err(EvalError::Missing(vec![2])));
    }
}
