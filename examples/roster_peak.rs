//! Loads a document, prints its member roster (masked) to memory and reports
//! the time taken for the roster and the process's peak memory (VmHWM).
//!
//! `cargo run --release -- generate --preset city -o /tmp/city.ron`
//! `cargo run --release --example roster_peak -- /tmp/city.ron`

use chrono::NaiveDate;
use gridorg::document;
use gridorg::pdf::roster::{roster, RosterKind, RosterOptions};
use gridorg::pdf::FontSource;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: roster_peak FILE.ron");
        std::process::exit(2);
    };
    let doc = match document::load(path.as_ref()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let options = RosterOptions {
        unit: None,
        kind: RosterKind::Members,
        unmasked: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
        font: FontSource::default(),
    };
    let start = Instant::now();
    let made = match roster(&doc, &options) {
        Ok(made) => made,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let elapsed = start.elapsed();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!(
        "roster: {} members, {} pages, {:.1} MB, {:.2} s, peak memory {peak}",
        made.rows,
        made.pages,
        made.bytes.len() as f64 / 1e6,
        elapsed.as_secs_f64()
    );
}
