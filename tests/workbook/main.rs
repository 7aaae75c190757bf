//! The Excel workbook (模板): staff fill it in Excel or WPS, with everything real
//! spreadsheets contain, and import it; a document exports to the same template
//! and comes back unchanged. Every workbook here is written by the test itself
//! with rust_xlsxwriter, odd cells and all.
//!
//! One test binary: a module per topic, the workbooks written by
//! `book` and looked at through `reading`.

mod book;
mod reading;

mod cli;
mod errors;
mod export;
mod round_trip;
mod sheets;
mod tolerance;
