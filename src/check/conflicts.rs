//! `merge-conflict`: one finding per conflict a merge left in the document,
//! until it is settled in the editor.

use super::finding::Findings;
use super::rule::Rule;
use crate::field_name::conflict_field;
use crate::label::{code_and_name, ConflictValues};
use crate::mask::Privacy;
use crate::model::Document;

/// The values in the messages show as `privacy` says.
pub(super) fn check(document: &Document, privacy: Privacy, out: &mut Findings) {
    if !out.enabled(Rule::MergeConflict) {
        return;
    }
    for c in &document.conflicts {
        let (code, name) = code_and_name(document, c.id);
        let values = ConflictValues::of(c, privacy);
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".into());
        let message = if c.field == "removed" {
            format!(
                "合并冲突 (merge conflict)：{}{}一方删除、另一方修改或在其下放入了记录（我方：{}，对方：{}）；已保留，请决定删除还是保留",
                c.record.noun(),
                name,
                shown(&values.ours),
                shown(&values.theirs)
            )
        } else {
            format!(
                "合并冲突 (merge conflict)：{}{}的 {} 两方改得不同，原为 {}，我方 {}，对方 {}{}；文档暂用我方的值，请选定一方",
                c.record.noun(),
                name,
                conflict_field(document, c),
                shown(&values.base),
                shown(&values.ours),
                shown(&values.theirs),
                values.note()
            )
        };
        out.push(Rule::MergeConflict, c.id, &code, &name, message);
    }
}
