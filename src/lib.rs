//! gridorg: keep the five-level party-building grid (街道党工委 → 社区党委 →
//! 网格党支部 → 党小组 → 党员中心户) of a street or district, find its gaps, and
//! print it.
//!
//! The library is the product; the window (`gui`) and the command line are thin
//! faces over it. Module map: [`model`] (records, no I/O), [`document`] (file
//! format; its version: [`format`]), [`graph`] (the typed graph and its queries),
//! [`label`] (how reports name a record), [`output`] (where bytes land safely),
//! [`store`] (the data folder: the id counter), [`edit`] (reversible commands and
//! history), [`generate`] (the bundled sample and synthetic documents). Modules
//! import only downward; `tests/layers.rs` holds the order and checks it.

pub mod caught;
pub mod check;
pub mod cli;
pub mod controls;
pub mod document;
pub mod edit;
pub mod field_name;
pub mod font;
pub mod format;
pub mod generate;
pub mod graph;
#[cfg(feature = "gui")]
pub mod gui;
pub mod id_number;
pub mod input;
pub mod journal;
pub mod label;
pub mod layout;
pub mod mask;
pub mod model;
pub mod order;
pub mod output;
pub mod parse;
pub mod pdf;
pub mod printer;
pub mod report;
pub mod sheet;
pub mod stats;
pub mod store;
pub mod text;
pub mod versions;
pub mod workbook;

/// The bundled sample document (`sample-data/xiyuan.ron`), embedded in the program.
pub const SAMPLE: &str = include_str!("../sample-data/xiyuan.ron");
