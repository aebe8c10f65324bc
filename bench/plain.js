// The 39 norms of the Liaoning plan in plain JavaScript floating point, written only for the benchmark
// (bench/page-bench.mjs): what a page would do without exact decimals. Same formulas and parameters
// as crates/core/rules/liaoning-2021-2025.toml; counts round up with Math.ceil, money and areas up to 0.01
// (Math.ceil(x * 100) / 100), a range's upper end down. A classic script: defines globalThis.PlainCalc.
(function (root) {
  'use strict';
  const PROVINCE_RESIDENTS = 42591407; // census bases (the calculator's defaults)
  const PROVINCE_ELDERLY = 10954467;
  const count = Math.ceil;
  const cents = (x) => Math.ceil(x * 100) / 100;
  const centsDown = (x) => Math.floor(x * 100) / 100;

  /** [id, rounding up, formula(l)] — `l` holds the locality's figures as numbers. */
  const NORMS = [
    ['dibao_urban_next_year', cents, (l) => l.urban_dibao_monthly * (1 + l.urban_consumption_growth_pct / 100)],
    ['dibao_rural_next_year', cents, (l) => l.rural_dibao_annual * (1 + l.rural_consumption_growth_pct / 100)],
    ['dibao_rural_for_ratio', cents, (l) => (l.urban_dibao_monthly * 12) / 1.3],
    ['low_income_line_urban', cents, (l) => l.urban_dibao_monthly * 1.5, (l) => l.urban_dibao_monthly * 2],
    ['low_income_line_rural', cents, (l) => l.rural_dibao_annual * 1.5, (l) => l.rural_dibao_annual * 2],
    ['extreme_poverty_standard_urban', cents, (l) => l.urban_dibao_monthly * 1.3],
    ['extreme_poverty_standard_rural', cents, (l) => l.rural_dibao_annual * 1.3],
    ['orphan_standard_next_year', cents, (l) => l.orphan_standard_monthly * (1 + 6 / 100)],
    ['temporary_relief_reserve', cents, (l) => l.registered_population * 2],
    ['social_assistance_staff', count, (l) => 2 * (l.counties + l.districts) + 4 * (l.townships + l.subdistricts)],
    ['social_work_stations', count, (l) => 1 * (l.townships + l.subdistricts)],
    ['community_service_floor_area', cents, (l) => (l.households * 30) / 100],
    ['community_workers', count, (l) => (l.urban_resident_population * 18) / 10000],
    ['community_worker_pay', cents, (l) => l.average_wage_annual],
    ['community_social_organizations', count, (l) => 10 * l.urban_communities + 3 * l.rural_communities],
    ['volunteer_stations', count, (l) => 0.8 * l.community_service_facilities],
    ['social_org_staff_share', count, (l) => (245000 * l.resident_population) / PROVINCE_RESIDENTS],
    ['social_work_professionals_share', count, (l) => (70000 * l.resident_population) / PROVINCE_RESIDENTS],
    ['lottery_outlets_share', count, (l) => (12000 * l.resident_population) / PROVINCE_RESIDENTS],
    ['marriage_cross_province', count, (l) => 1 * l.marriage_registries],
    ['marriage_counselling_rooms', count, (l) => 0.8 * l.marriage_registries],
    ['minor_protection_stations', count, (l) => 0.5 * (l.townships + l.subdistricts)],
    ['minor_protection_coverage', count, (l) => 1 * (l.townships + l.subdistricts)],
    ['child_director_training', count, (l) => 1 * (l.urban_communities + l.rural_communities)],
    ['child_welfare_transformation', count, (l) => 0.75 * l.county_child_welfare_institutions],
    ['minor_rescue_facilities', count, (l) => 1 * l.prefecture_cities],
    ['public_burial_facilities', count, (l) => 1 * (l.counties + l.districts)],
    ['eco_burials', count, (l) => 0.6 * l.annual_ashes_placements],
    ['mental_health_welfare_institutions', count, (l) => 1 * l.prefecture_cities],
    ['eldercare_land', cents, (l) => l.resident_population * 0.1],
    ['nursing_beds', count, (l) => 0.55 * l.eldercare_beds],
    ['eldercare_social_workers_elderly', count, (l) => (l.elderly_population * 1) / 1000],
    ['eldercare_social_workers_beds', count, (l) => (l.eldercare_beds * 1) / 100],
    ['comprehensive_eldercare_subdistricts', count, (l) => 0.8 * l.subdistricts],
    ['regional_eldercare_centres', count, (l) => 0.6 * (l.townships + l.subdistricts)],
    ['care_type_institutions', count, (l) => 1 * l.counties],
    ['emergency_eldercare_facilities', count, (l) => 1 * (l.counties + l.districts), (l) => 2 * (l.counties + l.districts)],
    ['care_worker_training_share', count, (l) => (80000 * l.elderly_population) / PROVINCE_ELDERLY],
    ['aging_retrofit_share', count, (l) => (20000 * l.elderly_population) / PROVINCE_ELDERLY],
  ];

  /** One locality → Float64Array of the 39 required values (rounded as the plan says). */
  function compute(l, out = new Float64Array(NORMS.length)) {
    for (let i = 0; i < NORMS.length; i++) out[i] = NORMS[i][1](NORMS[i][2](l));
    return out;
  }

  /** A range's upper end (rounded down), or NaN. */
  function computeMax(l, i) {
    const n = NORMS[i];
    if (!n[3]) return NaN;
    return n[1] === count ? Math.floor(n[3](l)) : centsDown(n[3](l));
  }

  /** How a JavaScript page would show the figure: counts as integers, money to 2 places, no trailing zeros. */
  function show(value, i) {
    if (NORMS[i][1] === count) return String(value);
    return value.toFixed(2).replace(/\.?0+$/, '');
  }

  root.PlainCalc = { NORMS, ids: NORMS.map((n) => n[0]), compute, computeMax, show };
})(globalThis);
