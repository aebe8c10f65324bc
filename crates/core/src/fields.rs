//! The contract's input fields (CONTRACT.md §1) as data: their ids, labels, units, form groups, kinds,
//! plausible maxima and defaults, one row each in `FIELDS`. How typed text becomes checked values is
//! `inputs`.

use crate::level::{LevelSpec, LEVELS};
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
    /// One of the field's `options` (the locality's level).
    Choice,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<&'static str>,
    /// Where the default comes from.
    pub default_source_zh: &'static str,
    pub default_source_en: &'static str,
    /// A `Choice` field's values, with their labels, the words accepted for them and what each implies.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub options: &'static [LevelSpec],
}

pub(crate) const PEOPLE_MAX: u64 = 2_000_000_000;
const UNITS_MAX: u64 = 1_000_000;
pub(crate) const MONEY_MAX: u64 = 100_000_000;
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
        options: &[],
    }
}

use FieldGroup::*;
use FieldKind::*;

/// Every field, in the order of `FIELD_IDS` (a test checks the two agree).
pub static FIELDS: [FieldSpec; FIELD_COUNT] = [
    field("name", "地区名称", "Locality", "", "", Population, Text, 0),
    FieldSpec {
        options: &LEVELS, ..field("level", "地区层级", "Administrative level", "", "", Divisions, Choice, 0)
    },
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
