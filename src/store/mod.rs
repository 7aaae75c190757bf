//! What this installation keeps in its data folder, above the model: the folder
//! itself ([`data_folder`]) and the id counter ([`ids`]) edits and merges take
//! their ids from, and 本单位 ([`office`]). (The journal of an unsaved document and the editor's
//! recent-files list live in the same folder.)

mod folder;
pub mod ids;
pub mod office;

pub use folder::data_folder;
