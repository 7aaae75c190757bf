//! The editor window driven through iced_test's Simulator, as a user would:
//! click a row, type in a field, press a button; the messages go back to the
//! real application state.
//!
//! One test binary; a module per panel, by what each test drives, and
//! `common` for what they share.

mod common;
#[path = "../common/cupsd.rs"]
mod cupsd;

mod canvas;
mod compare;
mod conflicts;
mod coverage;
mod desk_click;
mod desk_menu;
mod desk_rows;
mod desk_stale;
mod desk_words;
mod desktop;
mod exchange;
mod files;
mod fixes;
mod guide;
mod history;
mod home;
mod inspector;
mod links;
mod members;
mod outline;
mod panels;
mod places;
mod print;
mod printer;
mod problems;
mod recovery;
mod runtime;
mod sheet;
mod statistics;
