//! `merge-conflict`: one finding per conflict a merge left in the document,
//! until it is settled in the editor.

use super::{Findings, Rule};
use crate::model::Document;
use crate::versions::label::{code_and_name, shown_value};

pub(super) fn check(document: &Document, out: &mut Findings) {
    if !out.enabled(Rule::MergeConflict) {
        return;
    }
    for c in &document.conflicts {
        let (code, name) = code_and_name(document, c.id);
        let shown = |v: &Option<String>| {
            v.as_deref()
                .map_or_else(|| "（无）".into(), |v| shown_value(&c.field, v, false))
        };
        let message = if c.field == "removed" {
            format!(
                "合并冲突 (merge conflict)：{}{}一方删除、另一方修改或在其下放入了记录（我方：{}，对方：{}）；已保留，请决定删除还是保留",
                c.record.noun(),
                name,
                shown(&c.ours),
                shown(&c.theirs)
            )
        } else {
            format!(
                "合并冲突 (merge conflict)：{}{}的 {} 两方改得不同，原为 {}，我方 {}，对方 {}；文档暂用我方的值，请选定一方",
                c.record.noun(),
                name,
                c.field,
                shown(&c.base),
                shown(&c.ours),
                shown(&c.theirs)
            )
        };
        out.push(Rule::MergeConflict, c.id, &code, &name, message);
    }
}
