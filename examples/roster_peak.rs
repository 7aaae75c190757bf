//! Loads a document, prints a roster (masked) page by page into a file (or,
//! without one, into nothing, counting the bytes) and reports the time taken
//! for the roster and the process's peak memory (VmHWM).
//!
//! `cargo run --release -- generate --preset city -o /tmp/city.ron`
//! `cargo run --release --example roster_peak -- /tmp/city.ron [households] [OUT.pdf]`

use chrono::NaiveDate;
use gridorg::document;
use gridorg::pdf::roster::{roster_to, RosterKind, RosterOptions};
use gridorg::pdf::{save_streamed, FontSource, Watch};
use std::io::Write;
use std::time::Instant;

/// Counts what is written to it, and keeps nothing.
struct Counted(u64);

impl Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: roster_peak FILE.ron [households] [OUT.pdf]");
        std::process::exit(2);
    };
    let households = args.iter().any(|a| a == "households");
    let output = args.iter().skip(1).find(|a| *a != "households");
    let doc = match document::load(path.as_ref()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let options = RosterOptions {
        unit: None,
        kind: if households {
            RosterKind::Households
        } else {
            RosterKind::Members
        },
        unmasked: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
        font: FontSource::default(),
    };
    let start = Instant::now();
    let made = match output {
        Some(out) => save_streamed(out.as_ref(), |file| {
            roster_to(&doc, &options, Watch::none(), file).map(|(_, counts)| counts)
        })
        .map(|counts| (counts, std::fs::metadata(out).map_or(0, |m| m.len()))),
        None => roster_to(&doc, &options, Watch::none(), Counted(0))
            .map(|(counted, counts)| (counts, counted.0)),
    };
    let (counts, bytes) = match made {
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
        "roster: {} rows, {} pages, {:.1} MB, {:.2} s, peak memory {peak}",
        counts.rows,
        counts.pages,
        bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
}
