//! Writes the seeded sheet of tests/support/every_norm.rs (every input field, a current value for every
//! norm, columns shuffled) as CSV and XLSX, for the browser test tests/browser/batch_every_norm.test.mjs,
//! and prints the files and the cells as JSON: `{"csv": path, "xlsx": path, "keys": [...], "rows": [[...]]}`.
//!
//! `cargo run --quiet -p minzheng-batch --example every_norm_sheet -- <seed> <rows> <directory>`

#[path = "../tests/support/every_norm.rs"]
mod every_norm;

use std::path::Path;

/// A JSON string.
fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(","))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [seed, rows, dir] = &args[..] else {
        eprintln!("usage: every_norm_sheet <seed> <rows> <directory>");
        std::process::exit(2);
    };
    let seed: u64 = seed.parse().expect("a seed");
    let sheet = every_norm::sheet(seed, rows.parse().expect("a row count"));
    let csv = Path::new(dir).join(format!("every-norm-{seed}.csv"));
    let xlsx = Path::new(dir).join(format!("every-norm-{seed}.xlsx"));
    std::fs::write(&csv, sheet.csv()).expect("CSV written");
    std::fs::write(&xlsx, sheet.xlsx()).expect("XLSX written");
    println!(
        "{{\"csv\":{},\"xlsx\":{},\"keys\":{},\"rows\":{}}}",
        json(&csv.to_string_lossy()),
        json(&xlsx.to_string_lossy()),
        list(sheet.keys.iter().map(|k| json(k))),
        list(sheet.rows.iter().map(|r| list(r.iter().map(|c| json(c))))),
    );
}
