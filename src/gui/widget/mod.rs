//! Widgets the panels share: a list to choose from with a button that acts
//! on the choice, the reason line under a field, a widget drawn inside its
//! bounds, a line of text cut with … to its room, long lists built a
//! screenful at a time.

pub mod choice;
pub mod clip;
pub mod cut;
pub mod reason;
pub mod rows;
