//! Widgets the panels share: a banner of what waits on the user, a list to choose from with a button that acts
//! on the choice, the draggable line between two panels, a form's field with its reasons, the reason line under a
//! field, a widget drawn inside its bounds, a line of text cut with … to its
//! room, a panel frozen while read-only (both wrappers handing the rest on
//! through `wrap`), long lists built a screenful at a time, a menu bar with
//! its drop-down lists.

pub mod banner;
pub mod choice;
pub mod clip;
pub mod cut;
pub mod divider;
pub mod dropdown;
pub mod field;
pub mod frozen;
pub mod reason;
pub mod rows;
pub mod wrap;
