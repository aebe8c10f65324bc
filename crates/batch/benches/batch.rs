//! The batch path's speed: 40,000 localities (about China's township-level units) read from a CSV,
//! computed, and written to CSV and XLSX. Prints rows per second for each stage (no criterion: one
//! pass of each is the figure a planner waits for). `cargo bench --features batch --bench batch`.

use minzheng_batch::{write, Batch, EncodingRs};
use std::time::Instant;

const ROWS: usize = 40_000;

fn csv() -> Vec<u8> {
    let mut s = String::from(
        "地区名称,常住人口（人）,城镇常住人口（人）,户籍人口（人）,居民户数（户）,60周岁及以上老年人口（人）,\
         县和县级市个数（个）,市辖区个数（个）,乡镇个数（乡、镇）（个）,街道个数（个）,城市社区个数（个）,\
         农村社区（行政村）个数（个）,养老机构床位数（张）,城市低保标准（元/人/月）,\
         城镇居民上年度人均消费支出增速（%）,现有城镇社区工作者（人）,现有护理型床位（张）\n",
    );
    for i in 0..ROWS {
        let resident = 20_000 + (i * 7919) % 980_000;
        let urban = resident * (30 + i % 60) / 100;
        s.push_str(&format!(
            "第{i}号乡镇,{resident},{urban},{},{},{},{},{},{},{},{},{},{},{}.{},{}.{},{},{}\n",
            resident - 1000,
            resident / 3,
            resident / 4,
            i % 3,
            i % 2,
            5 + i % 20,
            i % 9,
            10 + i % 40,
            50 + i % 100,
            100 + i % 5000,
            600 + i % 300,
            i % 100,
            i % 9,
            i % 10,
            urban * 18 / 10_000,
            if i % 4 == 0 { (50 + i % 3000).to_string() } else { String::new() },
        ));
    }
    s.into_bytes()
}

fn stage(name: &str, rows: usize, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    let s = t.elapsed().as_secs_f64();
    println!("{name:<28} {:>8.1} ms  {:>12.0} rows/s", s * 1e3, rows as f64 / s);
}

fn main() {
    let bytes = csv();
    println!("batch: {ROWS} localities, {} bytes of CSV", bytes.len());
    let mut batch = None;
    stage("read + map columns", ROWS, || batch = Some(Batch::read(&bytes, &EncodingRs).unwrap()));
    let mut batch = batch.unwrap();
    stage("compute (parse + assess)", ROWS, || batch.compute_all());
    assert_eq!(batch.rows(), ROWS);
    if std::env::var_os("BATCH_BENCH_COMPUTE_ONLY").is_some() {
        split_profile(&batch);
        split_profile(&batch);
        if let Ok(path) = std::env::var("BATCH_BENCH_XLSX") {
            xlsx_profile(&path);
            xlsx_profile(&path);
        }
        for _ in 0..2 {
            let mut b = Batch::read(&bytes, &EncodingRs).unwrap();
            stage("compute again", ROWS, || b.compute_all());
        }
        return;
    }
    stage("sort by a norm", ROWS, || {
        let col = batch.view_columns()[2];
        std::hint::black_box(batch.order(Some(col), true, false));
    });
    let mut out = 0;
    stage("write CSV", ROWS, || out = write::to_csv(&batch).len());
    println!("{:<28} {out} bytes", "  CSV size");
    stage("write XLSX", ROWS, || out = write::to_xlsx(&batch).unwrap().len());
    println!("{:<28} {out} bytes", "  XLSX size");
    let xlsx = write::to_xlsx(&batch).unwrap();
    stage("read XLSX back + compute", ROWS, || {
        let b = Batch::from_bytes(&xlsx, &EncodingRs).unwrap();
        assert_eq!(b.rows(), ROWS);
    });
}

/// BATCH_BENCH_COMPUTE_ONLY=1: where compute time goes (parse_inputs vs assess).
fn split_profile(batch: &Batch) {
    use minzheng_core::engine::{assess, params_in_force};
    use minzheng_core::inputs::parse_keyed;
    use minzheng_core::NORMS;
    let keys = &batch.keys;
    let t = Instant::now();
    let mut parsed = Vec::with_capacity(batch.rows());
    for record in &batch.table.rows {
        let pairs = keys.iter().zip(record.iter()).filter_map(|(k, v)| Some(((*k)?, v)));
        parsed.push(parse_keyed(pairs).0);
    }
    println!("  parse_keyed only           {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let mut n = 0;
    for inputs in &parsed {
        for (i, norm) in NORMS.iter().enumerate() {
            let (params, _) = params_in_force(i, inputs);
            n += assess(norm, inputs, &params, inputs.current[i]).required.is_some() as usize;
        }
    }
    println!("  assess only                {:>8.1} ms ({n})", t.elapsed().as_secs_f64() * 1e3);
}

/// BATCH_BENCH_XLSX=path: calamine's share of reading an XLSX file.
fn xlsx_profile(path: &str) {
    use calamine::{Reader, Xlsx};
    let bytes = std::fs::read(path).unwrap();
    let t = Instant::now();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(&bytes[..])).unwrap();
    println!("  xlsx open (shared strings) {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    println!(
        "  worksheet_range_at         {:>8.1} ms ({} cells)",
        t.elapsed().as_secs_f64() * 1e3,
        range.get_size().0 * range.get_size().1
    );
    let t = Instant::now();
    let b = Batch::read(&bytes, &EncodingRs).unwrap();
    println!("  Batch::read (all)          {:>8.1} ms ({} rows)", t.elapsed().as_secs_f64() * 1e3, b.rows());
}
