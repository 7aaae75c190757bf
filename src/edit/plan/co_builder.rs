//! Co-building units.

use super::{created, get, non_empty, refuse, removed, replaced, Ids, Planned, UNIT};
use crate::edit::change::Record;
use crate::edit::error::{EditError, ErrorKind};
use crate::model::{CoBuilder, Document, Id, Level};

pub(in crate::edit) fn add(document: &Document, ids: &mut Ids, new: &CoBuilder) -> Planned {
    let joins = get(&document.units, new.joins, UNIT)?;
    if !matches!(joins.level, Level::Street | Level::Community) {
        return refuse(format!(
            "共建单位只能加入街道大工委或社区大党委，「{}」是{} (level mismatch)",
            joins.name, joins.level
        ));
    }
    non_empty(&new.name, "共建单位名称", ErrorKind::Name)?;
    let mut co = new.clone();
    co.id = ids.fresh();
    Ok((
        format!("「{}」加入「{}」共建", co.name, joins.name),
        vec![created(Record::CoBuilder(co))],
    ))
}

/// The co-building unit `id`. Its message, unlike the other kinds', has no
/// English keyword.
fn existing(document: &Document, id: Id) -> Result<&CoBuilder, EditError> {
    document
        .co_builders
        .get(&id)
        .ok_or_else(|| EditError::new(format!("共建单位 {id} 不存在")))
}

pub(in crate::edit) fn update(document: &Document, new: &CoBuilder) -> Planned {
    let old = existing(document, new.id)?;
    non_empty(&new.name, "共建单位名称", ErrorKind::Name)?;
    let edited = CoBuilder {
        joins: old.joins,
        ..new.clone()
    };
    Ok((
        format!("修改共建单位「{}」", edited.name),
        vec![replaced(
            Record::CoBuilder(old.clone()),
            Record::CoBuilder(edited),
        )],
    ))
}

pub(in crate::edit) fn remove(document: &Document, id: Id) -> Planned {
    let old = existing(document, id)?;
    Ok((
        format!("移除共建单位「{}」", old.name),
        vec![removed(Record::CoBuilder(old.clone()))],
    ))
}
