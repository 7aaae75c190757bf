//! What this installation keeps in its data folder, above the model: the folder
//! itself ([`data_folder`]) and the id counter ([`ids`]) edits and merges take
//! their ids from, and 本单位 ([`office`]). (The journal of an unsaved document and the editor's
//! recent-files list live in the same folder.) The window's size and panel
//! widths ([`window`]) are the desktop's settings and live in its settings
//! folder instead.

mod folder;
pub mod ids;
pub mod office;
pub mod window;

pub use folder::data_folder;
