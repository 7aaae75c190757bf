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
mod shares;
mod today;

pub use sample::SAMPLE_FINDINGS;
pub use today::TODAY;

use crate::model::Document;

/// The scale of a synthetic document (docs/cli.md, "generate").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// One street: about 8 communities, 110 branches, 500 groups, 3,000 members.
    Street,
    /// A district: 8 streets, 60 communities, 900 branches, 4,000 groups, 25,000 members.
    District,
    /// A city: 31 streets, 378 communities, 4,691 branches, 20,000 groups, 45,000
    /// central households, 120,000 members.
    City,
}

/// A deterministic synthetic document: the same preset and seed give the same document.
pub fn generate(preset: Preset, seed: u64) -> Document {
    preset::generate(preset, seed)
}

/// The bundled sample document built from the seed reports (see [`SAMPLE_FINDINGS`]).
pub fn sample() -> Document {
    sample::sample()
}
