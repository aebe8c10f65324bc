// The benchmark's localities: realistic county-level figures from a seeded generator, the same on
// every run (bench/page-bench.mjs). A classic script: defines globalThis.BenchLocalities.
(function (root) {
  'use strict';
  /** mulberry32: a small seeded PRNG. */
  function rng(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function make(n, seed = 20212025) {
    const r = rng(seed);
    const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
    const tenth = (lo, hi) => int(lo * 10, hi * 10) / 10; // one decimal place, as growth rates are published
    const rows = [];
    for (let i = 0; i < n; i++) {
      const resident = int(20000, 3000000);
      const townships = int(0, 40);
      const subdistricts = int(0, 30);
      rows.push({
        resident_population: resident,
        urban_resident_population: Math.floor(resident * (0.3 + 0.6 * r())),
        registered_population: Math.floor(resident * (0.8 + 0.35 * r())),
        households: Math.floor(resident / (2.3 + 0.8 * r())),
        elderly_population: Math.floor(resident * (0.12 + 0.18 * r())),
        prefecture_cities: int(0, 3),
        counties: int(0, 12),
        districts: int(0, 10),
        townships,
        subdistricts,
        urban_communities: int(0, 300),
        rural_communities: int(0, 600),
        community_service_facilities: int(0, 900),
        marriage_registries: int(1, 20),
        county_child_welfare_institutions: int(0, 12),
        eldercare_beds: int(0, 60000),
        annual_ashes_placements: int(0, 30000),
        urban_dibao_monthly: int(550, 1100),
        rural_dibao_annual: int(4000, 9000),
        urban_consumption_growth_pct: tenth(0, 12),
        rural_consumption_growth_pct: tenth(0, 12),
        orphan_standard_monthly: int(900, 2200),
        average_wage_annual: int(50000, 130000),
      });
    }
    return rows;
  }

  /** The localities as a CSV with the contract's field ids as headers. */
  function csv(rows) {
    const keys = Object.keys(rows[0]);
    const lines = [['name', ...keys].join(',')];
    rows.forEach((row, i) => lines.push([`地区${i + 1}`, ...keys.map((k) => row[k])].join(',')));
    return lines.join('\r\n') + '\r\n';
  }

  root.BenchLocalities = { make, csv };
})(globalThis);
