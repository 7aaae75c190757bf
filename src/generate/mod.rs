//! Generated documents: the bundled sample built from the seed reports, and
//! synthetic documents at the scales of docs/cli.md ("generate") for benchmarks.
//!
//! Both are written as a plan first (`plan`: streets, communities, grids,
//! branches, groups with their member counts) and then built into a document
//! (`build`); the sample's plan is written by hand (`sample`), the presets'
//! plans are drawn at random (`preset`). Everything random comes from a seeded
//! ChaCha8 generator and dates are reckoned from [`TODAY`], so the same call
//! always gives the same document.

mod build;
mod names;
mod people;
mod plan;
mod preset;
mod sample;
mod scale;
mod shares;
mod today;

pub use sample::SAMPLE_FINDINGS;
pub use scale::Preset;
pub use today::TODAY;

use crate::model::Document;

/// A deterministic synthetic document: the same preset and seed give the same document.
pub fn generate(preset: Preset, seed: u64) -> Document {
    preset::generate(preset, seed)
}

/// The bundled sample document built from the seed reports (see [`SAMPLE_FINDINGS`]).
pub fn sample() -> Document {
    sample::sample()
}
