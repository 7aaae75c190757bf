//! Loads a document, builds its graph and prints the time taken and the
//! process's peak memory (VmHWM): the memory half of the load benchmark.
//!
//! `cargo run --release -- generate --preset city -o /tmp/city.ron`
//! `cargo run --release --example peak_memory -- /tmp/city.ron`

use gridorg::{document, graph::Graph};
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: peak_memory FILE.ron");
        std::process::exit(2);
    };
    let start = Instant::now();
    let doc = match document::load(path.as_ref()) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let graph = Graph::build(&doc);
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
        "load + graph: {:.3} s, {} nodes, {} edges, peak memory {peak}",
        elapsed.as_secs_f64(),
        graph.node_count(),
        graph.edge_count()
    );
}
