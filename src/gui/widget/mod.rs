//! Widgets the panels share: a list to choose from with a button that acts
//! on the choice, a form's field with its reasons, a widget drawn inside its
//! bounds, long lists built a screenful at a time.

pub mod choice;
pub mod clip;
pub mod field;
pub mod reason;
pub mod rows;
