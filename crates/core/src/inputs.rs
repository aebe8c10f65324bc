//! Turning the text a user typed into checked values: each field by its kind and bounds (the fields
//! themselves are `fields`), the `current.` / `param.` keys, defaults and cross-field checks. One bad
//! field never stops the others: it is reported and left out, and only the norms that need it say so.

use crate::fields::MONEY_MAX;
use crate::level::Level;
use crate::number::{parse_number, typed_unit, unit_fits, NumberError};
use crate::rules::{norm_index, NORMS};
use rust_decimal::Decimal;
use std::fmt;

pub use crate::fields::{
    field_index, FieldGroup, FieldIndex, FieldKind, FieldSpec, FIELDS, FIELD_COUNT, FIELD_IDS, LEVEL_IDS,
    NAME_MAX_CHARS,
};
use FieldKind::*;

/// Why a typed value cannot be used. The text catalogue (crates/text) words it in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotANumber,
    Negative,
    /// Exponent notation (`1e5`).
    Exponent,
    /// Thousands separators not between groups of three.
    BadSeparator,
    /// Far too many digits to be a figure.
    TooLarge,
    NotWhole,
    NotPositive,
    /// Above the field's plausible maximum (a typing mistake).
    OutOfRange {
        max: u64,
    },
    /// A unit typed after the figure that is not its own (`5%` for a population).
    WrongUnit {
        typed: &'static str,
    },
    /// A locality name longer than this many characters.
    TooLong {
        max: usize,
    },
    /// A part of the resident population (urban, elderly) above the whole.
    ExceedsResident {
        resident: Decimal,
    },
    /// Not one of the levels (`level::LEVELS`).
    NotALevel,
}

impl ErrorKind {
    /// A stable machine-readable reason (the `code` of `compute()`'s errors).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotANumber => "not-a-number",
            ErrorKind::Negative => "negative",
            ErrorKind::Exponent => "exponent",
            ErrorKind::BadSeparator => "separator",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::NotWhole => "not-whole",
            ErrorKind::NotPositive => "not-positive",
            ErrorKind::OutOfRange { .. } => "out-of-range",
            ErrorKind::TooLong { .. } => "too-long",
            ErrorKind::ExceedsResident { .. } => "exceeds-resident",
            ErrorKind::NotALevel => "not-a-level",
            ErrorKind::WrongUnit { .. } => "wrong-unit",
        }
    }
}

/// An input the calculator could not use: which one, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputError {
    pub key: Key,
    pub kind: ErrorKind,
}

/// The checked inputs of one locality.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub name: String,
    /// The locality's level, where given (and valid): it decides which norms apply.
    pub level: Option<Level>,
    /// `None` where the field was empty or invalid.
    pub values: [Option<Decimal>; FIELD_COUNT],
    /// Whether a value came from a default (the field's own, or one the level implies) rather than the user.
    pub defaulted: [bool; FIELD_COUNT],
    /// Current provision, by norm index.
    pub current: Vec<Option<Decimal>>,
    /// Local overrides of norm parameters: (norm index, parameter index, value).
    pub overrides: Vec<(usize, usize, Decimal)>,
}

/// What a typed value must be, beyond a number.
struct Check {
    whole: bool,
    positive: bool,
    max: u64,
    /// The figure's unit (`人`, `元/人/月`, `%`): a different one typed after it is an error.
    unit: &'static str,
}

/// Parses and checks one typed value; `Ok(None)` for an empty field.
fn check_value(text: &str, check: Check) -> Result<Option<Decimal>, ErrorKind> {
    let value = match parse_number(text) {
        Ok(v) => v,
        Err(NumberError::Empty) => return Ok(None),
        Err(NumberError::NotANumber) => return Err(ErrorKind::NotANumber),
        Err(NumberError::Negative) => return Err(ErrorKind::Negative),
        Err(NumberError::Exponent) => return Err(ErrorKind::Exponent),
        Err(NumberError::BadSeparator) => return Err(ErrorKind::BadSeparator),
        Err(NumberError::TooLarge) => return Err(ErrorKind::TooLarge),
    };
    if let Some(typed) = typed_unit(text).filter(|typed| !unit_fits(typed, check.unit)) {
        return Err(ErrorKind::WrongUnit { typed });
    }
    if check.whole && !value.fract().is_zero() {
        return Err(ErrorKind::NotWhole);
    }
    if check.positive && value.is_zero() {
        return Err(ErrorKind::NotPositive);
    }
    if value > Decimal::from(check.max) {
        return Err(ErrorKind::OutOfRange { max: check.max });
    }
    Ok(Some(value))
}

/// What a form field's name refers to: a contract field (`resident_population`), a norm's current
/// provision (`current.<norm id>`) or a local standard (`param.<norm id>.<name>`). `Key::parse` and
/// `Display` are the only reader and writer of these names: the page, the link, spreadsheets and
/// the custom element (through the page module's `inputKey`) all go through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// A contract field, by index into `FIELDS`.
    Field(FieldIndex),
    /// `current.<norm id>`: a norm's current provision, by norm index.
    Current(usize),
    /// `param.<norm id>.<name>`: a local standard, by norm and parameter index.
    Param(usize, usize),
}

impl Key {
    /// The key a name stands for, exactly as written (no surrounding spaces), or `None` for any other
    /// name (a link's `lang`, a sheet's extra column, an unknown norm or parameter).
    pub fn parse(name: &str) -> Option<Key> {
        if let Some(index) = field_index(name) {
            return Some(Key::Field(index));
        }
        if let Some(norm_id) = name.strip_prefix("current.") {
            return norm_index(norm_id).map(Key::Current);
        }
        let (norm_id, param_name) = name.strip_prefix("param.")?.split_once('.')?;
        let norm = norm_index(norm_id)?;
        let param = NORMS[norm].params.iter().position(|p| p.name == param_name)?;
        Some(Key::Param(norm, param))
    }
}

impl fmt::Display for Key {
    /// The name the key is written as: the inverse of `Key::parse`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Key::Field(index) => f.write_str(FIELD_IDS[index]),
            Key::Current(norm) => write!(f, "current.{}", NORMS[norm].id),
            Key::Param(norm, param) => write!(f, "param.{}.{}", NORMS[norm].id, NORMS[norm].params[param].name),
        }
    }
}

/// Reads a locality's inputs from (field name, typed text) pairs, as a form, a link or a spreadsheet
/// row gives them. Names are read without their surrounding spaces; other names are ignored (a link
/// may carry `lang`, a sheet extra columns).
pub fn parse_inputs<'a, I>(pairs: I) -> (Inputs, Vec<InputError>)
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    parse_keyed(pairs.into_iter().filter_map(|(name, text)| Some((Key::parse(name.trim())?, text))))
}

/// `parse_inputs` with every name already looked up (a spreadsheet's columns are looked up once, not
/// on every row).
pub fn parse_keyed<'a, I>(pairs: I) -> (Inputs, Vec<InputError>)
where
    I: IntoIterator<Item = (Key, &'a str)>,
{
    let mut inputs = Inputs { current: vec![None; NORMS.len()], ..Inputs::default() };
    let mut errors = Vec::new();
    let mut given = [false; FIELD_COUNT];
    for (key, text) in pairs {
        let checked = match key {
            Key::Field(index) => {
                given[index] = !text.trim().is_empty();
                let spec = &FIELDS[index];
                if spec.kind == Text {
                    inputs.name = text.trim().to_string();
                    if inputs.name.chars().count() > NAME_MAX_CHARS {
                        errors.push(InputError { key, kind: ErrorKind::TooLong { max: NAME_MAX_CHARS } });
                    }
                    continue;
                }
                if spec.kind == Choice {
                    // A wrong level is left out: every norm then applies, as with none given.
                    inputs.level = Level::parse(text).unwrap_or_else(|()| {
                        errors.push(InputError { key, kind: ErrorKind::NotALevel });
                        None
                    });
                    continue;
                }
                let check = Check {
                    whole: spec.kind != Amount,
                    positive: spec.kind == PositiveCount,
                    max: spec.max,
                    unit: spec.unit_zh,
                };
                let checked = check_value(text, check);
                // A bad value leaves the field empty: only the norms that need it say so.
                inputs.values[index] = checked.unwrap_or(None);
                checked.map(|_| ())
            }
            Key::Current(norm) => {
                let check = Check {
                    whole: NORMS[norm].rounding.is_count(),
                    positive: false,
                    max: CURRENT_MAX,
                    unit: NORMS[norm].unit_zh,
                };
                check_value(text, check).map(|value| inputs.current[norm] = value)
            }
            Key::Param(norm, param) => {
                let check = Check { whole: false, positive: true, max: MONEY_MAX, unit: "" };
                check_value(text, check).map(|value| {
                    if let Some(value) = value {
                        inputs.overrides.retain(|&(n, p, _)| (n, p) != (norm, param));
                        inputs.overrides.push((norm, param, value));
                    }
                })
            }
        };
        if let Err(kind) = checked {
            errors.push(InputError { key, kind });
        }
    }
    apply_defaults(&mut inputs, &given, &errors);
    check_cross_fields(&mut inputs, &mut errors);
    (inputs, errors)
}

/// A current provision above this is a typing mistake whatever the norm.
const CURRENT_MAX: u64 = 100_000_000_000;

/// Fills the census bases, and the counts the locality's level implies, where the user left them empty
/// (not where they typed something wrong: a wrong value must be seen, not replaced).
fn apply_defaults(inputs: &mut Inputs, given: &[bool; FIELD_COUNT], errors: &[InputError]) {
    let fill = |inputs: &mut Inputs, index: FieldIndex, value: &str| {
        let has_error = errors.iter().any(|e| e.key == Key::Field(index));
        if !given[index] && !has_error {
            inputs.values[index] = parse_number(value).ok();
            inputs.defaulted[index] = true;
        }
    };
    for (index, spec) in FIELDS.iter().enumerate() {
        if let Some(default) = spec.default {
            fill(inputs, index, default);
        }
    }
    let Some(level) = inputs.level else {
        return;
    };
    let spec = level.spec();
    for implied in spec.implies {
        if let Some(index) = field_index(implied.field) {
            fill(inputs, index, implied.value);
        }
    }
    let one_of: Vec<FieldIndex> = spec.one_of.iter().filter_map(|f| field_index(f)).collect();
    if one_of.iter().any(|&i| given[i] && inputs.values[i].is_some()) {
        for index in one_of {
            fill(inputs, index, "0");
        }
    }
}

/// Urban and elderly population are parts of the resident population: a part larger than the whole
/// is an error on the part (the smaller field), which is then left out.
fn check_cross_fields(inputs: &mut Inputs, errors: &mut Vec<InputError>) {
    let Some(resident) = field_index("resident_population").and_then(|i| inputs.values[i]) else {
        return;
    };
    for part in ["urban_resident_population", "elderly_population"].into_iter().filter_map(field_index) {
        if inputs.values[part].is_some_and(|value| value > resident) {
            errors.push(InputError { key: Key::Field(part), kind: ErrorKind::ExceedsResident { resident } });
            inputs.values[part] = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::PEOPLE_MAX;

    #[test]
    fn fields_follow_the_id_list() {
        for (spec, id) in FIELDS.iter().zip(FIELD_IDS) {
            assert_eq!(spec.id, id);
        }
    }

    #[test]
    fn a_bad_field_is_reported_and_left_out() {
        let (inputs, errors) = parse_inputs([("resident_population", "abc"), ("households", "1.2万")]);
        let resident = Key::Field(field_index("resident_population").unwrap());
        assert_eq!(errors, [InputError { key: resident, kind: ErrorKind::NotANumber }]);
        assert_eq!(inputs.values[field_index("households").unwrap()], Some(Decimal::from(12000)));
    }

    #[test]
    fn census_defaults_apply_only_when_empty() {
        let (inputs, errors) = parse_inputs([]);
        assert!(errors.is_empty());
        let p = field_index("province_resident_population").unwrap();
        assert_eq!(inputs.values[p], Some(Decimal::from(42591407)));
        assert!(inputs.defaulted[p]);
        let (inputs, errors) = parse_inputs([("province_resident_population", "0")]);
        assert_eq!(errors[0].kind.code(), "not-positive");
        assert_eq!(inputs.values[p], None);
    }

    #[test]
    fn the_level_is_read_and_fills_only_the_counts_left_empty() {
        let index = |id| field_index(id).unwrap();
        let (inputs, errors) = parse_inputs([("level", " 县 "), ("districts", "2"), ("counties", "")]);
        assert!(errors.is_empty());
        assert_eq!(inputs.level, Some(Level::County));
        assert_eq!(inputs.values[index("level")], None, "a level is not a figure");
        for (id, value, defaulted) in [("counties", 1, true), ("districts", 2, false), ("prefecture_cities", 0, true)] {
            assert_eq!(inputs.values[index(id)], Some(Decimal::from(value)), "{id}");
            assert_eq!(inputs.defaulted[index(id)], defaulted, "{id}");
        }
        // The last value of a repeated key counts; an empty one is no level, and implies nothing.
        let (inputs, _) = parse_inputs([("level", "county"), ("level", "")]);
        assert_eq!((inputs.level, inputs.values[index("counties")]), (None, None));
        let (inputs, errors) = parse_inputs([("level", "village")]);
        assert_eq!(errors, [InputError { key: Key::Field(index("level")), kind: ErrorKind::NotALevel }]);
        assert_eq!((inputs.level, inputs.values[index("counties")]), (None, None));
    }

    #[test]
    fn the_level_field_offers_its_values() {
        let spec = &FIELDS[field_index("level").unwrap()];
        assert_eq!(spec.kind, Choice);
        let values: Vec<&str> = spec.options.iter().map(|o| o.value).collect();
        assert_eq!(values, LEVEL_IDS);
        assert!(FIELDS.iter().filter(|f| f.id != "level").all(|f| f.options.is_empty()));
    }

    #[test]
    fn a_part_above_the_whole_is_an_error_on_the_part() {
        let (inputs, errors) = parse_inputs([
            ("resident_population", "1000"),
            ("urban_resident_population", "1001"),
            ("elderly_population", "1000"),
        ]);
        let urban = Key::Field(field_index("urban_resident_population").unwrap());
        assert_eq!(
            errors,
            [InputError { key: urban, kind: ErrorKind::ExceedsResident { resident: Decimal::from(1000) } }]
        );
        assert_eq!(errors[0].kind.code(), "exceeds-resident");
        assert_eq!(inputs.values[field_index("elderly_population").unwrap()], Some(Decimal::from(1000)));
    }

    #[test]
    fn counts_must_be_whole_and_plausible() {
        let (_, errors) = parse_inputs([("townships", "2.5"), ("resident_population", "3000000000")]);
        let kinds: Vec<_> = errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ErrorKind::NotWhole, ErrorKind::OutOfRange { max: PEOPLE_MAX }]);
    }

    #[test]
    fn every_key_reads_back_as_written() {
        let names = FIELD_IDS
            .iter()
            .map(|f| f.to_string())
            .chain(NORMS.iter().map(|n| format!("current.{}", n.id)))
            .chain(NORMS.iter().flat_map(|n| n.params.iter().map(move |p| format!("param.{}.{}", n.id, p.name))));
        let mut count = 0;
        for name in names {
            let key = Key::parse(&name).unwrap_or_else(|| panic!("{name} is a key"));
            assert_eq!(key.to_string(), name);
            count += 1;
        }
        assert_eq!(count, FIELD_COUNT + NORMS.len() + NORMS.iter().map(|n| n.params.len()).sum::<usize>());
        let workers = norm_index("community_workers").unwrap();
        assert_eq!(Key::parse("current.community_workers"), Some(Key::Current(workers)));
        assert_eq!(Key::parse("param.community_workers.per_10k"), Some(Key::Param(workers, 0)));
    }

    #[test]
    fn unknown_names_are_not_keys() {
        for name in [
            "",
            "lang",
            "current.",
            "current.no_such_norm",
            "current.community_workers.per_10k",
            "param.community_workers",
            "param.community_workers.",
            "param.community_workers.no_such_param",
            "param.no_such_norm.per_10k",
            "param..per_10k",
            "Resident_population",
            "current.Community_workers",
        ] {
            assert_eq!(Key::parse(name), None, "{name:?}");
        }
    }

    #[test]
    fn keys_are_exact_and_forms_trim_their_names() {
        // The parser takes a name as written; reading a form or a row, names lose their spaces first.
        assert_eq!(Key::parse(" resident_population"), None);
        assert_eq!(Key::parse("current.community_workers "), None);
        assert_eq!(Key::parse("param. community_workers.per_10k"), None);
        let (inputs, errors) =
            parse_inputs([(" resident_population\t", "1000"), ("\u{3000}current.community_workers ", "9")]);
        assert!(errors.is_empty());
        assert_eq!(inputs.values[field_index("resident_population").unwrap()], Some(Decimal::from(1000)));
        assert_eq!(inputs.current[norm_index("community_workers").unwrap()], Some(Decimal::from(9)));
    }
}
