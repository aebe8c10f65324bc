//! The totals row: exact sums of the columns that add up (`ExactSum`), and `Batch`'s totals.

use crate::{summable, Batch, Col};
use minzheng_core::format::plain;
use minzheng_core::inputs::FIELDS;
use minzheng_text::{export, Lang};
use rust_decimal::Decimal;

impl Batch {
    /// Whether a column's values add up to something meaningful (counts, amounts, areas; not a per-person
    /// standard, a rate or a typed standard: nor what is had of one, nor its gap).
    fn summed(&self, col: Col) -> bool {
        match col {
            Col::Required(n) | Col::RequiredMax(n) | Col::Current(n) | Col::Gap(n) => summable(n),
            Col::Input(i) => FIELDS[i].kind == minzheng_core::inputs::FieldKind::Count,
            _ => false,
        }
    }

    /// The exact sums of `cols` over every computed row (`None` where a column does not add up, or has no
    /// value). One pass, row by row: the results are stored row-major, and a pass per column (41 columns of
    /// 40,000 rows) missed the cache on nearly every value, about 45 ms natively. Input columns were summed
    /// as the rows were computed (compute::step).
    pub fn totals(&self, cols: &[Col]) -> Vec<Option<Decimal>> {
        let mut sums = vec![ExactSum::default(); cols.len()];
        let by_row: Vec<usize> =
            (0..cols.len()).filter(|&k| self.summed(cols[k]) && !matches!(cols[k], Col::Input(_))).collect();
        for row in 0..self.results.done {
            for &k in &by_row {
                // What is had, and the gap, count where the requirement does (not where the norm does not
                // apply, or waits for an input), so that the three totals speak of the same localities.
                if let Col::Current(n) | Col::Gap(n) = cols[k] {
                    if self.number(Col::Required(n), row).is_none() {
                        continue;
                    }
                }
                if let Some(v) = self.number(cols[k], row) {
                    sums[k].add(v);
                }
            }
        }
        cols.iter()
            .zip(&sums)
            .map(|(&col, sum)| match col {
                _ if !self.summed(col) => None,
                Col::Input(i) => self.results.input_sums[i].total(),
                _ => sum.total(),
            })
            .collect()
    }

    /// One column's total (see `totals`, which sums many columns in one pass).
    pub fn total(&self, col: Col) -> Option<Decimal> {
        self.totals(&[col]).pop().flatten()
    }

    /// The totals row as the page shows it, one text per column; a range as `low–high`.
    pub fn totals_text(&self, cols: &[Col], lang: Lang) -> Vec<String> {
        let mut summed = Vec::with_capacity(cols.len() + 4);
        for &col in cols {
            summed.push(col);
            if let Col::Required(n) = col {
                if self.results.range_slot[n].is_some() {
                    summed.push(Col::RequiredMax(n));
                }
            }
        }
        let sums = self.totals(&summed);
        let total_of = |col: Col| summed.iter().position(|&c| c == col).and_then(|k| sums[k]);
        cols.iter()
            .map(|&col| match col {
                Col::Row => export::TOTAL.get(lang).to_string(),
                Col::Name => export::LOCALITIES.fill(lang, &[("count", &self.results.done.to_string())]),
                Col::Required(n) if self.results.range_slot[n].is_some() => {
                    match (total_of(Col::Required(n)), total_of(Col::RequiredMax(n))) {
                        (Some(lo), Some(hi)) => format!("{}–{}", plain(lo), plain(hi)),
                        _ => String::new(),
                    }
                }
                _ => total_of(col).map(plain).unwrap_or_default(),
            })
            .collect()
    }

    /// One column's text in the totals row.
    pub fn total_text(&self, col: Col, lang: Lang) -> String {
        self.totals_text(&[col], lang).pop().unwrap_or_default()
    }
}

/// An exact running sum of decimals: each scale's mantissas are added as 128-bit integers, and `total`
/// adds the at most 29 parts as decimals at the end. A total is exact or absent, never rounded on the way
/// (every value is mantissa × 10^-scale), and each row costs an integer addition, not a decimal one.
#[derive(Debug, Clone, Default)]
pub struct ExactSum {
    by_scale: [i128; 29],
    any: bool,
}

impl ExactSum {
    pub fn add(&mut self, v: Decimal) {
        // |mantissa| < 2^96, so 2^31 of them cannot overflow an i128.
        self.by_scale[v.scale() as usize] += v.mantissa();
        self.any = true;
    }

    /// The sum, or `None` when nothing was added or the sum is beyond 96-bit decimals.
    pub fn total(&self) -> Option<Decimal> {
        if !self.any {
            return None;
        }
        let mut sum = Decimal::ZERO;
        for (scale, &part) in self.by_scale.iter().enumerate() {
            if part != 0 {
                sum = sum.checked_add(Decimal::try_from_i128_with_scale(part, scale as u32).ok()?)?;
            }
        }
        Some(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::ExactSum;
    use rust_decimal::Decimal;

    fn exact_sum(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
        let mut sum = ExactSum::default();
        values.for_each(|v| sum.add(v));
        sum.total()
    }

    #[test]
    fn sums_by_scale_exactly() {
        let values = ["416", "2.5", "0.35", "1000000", "0.000001", "7.10"]
            .map(|t| minzheng_core::number::decimal_from_digits(t).expect("plain digits"));
        let folded = values.iter().try_fold(Decimal::ZERO, |s, v| s.checked_add(*v)).unwrap();
        assert_eq!(exact_sum(values.into_iter()), Some(folded));
        assert_eq!(exact_sum(values.into_iter()).map(|s| s.normalize().to_string()).as_deref(), Some("1000425.950001"));
        assert_eq!(exact_sum(std::iter::empty()), None);
        // Beyond 96-bit decimals: no total rather than a wrong one.
        assert_eq!(exact_sum([Decimal::MAX, Decimal::MAX].into_iter()), None);
    }

    #[test]
    fn input_totals_summed_while_computing_match_the_cells() {
        // Typed values, a bad cell, an empty cell, a part above its whole, and decimals.
        let csv = "name,resident_population,urban_resident_population,households,townships,urban_dibao_monthly\n\
                   甲,1000,900,300,3,672.5\n\
                   乙,2000,2500,abc,,700\n\
                   丙,1.2万,1000,1,2.5,680.25\n";
        let mut batch = super::Batch::read(csv.as_bytes(), &crate::EncodingRs).expect("reads");
        batch.compute_all();
        let mut compared = 0;
        for col in batch.view_columns().into_iter().chain(batch.export_columns()) {
            if let super::Col::Input(i) = col {
                let mut slow = ExactSum::default();
                (0..batch.rows()).filter_map(|row| batch.number(col, row)).for_each(|v| slow.add(v));
                let expected = if minzheng_core::inputs::FIELDS[i].kind == minzheng_core::inputs::FieldKind::Count {
                    slow.total()
                } else {
                    None
                };
                assert_eq!(batch.total(col), expected, "{}", minzheng_core::inputs::FIELD_IDS[i]);
                compared += 1;
            }
        }
        assert!(compared >= 5, "{compared} input columns");
        let input = |id: &str| super::Col::Input(minzheng_core::inputs::field_index(id).unwrap());
        assert_eq!(batch.total_text(input("resident_population"), super::Lang::Zh), "15000");
        assert_eq!(batch.total_text(input("urban_resident_population"), super::Lang::En), "1900");
    }
}
