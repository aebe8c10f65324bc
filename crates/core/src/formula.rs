//! Evaluating a norm's formula exactly, and laying it out as tokens with the user's own numbers in
//! place of the names, so that every figure can be checked by hand (the text catalogue writes the
//! tokens as `231,109 × 18 ÷ 10,000`, or in words).

use crate::inputs::FieldIndex;
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

/// An arithmetic operator of a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// One piece of a formula laid out for reading, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A number written in the formula (18, 10,000).
    Number(Decimal),
    /// An input field, with its value where the user gave one.
    Field(FieldIndex, Option<Decimal>),
    /// A parameter of the norm (by index into `Norm::params`), with the value in force.
    Param(usize, Option<Decimal>),
    Op(Op),
    Open,
    Close,
}

/// Binding strength, for deciding where parentheses are needed when laying a formula out.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::Add(..) | Expr::Sub(..) => 1,
        Expr::Mul(..) | Expr::Div(..) => 2,
        _ => 3,
    }
}

/// The formula as tokens with the scope's values: `urban_resident_population × per_10k ÷ 10000` gives
/// field 2 (231,109), ×, parameter 0 (18), ÷, 10,000. Parentheses appear only where the formula
/// needs them.
pub fn tokens(expr: &Expr, scope: &Scope) -> Vec<Token> {
    let mut out = Vec::new();
    push_tokens(expr, scope, &mut out);
    out
}

fn push_tokens(expr: &Expr, scope: &Scope, out: &mut Vec<Token>) {
    let (a, b, op, level) = match *expr {
        Expr::Num(m, s) => return out.push(Token::Number(Decimal::new(m, s))),
        Expr::Field(i) => return out.push(Token::Field(i, scope.fields[i])),
        Expr::Param(i) => return out.push(Token::Param(i, scope.params.get(i).copied())),
        Expr::Add(a, b) => (a, b, Op::Add, 1),
        Expr::Sub(a, b) => (a, b, Op::Sub, 1),
        Expr::Mul(a, b) => (a, b, Op::Mul, 2),
        Expr::Div(a, b) => (a, b, Op::Div, 2),
    };
    push_operand(a, precedence(a) < level, scope, out);
    out.push(Token::Op(op));
    // The right operand of − or ÷ needs parentheses at equal strength too: a − (b + c), a ÷ (b × c).
    let tight = matches!(op, Op::Sub | Op::Div);
    push_operand(b, precedence(b) < level || (tight && precedence(b) == level), scope, out);
}

fn push_operand(expr: &Expr, parenthesise: bool, scope: &Scope, out: &mut Vec<Token>) {
    if parenthesise {
        out.push(Token::Open);
        push_tokens(expr, scope, out);
        out.push(Token::Close);
    } else {
        push_tokens(expr, scope, out);
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
        let d = Decimal::from;
        assert_eq!(
            tokens(&WORKERS, &scope),
            [
                Token::Field(0, Some(d(231109))),
                Token::Op(Op::Mul),
                Token::Param(0, Some(d(18))),
                Token::Op(Op::Div),
                Token::Number(d(10000))
            ]
        );
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
        let (d, mul, add) = (Decimal::from, Token::Op(Op::Mul), Token::Op(Op::Add));
        // 2 × (3 + 2) + 4 × (? + 5)
        assert_eq!(
            tokens(&STAFF, &scope),
            [
                Token::Param(0, Some(d(2))),
                mul,
                Token::Open,
                Token::Field(0, Some(d(3))),
                add,
                Token::Field(1, Some(d(2))),
                Token::Close,
                add,
                Token::Param(1, Some(d(4))),
                mul,
                Token::Open,
                Token::Field(2, None),
                add,
                Token::Field(3, Some(d(5))),
                Token::Close
            ]
        );
        assert_eq!(evaluate(&STAFF, &scope), Err(EvalError::Missing(vec![2])));
        // a − (b − c) and a ÷ (b × c) keep their parentheses; (a − b) − c and a × b ÷ c need none.
        static NESTED: Expr = Expr::Sub(&Expr::Field(0), &Expr::Sub(&Expr::Field(1), &Expr::Field(3)));
        let laid_out = tokens(&NESTED, &scope);
        assert_eq!((laid_out[2], laid_out[3], laid_out[6]), (Token::Open, Token::Field(1, Some(d(2))), Token::Close));
        assert!(!tokens(&WORKERS, &scope).contains(&Token::Open));
    }
}
