//! Writes the three versions of the city preset that `benches/merge.rs`
//! merges, to time `gridorg merge` as a whole process: DIR/{base,ours,theirs}.ron
//! in version 3, and version-2 copies of the same edits in DIR/v2/.
//!
//!     cargo run --release --example merge_versions -- /tmp/m
//!     /usr/bin/time -f '%e s %M KB' gridorg merge /tmp/m/v2/base.ron /tmp/m/v2/ours.ron /tmp/m/v2/theirs.ron -o /tmp/m/out.ron

#[path = "../benches/shared/merge_city.rs"]
mod merge_city;

use gridorg::generate::{generate, Preset};
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: merge_versions DIR"));
    let base = generate(Preset::City, 1);
    for (folder, version_2) in [(dir.clone(), false), (dir.join("v2"), true)] {
        std::fs::create_dir_all(&folder).expect("folder made");
        let sides = merge_city::versions(&base, &dir.join("ids"), version_2);
        for (name, doc) in ["base", "ours", "theirs"].iter().zip(&sides) {
            merge_city::save(doc, &folder.join(format!("{name}.ron")));
        }
    }
}
