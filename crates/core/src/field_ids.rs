// The contract's input field ids (CONTRACT.md §1), in the contract's order. Public names: never rename.
// Shared by build.rs (which resolves formula identifiers to these indices) and by `inputs`.
pub const FIELD_IDS: [&str; 27] = [
    "name",
    "level",
    "resident_population",
    "urban_resident_population",
    "registered_population",
    "households",
    "elderly_population",
    "prefecture_cities",
    "counties",
    "districts",
    "townships",
    "subdistricts",
    "urban_communities",
    "rural_communities",
    "community_service_facilities",
    "marriage_registries",
    "county_child_welfare_institutions",
    "eldercare_beds",
    "annual_ashes_placements",
    "urban_dibao_monthly",
    "rural_dibao_annual",
    "urban_consumption_growth_pct",
    "rural_consumption_growth_pct",
    "orphan_standard_monthly",
    "average_wage_annual",
    "province_resident_population",
    "province_elderly_population",
];

// The values of the `level` field (CONTRACT.md §1), from the top down. Public names: never rename. Shared by
// build.rs (which checks each norm's `levels` against them) and by `level`, whose `Level` follows this order.
pub const LEVEL_IDS: [&str; 5] = ["province", "city", "county", "district", "township"];
