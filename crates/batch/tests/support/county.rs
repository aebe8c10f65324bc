//! One county's figures, shared by tests/exports.rs and examples/exports.rs.

/// A county with current provision: two targets unmet, two met, one money standard unmet.
pub const COUNTY: [(&str, &str); 16] = [
    ("name", "示例县"),
    ("level", "county"),
    ("resident_population", "500000"),
    ("urban_resident_population", "231109"),
    ("registered_population", "480000"),
    ("households", "170001"),
    ("elderly_population", "123456"),
    ("townships", "12"),
    ("subdistricts", "5"),
    ("eldercare_beds", "3200"),
    ("urban_dibao_monthly", "672"),
    ("urban_consumption_growth_pct", "5"),
    ("current.community_workers", "400"),
    ("current.nursing_beds", "1800"),
    ("current.social_work_stations", "17"),
    ("current.dibao_urban_next_year", "700"),
];
