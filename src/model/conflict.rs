//! A conflict a three-way merge could not settle, kept in the merged document
//! until the user settles it (and reported by `check` as `merge-conflict`).

use super::id::{Id, RecordKind};
use serde::{Deserialize, Serialize};

/// One conflict: both sides changed one field of one record to different
/// values, one side removed what the other changed (`field` is `removed`), moves
/// on both sides would make a cycle (`parent`), or two records were given one
/// code (`code`). Values are written as in the `.ron` file (`"张三"`,
/// `2020-05-01`, `Probationary`, references as codes); None where there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The kind of record.
    pub record: RecordKind,
    /// The record's id.
    pub id: Id,
    /// The field as named in the file, or `removed`.
    pub field: String,
    /// The value in the common base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Our value (the one the merged document holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<String>,
    /// Their value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
}
