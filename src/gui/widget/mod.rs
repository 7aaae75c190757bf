//! Widgets the panels share: a list to choose from with a button that acts
//! on the choice, the reason line under a field, a widget drawn inside its
//! bounds, long lists built a screenful at a time, a menu bar with its
//! drop-down lists.

pub mod choice;
pub mod clip;
pub mod dropdown;
pub mod reason;
pub mod rows;
