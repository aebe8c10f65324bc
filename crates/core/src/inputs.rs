//! The contract's input fields (CONTRACT.md §1): ids, labels, units, bounds and cross-field checks,
//! and turning the text a user typed into checked values. One bad field never stops the others:
//! it is reported and left out, and only the norms that need it say so.

use crate::number::{parse_number, NumberError};
use crate::rules::{Norm, NORMS};
use rust_decimal::Decimal;
use serde::Serialize;

include!("field_ids.rs");

/// Index of a field in `FIELD_IDS` / `FIELDS`.
pub type FieldIndex = usize;
pub const FIELD_COUNT: usize = FIELD_IDS.len();

/// What a field holds, which decides how its text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// Free text (the locality's name).
    Text,
    /// A whole number ≥ 0 (people, households, units, beds).
    Count,
    /// A decimal ≥ 0 (money, percentages).
    Amount,
    /// A whole number > 0 (a base that is divided by).
    PositiveCount,
}

/// Where a field sits on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldGroup {
    Population,
    Divisions,
    Facilities,
    Standards,
    ProvinceBase,
}

/// One input field of the contract.
#[derive(Debug, Serialize)]
pub struct FieldSpec {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit_zh: &'static str,
    pub unit_en: &'static str,
    pub group: FieldGroup,
    pub kind: FieldKind,
    /// The largest plausible value; beyond it the figure is taken for a typing mistake.
    pub max: u64,
    /// Used when the user leaves the field empty (the census bases only).
    pub default: Option<&'static str>,
    /// Where the default comes from.
    pub default_source_zh: &'static str,
    pub default_source_en: &'static str,
}

const PEOPLE_MAX: u64 = 2_000_000_000;
const UNITS_MAX: u64 = 1_000_000;
const MONEY_MAX: u64 = 100_000_000;
const CENSUS_ZH: &str = "辽宁省第七次全国人口普查公报（2020年11月1日零时）";
const CENSUS_EN: &str = "Liaoning Seventh National Population Census bulletin (2020-11-01)";

// One row of the FIELDS table below, one argument per column: a struct literal per row would repeat the
// column names 40 times and hide the table's shape.
#[allow(clippy::too_many_arguments)]
const fn field(
    id: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    unit_zh: &'static str,
    unit_en: &'static str,
    group: FieldGroup,
    kind: FieldKind,
    max: u64,
) -> FieldSpec {
    FieldSpec {
        id,
        label_zh,
        label_en,
        unit_zh,
        unit_en,
        group,
        kind,
        max,
        default: None,
        default_source_zh: "",
        default_source_en: "",
    }
}

use FieldGroup::*;
use FieldKind::*;

/// Every field, in the order of `FIELD_IDS` (a test checks the two agree).
pub static FIELDS: [FieldSpec; FIELD_COUNT] = [
    field("name", "地区名称", "Locality", "", "", Population, Text, 0),
    field("resident_population", "常住人口", "Resident population", "人", "persons", Population, Count, PEOPLE_MAX),
    field(
        "urban_resident_population",
        "城镇常住人口",
        "Urban resident population",
        "人",
        "persons",
        Population,
        Count,
        PEOPLE_MAX,
    ),
    field(
        "registered_population",
        "户籍人口",
        "Registered (hukou) population",
        "人",
        "persons",
        Population,
        Count,
        PEOPLE_MAX,
    ),
    field("households", "居民户数", "Households", "户", "households", Population, Count, PEOPLE_MAX),
    field(
        "elderly_population",
        "60周岁及以上老年人口",
        "Population aged 60 and over",
        "人",
        "persons",
        Population,
        Count,
        PEOPLE_MAX,
    ),
    field("prefecture_cities", "地级市个数", "Prefecture-level cities", "个", "cities", Divisions, Count, UNITS_MAX),
    field(
        "counties",
        "县和县级市个数",
        "Counties and county-level cities",
        "个",
        "counties",
        Divisions,
        Count,
        UNITS_MAX,
    ),
    field("districts", "市辖区个数", "City districts", "个", "districts", Divisions, Count, UNITS_MAX),
    field("townships", "乡镇个数（乡、镇）", "Townships and towns", "个", "townships", Divisions, Count, UNITS_MAX),
    field("subdistricts", "街道个数", "Subdistricts (jiedao)", "个", "subdistricts", Divisions, Count, UNITS_MAX),
    field("urban_communities", "城市社区个数", "Urban communities", "个", "communities", Divisions, Count, UNITS_MAX),
    field(
        "rural_communities",
        "农村社区（行政村）个数",
        "Rural communities (administrative villages)",
        "个",
        "communities",
        Divisions,
        Count,
        UNITS_MAX,
    ),
    field(
        "community_service_facilities",
        "城乡社区综合服务设施个数",
        "Community service facilities",
        "个",
        "facilities",
        Facilities,
        Count,
        UNITS_MAX,
    ),
    field(
        "marriage_registries",
        "县级以上婚姻登记机关个数",
        "Marriage registries (county level and above)",
        "个",
        "registries",
        Facilities,
        Count,
        UNITS_MAX,
    ),
    field(
        "county_child_welfare_institutions",
        "县级儿童福利机构个数",
        "County child welfare institutions",
        "个",
        "institutions",
        Facilities,
        Count,
        UNITS_MAX,
    ),
    field(
        "eldercare_beds",
        "养老机构床位数",
        "Eldercare institution beds",
        "张",
        "beds",
        Facilities,
        Count,
        PEOPLE_MAX,
    ),
    field(
        "annual_ashes_placements",
        "年新增骨灰安葬（放）数",
        "New ashes placements per year",
        "例",
        "placements",
        Facilities,
        Count,
        PEOPLE_MAX,
    ),
    field(
        "urban_dibao_monthly",
        "城市低保标准",
        "Urban dibao standard",
        "元/人/月",
        "yuan per person per month",
        Standards,
        Amount,
        MONEY_MAX,
    ),
    field(
        "rural_dibao_annual",
        "农村低保标准",
        "Rural dibao standard",
        "元/人/年",
        "yuan per person per year",
        Standards,
        Amount,
        MONEY_MAX,
    ),
    field(
        "urban_consumption_growth_pct",
        "城镇居民上年度人均消费支出增速",
        "Urban per-capita consumption growth, last year",
        "%",
        "%",
        Standards,
        Amount,
        1000,
    ),
    field(
        "rural_consumption_growth_pct",
        "农村居民上年度人均消费支出增速",
        "Rural per-capita consumption growth, last year",
        "%",
        "%",
        Standards,
        Amount,
        1000,
    ),
    field(
        "orphan_standard_monthly",
        "孤儿基本生活养育标准",
        "Orphan basic living standard",
        "元/人/月",
        "yuan per person per month",
        Standards,
        Amount,
        MONEY_MAX,
    ),
    field(
        "average_wage_annual",
        "上年度当地社会平均工资",
        "Local average wage, last year",
        "元/年",
        "yuan per year",
        Standards,
        Amount,
        MONEY_MAX,
    ),
    FieldSpec {
        default: Some("42591407"),
        default_source_zh: CENSUS_ZH,
        default_source_en: CENSUS_EN,
        ..field(
            "province_resident_population",
            "全省常住人口（分摊基数）",
            "Province resident population (apportioning base)",
            "人",
            "persons",
            ProvinceBase,
            PositiveCount,
            PEOPLE_MAX,
        )
    },
    FieldSpec {
        default: Some("10954467"),
        default_source_zh: CENSUS_ZH,
        default_source_en: CENSUS_EN,
        ..field(
            "province_elderly_population",
            "全省60周岁及以上人口（分摊基数）",
            "Province population aged 60+ (apportioning base)",
            "人",
            "persons",
            ProvinceBase,
            PositiveCount,
            PEOPLE_MAX,
        )
    },
];

/// The longest locality name kept; longer text is an error, not silently cut.
pub const NAME_MAX_CHARS: usize = 200;

/// Looks a field up by its contract id.
pub fn field_index(id: &str) -> Option<FieldIndex> {
    FIELD_IDS.iter().position(|f| *f == id)
}

/// An input the calculator could not use, with a message in both languages naming the field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputError {
    /// The form field's name: a contract field id, `current.<norm id>` or `param.<norm id>.<name>`.
    pub field: String,
    /// A stable machine-readable reason.
    pub code: &'static str,
    pub message_zh: String,
    pub message_en: String,
}

/// The checked inputs of one locality.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub name: String,
    /// `None` where the field was empty or invalid.
    pub values: [Option<Decimal>; FIELD_COUNT],
    /// Whether a value came from the field's default rather than the user.
    pub defaulted: [bool; FIELD_COUNT],
    /// Current provision, by norm index.
    pub current: Vec<Option<Decimal>>,
    /// Local overrides of norm parameters: (norm index, parameter index, value).
    pub overrides: Vec<(usize, usize, Decimal)>,
}

/// How a typed value is checked: the label to name in messages, and the rules it must meet.
struct Check<'a> {
    label_zh: &'a str,
    label_en: &'a str,
    whole: bool,
    positive: bool,
    max: Option<u64>,
}

/// Parses and checks one typed value; `Ok(None)` for an empty field.
fn check_value(field: &str, text: &str, check: &Check) -> Result<Option<Decimal>, InputError> {
    let error = |code: &'static str, zh: String, en: String| InputError {
        field: field.to_string(),
        code,
        message_zh: format!("{}：{}", check.label_zh, zh),
        message_en: format!("{}: {}", check.label_en, en),
    };
    let value = match parse_number(text) {
        Ok(v) => v,
        Err(NumberError::Empty) => return Ok(None),
        Err(NumberError::NotANumber) => {
            return Err(error(
                "not-a-number",
                "不是有效数字，请输入如 12345、12,345 或 1.2万".into(),
                "not a number; type e.g. 12345, 12,345 or 1.2万".into(),
            ))
        }
        Err(NumberError::Negative) => return Err(error("negative", "不能为负数".into(), "cannot be negative".into())),
        Err(NumberError::Exponent) => {
            return Err(error(
                "exponent",
                "不接受科学计数法（如 1e5），请写成 100000".into(),
                "exponent notation (1e5) is not accepted; write 100000".into(),
            ))
        }
        Err(NumberError::BadSeparator) => {
            return Err(error(
                "separator",
                "千位分隔符位置不对，应每三位一组，如 12,345".into(),
                "thousands separators are misplaced; group by three, as in 12,345".into(),
            ))
        }
        Err(NumberError::TooLarge) => {
            return Err(error("too-large", "数值过大".into(), "the number is far too large".into()))
        }
    };
    if check.whole && !value.fract().is_zero() {
        return Err(error("not-whole", "应为整数".into(), "must be a whole number".into()));
    }
    if check.positive && value.is_zero() {
        return Err(error("not-positive", "必须大于 0".into(), "must be greater than 0".into()));
    }
    if let Some(max) = check.max {
        if value > Decimal::from(max) {
            let shown = crate::format::group_thousands(&max.to_string());
            return Err(error(
                "out-of-range",
                format!("超出合理范围（最大 {shown}），请检查是否多输了位数"),
                format!("beyond the plausible range (at most {shown}); check for extra digits"),
            ));
        }
    }
    Ok(Some(value))
}

/// What a form field's name refers to (`key_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A contract field, by index into `FIELDS`.
    Field(FieldIndex),
    /// `current.<norm id>`: a norm's current provision, by norm index.
    Current(usize),
    /// `param.<norm id>.<name>`: a local standard, by norm and parameter index.
    Param(usize, usize),
    /// Anything else (a link's `lang`, a sheet's extra column): ignored.
    Other,
}

/// Looks a field name up. A spreadsheet's columns are looked up once (`parse_keyed`), not on every row.
pub fn key_of(name: &str) -> Key {
    let name = name.trim();
    if let Some(index) = field_index(name) {
        return Key::Field(index);
    }
    if let Some(norm_id) = name.strip_prefix("current.") {
        return NORMS.iter().position(|n| n.id == norm_id).map_or(Key::Other, Key::Current);
    }
    let Some((norm_id, param_name)) = name.strip_prefix("param.").and_then(|rest| rest.split_once('.')) else {
        return Key::Other;
    };
    let Some(norm_index) = NORMS.iter().position(|n| n.id == norm_id) else {
        return Key::Other;
    };
    match NORMS[norm_index].params.iter().position(|p| p.name == param_name) {
        Some(param_index) => Key::Param(norm_index, param_index),
        None => Key::Other,
    }
}

/// Reads a locality's inputs from (field name, typed text) pairs, as a form, a link or a spreadsheet
/// row gives them. Unknown names are ignored (a link may carry `lang`, a sheet extra columns).
pub fn parse_inputs<'a, I>(pairs: I) -> (Inputs, Vec<InputError>)
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    parse_keyed(pairs.into_iter().map(|(name, text)| (name, key_of(name), text)))
}

/// `parse_inputs` with every name already looked up: (name, `key_of(name)`, typed text).
pub fn parse_keyed<'a, I>(pairs: I) -> (Inputs, Vec<InputError>)
where
    I: IntoIterator<Item = (&'a str, Key, &'a str)>,
{
    let mut inputs = Inputs { current: vec![None; NORMS.len()], ..Inputs::default() };
    let mut errors = Vec::new();
    let mut given = [false; FIELD_COUNT];
    for (name, key, text) in pairs {
        let name = name.trim();
        match key {
            Key::Field(index) => {
                given[index] = !text.trim().is_empty();
                let spec = &FIELDS[index];
                if spec.kind == Text {
                    inputs.name = text.trim().to_string();
                    if inputs.name.chars().count() > NAME_MAX_CHARS {
                        errors.push(InputError {
                            field: name.to_string(),
                            code: "too-long",
                            message_zh: format!("地区名称过长（最多 {NAME_MAX_CHARS} 个字）"),
                            message_en: format!("Locality: the name is too long (at most {NAME_MAX_CHARS} characters)"),
                        });
                    }
                    continue;
                }
                let check = Check {
                    label_zh: spec.label_zh,
                    label_en: spec.label_en,
                    whole: spec.kind != Amount,
                    positive: spec.kind == PositiveCount,
                    max: Some(spec.max),
                };
                match check_value(name, text, &check) {
                    Ok(value) => inputs.values[index] = value,
                    Err(e) => {
                        inputs.values[index] = None;
                        errors.push(e);
                    }
                }
            }
            Key::Current(norm_index) => {
                let norm = &NORMS[norm_index];
                let label_zh = format!("现有{}", norm.name_zh);
                let label_en = format!("Current {}", norm.name_en);
                let check = Check {
                    label_zh: &label_zh,
                    label_en: &label_en,
                    whole: norm.rounding.is_count(),
                    positive: false,
                    max: Some(current_max(norm)),
                };
                match check_value(name, text, &check) {
                    Ok(value) => inputs.current[norm_index] = value,
                    Err(e) => errors.push(e),
                }
            }
            Key::Param(norm_index, param_index) => {
                let param = &NORMS[norm_index].params[param_index];
                let label_zh = format!("{}（本地标准）", param.label_zh);
                let label_en = format!("{} (local standard)", param.label_en);
                let check = Check {
                    label_zh: &label_zh,
                    label_en: &label_en,
                    whole: false,
                    positive: true,
                    max: Some(MONEY_MAX),
                };
                match check_value(name, text, &check) {
                    Ok(Some(value)) => {
                        inputs.overrides.retain(|(n, p, _)| !(*n == norm_index && *p == param_index));
                        inputs.overrides.push((norm_index, param_index, value));
                    }
                    Ok(None) => {}
                    Err(e) => errors.push(e),
                }
            }
            Key::Other => {}
        }
    }
    apply_defaults(&mut inputs, &given, &errors);
    check_cross_fields(&mut inputs, &mut errors);
    (inputs, errors)
}

/// A current provision above this is a typing mistake whatever the norm.
fn current_max(_norm: &Norm) -> u64 {
    100_000_000_000
}

/// Fills the census bases where the user left them empty (not where they typed something wrong:
/// a wrong base must be seen, not replaced).
fn apply_defaults(inputs: &mut Inputs, given: &[bool; FIELD_COUNT], errors: &[InputError]) {
    for (index, spec) in FIELDS.iter().enumerate() {
        let Some(default) = spec.default else {
            continue;
        };
        let has_error = errors.iter().any(|e| e.field == spec.id);
        if !given[index] && !has_error {
            inputs.values[index] = parse_number(default).ok();
            inputs.defaulted[index] = true;
        }
    }
}

/// Urban and elderly population are parts of the resident population: a part larger than the whole
/// is an error on the part (the smaller field), which is then left out.
fn check_cross_fields(inputs: &mut Inputs, errors: &mut Vec<InputError>) {
    let Some(resident_index) = field_index("resident_population") else {
        return;
    };
    let Some(resident) = inputs.values[resident_index] else {
        return;
    };
    for part in ["urban_resident_population", "elderly_population"] {
        let Some(index) = field_index(part) else {
            continue;
        };
        let Some(value) = inputs.values[index] else {
            continue;
        };
        if value > resident {
            let spec = &FIELDS[index];
            let shown = crate::format::group_thousands(&resident.to_string());
            errors.push(InputError {
                field: part.to_string(),
                code: "exceeds-resident",
                message_zh: format!("{}：不能大于常住人口（{shown} 人）", spec.label_zh),
                message_en: format!("{}: cannot exceed the resident population ({shown})", spec.label_en),
            });
            inputs.values[index] = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_id_list() {
        for (spec, id) in FIELDS.iter().zip(FIELD_IDS) {
            assert_eq!(spec.id, id);
        }
    }

    #[test]
    fn a_bad_field_is_reported_and_left_out() {
        let (inputs, errors) = parse_inputs([("resident_population", "abc"), ("households", "1.2万")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "resident_population");
        assert!(errors[0].message_zh.contains("常住人口"));
        assert!(errors[0].message_en.contains("Resident population"));
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
        assert_eq!(errors[0].code, "not-positive");
        assert_eq!(inputs.values[p], None);
    }

    #[test]
    fn a_part_above_the_whole_is_an_error_on_the_part() {
        let (inputs, errors) = parse_inputs([
            ("resident_population", "1000"),
            ("urban_resident_population", "1001"),
            ("elderly_population", "1000"),
        ]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "urban_resident_population");
        assert_eq!(errors[0].code, "exceeds-resident");
        assert_eq!(inputs.values[field_index("elderly_population").unwrap()], Some(Decimal::from(1000)));
    }

    #[test]
    fn counts_must_be_whole_and_plausible() {
        let (_, errors) = parse_inputs([("townships", "2.5"), ("resident_population", "3000000000")]);
        let codes: Vec<_> = errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["not-whole", "out-of-range"]);
    }
}
