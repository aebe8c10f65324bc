//! The engine's speed: one locality with every input, and 40,000 localities (about the number of
//! township-level units in China). Criterion prints the time per iteration; the 40,000 case also
//! prints ns per locality.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use minzheng_core::engine::{assess, params_in_force};
use minzheng_core::inputs::parse_inputs;
use minzheng_core::{compute, NORMS};

fn locality(i: u64) -> Vec<(String, String)> {
    let fields: [(&str, u64); 24] = [
        ("resident_population", 500_000 + i),
        ("urban_resident_population", 231_109 + i),
        ("registered_population", 480_000 + i),
        ("households", 170_001 + i),
        ("elderly_population", 123_456 + i),
        ("prefecture_cities", 2),
        ("counties", 3),
        ("districts", 2),
        ("townships", 10 + i % 7),
        ("subdistricts", 5),
        ("urban_communities", 37),
        ("rural_communities", 101),
        ("community_service_facilities", 138),
        ("marriage_registries", 6),
        ("county_child_welfare_institutions", 3),
        ("eldercare_beds", 206_000 + i),
        ("annual_ashes_placements", 1234),
        ("urban_dibao_monthly", 672),
        ("rural_dibao_annual", 5558),
        ("urban_consumption_growth_pct", 5),
        ("rural_consumption_growth_pct", 3),
        ("orphan_standard_monthly", 1500),
        ("average_wage_annual", 85_432),
        ("current.community_workers", 400),
    ];
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn as_pairs(row: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    row.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The batch path: parse and assess every norm, no display strings.
fn assess_row(row: &[(String, String)]) -> usize {
    let (inputs, errors) = parse_inputs(as_pairs(row));
    let mut met = errors.len();
    for (i, norm) in NORMS.iter().enumerate() {
        let (params, _) = params_in_force(i, &inputs);
        let a = assess(norm, &inputs, &params, inputs.current[i]);
        met += a.required.is_some() as usize;
    }
    met
}

fn bench(c: &mut Criterion) {
    let one = locality(0);
    c.bench_function("one locality, explained (page path)", |b| b.iter(|| compute(as_pairs(black_box(&one)))));
    c.bench_function("one locality, assessed (batch path)", |b| b.iter(|| assess_row(black_box(&one))));
    let rows: Vec<_> = (0..40_000).map(locality).collect();
    let mut group = c.benchmark_group("40,000 localities");
    group.sample_size(10);
    group.bench_function("assessed (batch path)", |b| b.iter(|| rows.iter().map(|r| assess_row(r)).sum::<usize>()));
    group.finish();
    // A direct figure for the closing note: ns per locality over one pass of 40,000.
    let start = std::time::Instant::now();
    let total: usize = rows.iter().map(|r| assess_row(r)).sum();
    let elapsed = start.elapsed();
    println!(
        "40,000 localities: {:.1} ms, {:.0} ns per locality ({} values)",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_nanos() as f64 / 40_000.0,
        total
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
