//! Writes the two versions of the city preset that `benches/diff.rs` compares,
//! as DIR/old.ron and DIR/new.ron, to time `gridorg diff` against GNU `diff`:
//!
//!     cargo run --release --example diff_versions -- /tmp/v
//!     time gridorg diff /tmp/v/old.ron /tmp/v/new.ron; time diff /tmp/v/old.ron /tmp/v/new.ron

#[path = "../benches/shared/diff_edits.rs"]
mod diff_edits;

use gridorg::document;
use gridorg::generate::{generate, Preset};
use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: diff_versions DIR");
        std::process::exit(2);
    };
    let document = generate(Preset::City, 1);
    document::save(&document, &dir.join("old.ron")).expect("old.ron written");
    document::save(&diff_edits::edited(document), &dir.join("new.ron")).expect("new.ron written");
}
