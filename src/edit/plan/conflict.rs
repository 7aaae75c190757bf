//! Settling a conflict a merge left in the document: ours' value is already
//! there, so taking ours only drops the conflict; taking theirs sets the
//! field to theirs' value; a record one side removed is kept or deleted as
//! the side taken has it. One command, so one undo.

use super::{refuse, Planned};
use crate::edit::change::{Change, Record};
use crate::edit::details::MemberFate;
use crate::edit::error::EditError;
use crate::field_name::conflict_field;
use crate::label::code_and_name;
use crate::model::{Conflict, Document, Id, RecordKind};
use serde::{de::DeserializeOwned, Serialize};

/// Fields whose values are references, written in a conflict as codes.
const REFERENCES: [&str; 7] = [
    "parent",
    "community",
    "grid",
    "covered_by",
    "unit",
    "linked_by",
    "joins",
];

pub(in crate::edit) fn settle(document: &Document, conflict: &Conflict, theirs: bool) -> Planned {
    let Some(at) = document.conflicts.iter().position(|c| c == conflict) else {
        return refuse("该合并冲突已处理 (already settled)");
    };
    let mut after = document.conflicts.clone();
    after.remove(at);
    let side = if theirs { "对方" } else { "我方" };
    let (_, name) = code_and_name(document, conflict.id);
    let subject = format!("{}「{name}」", conflict.record.noun());
    let mut changes = Vec::new();
    let label = if conflict.field == "removed" {
        let taken = if theirs {
            &conflict.theirs
        } else {
            &conflict.ours
        };
        let removed = taken.as_deref() == Some("removed");
        if removed {
            changes = delete(document, conflict.record, conflict.id)?;
        }
        let fate = if removed { "删除" } else { "保留" };
        format!("合并冲突 {subject}取{side}：{fate}")
    } else {
        if theirs {
            changes.push(with_theirs(document, conflict)?);
        }
        format!(
            "合并冲突 {subject}的{}取{side}",
            conflict_field(document, conflict)
        )
    };
    changes.push(Change::Conflicts {
        before: document.conflicts.clone(),
        after,
    });
    Ok((label, changes))
}

/// The changes that delete the record, as its own delete command makes them
/// (a unit's members go to its parent).
fn delete(document: &Document, kind: RecordKind, id: Id) -> Result<Vec<Change>, EditError> {
    let planned = match kind {
        RecordKind::Unit => super::unit::delete(document, id, MemberFate::ToParent),
        RecordKind::Grid => super::grid::delete(document, id),
        RecordKind::Building => super::building::delete(document, id),
        RecordKind::Member => super::member::delete(document, id),
        RecordKind::Household => super::household::unlink(document, id),
        RecordKind::CoBuilder => super::co_builder::remove(document, id),
    };
    Ok(planned?.1)
}

/// The record with the conflict's field set to theirs' value.
fn with_theirs(document: &Document, conflict: &Conflict) -> Result<Change, EditError> {
    let value = json(document, &conflict.field, conflict.theirs.as_deref())?;
    let id = conflict.id;
    let word = conflict_field(document, conflict);
    let field = (conflict.field.as_str(), word.as_str());
    let (before, after) = match conflict.record {
        RecordKind::Unit => set(document.units.get(&id), field, value, Record::Unit)?,
        RecordKind::Grid => set(document.grids.get(&id), field, value, Record::Grid)?,
        RecordKind::Building => set(document.buildings.get(&id), field, value, Record::Building)?,
        RecordKind::Member => set(document.members.get(&id), field, value, Record::Member)?,
        RecordKind::Household => set(
            document.households.get(&id),
            field,
            value,
            Record::Household,
        )?,
        RecordKind::CoBuilder => set(
            document.co_builders.get(&id),
            field,
            value,
            Record::CoBuilder,
        )?,
    };
    Ok(Change::Record {
        before: Some(before),
        after: Some(after),
    })
}

/// The record before and after its field (its key and its Chinese word) is
/// set to `value`.
fn set<T: Serialize + DeserializeOwned + Clone>(
    record: Option<&T>,
    (field, word): (&str, &str),
    value: serde_json::Value,
    wrap: fn(T) -> Record,
) -> Result<(Record, Record), EditError> {
    let record = record.ok_or_else(|| EditError::new("冲突所指的记录已不存在 (no such record)"))?;
    let unreadable =
        |e: serde_json::Error| EditError::new(format!("对方的值无法用于{word} (bad value)：{e}"));
    let mut json = serde_json::to_value(record).map_err(unreadable)?;
    if let Some(fields) = json.as_object_mut() {
        fields.insert(field.to_string(), value);
    }
    let changed: T = serde_json::from_value(json).map_err(unreadable)?;
    Ok((wrap(record.clone()), wrap(changed)))
}

/// A value as a conflict writes it (as in the `.ron` file, references as
/// codes) in the form the record's fields read.
fn json(
    document: &Document,
    field: &str,
    text: Option<&str>,
) -> Result<serde_json::Value, EditError> {
    let Some(text) = text else {
        return Ok(serde_json::Value::Null);
    };
    let bad = |why: String| EditError::new(format!("对方的值 {text} 无法读取 (bad value)：{why}"));
    // A bare name is an enum's variant (Probationary, Committee …).
    if text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        return Ok(serde_json::Value::String(text.to_string()));
    }
    let value: ron::Value = ron::from_str(text).map_err(|e| bad(e.to_string()))?;
    let value = serde_json::to_value(value).map_err(|e| bad(e.to_string()))?;
    if !REFERENCES.contains(&field) {
        return Ok(value);
    }
    let id_of = |v: &serde_json::Value| -> Result<serde_json::Value, EditError> {
        match v {
            serde_json::Value::String(code) => document
                .units
                .values()
                .map(|u| (u.id, &u.code))
                .chain(document.grids.values().map(|g| (g.id, &g.code)))
                .chain(document.buildings.values().map(|b| (b.id, &b.code)))
                .find(|(_, c)| *c == code)
                .map(|(id, _)| serde_json::to_value(id).unwrap_or_default())
                .ok_or_else(|| bad(format!("编码 {code} 不存在 (unknown code)"))),
            other => Ok(other.clone()),
        }
    };
    match &value {
        serde_json::Value::Array(items) => items
            .iter()
            .map(id_of)
            .collect::<Result<Vec<_>, _>>()
            .map(serde_json::Value::Array),
        one => id_of(one),
    }
}
