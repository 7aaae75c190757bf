//! Members.

use super::{created, get, refuse, removed, replaced, Ids, Planned, MEMBER, UNIT};
use crate::edit::change::Record;
use crate::edit::error::{EditError, ErrorKind};
use crate::model::{Document, Id, Member};

/// Refuses a member that cannot be true ([`crate::edit::rules::refusals`]),
/// naming the first field at fault.
fn rules(member: &Member) -> Result<(), EditError> {
    match crate::edit::rules::refusals(member).into_iter().next() {
        Some((field, why)) => Err(EditError::about(
            ErrorKind::Member(field),
            format!("{}：{why}", field.label()),
        )),
        None => Ok(()),
    }
}

pub(in crate::edit) fn add(document: &Document, ids: &mut Ids, new: &Member) -> Planned {
    rules(new)?;
    let u = get(&document.units, new.unit, UNIT)?;
    let mut member = new.clone();
    member.id = ids.fresh();
    Ok((
        format!("在「{}」新增党员{}", u.name, member.name),
        vec![created(Record::Member(member))],
    ))
}

pub(in crate::edit) fn update(document: &Document, new: &Member) -> Planned {
    let old = get(&document.members, new.id, MEMBER)?;
    rules(new)?;
    let mut edited = new.clone();
    edited.unit = old.unit;
    Ok((
        format!("修改党员{}", edited.name),
        vec![replaced(
            Record::Member(old.clone()),
            Record::Member(edited),
        )],
    ))
}

/// Several members' own fields in one step, each planned as by [`update`];
/// a refusal names the member it is about.
pub(in crate::edit) fn update_many(document: &Document, members: &[Member]) -> Planned {
    let mut changes = Vec::with_capacity(members.len());
    let mut seen = std::collections::HashSet::with_capacity(members.len());
    for new in members {
        if !seen.insert(new.id) {
            return refuse(format!("党员 {} 出现了两次 (duplicate member)", new.id));
        }
        let (_, changed) = update(document, new).map_err(|refused| EditError {
            message: format!("党员{}：{}", new.name, refused.message),
            ..refused
        })?;
        changes.extend(changed);
    }
    match members {
        [] => refuse("没有要修改的党员 (nothing to change)"),
        [one] => Ok((format!("修改党员{}", one.name), changes)),
        _ => Ok((format!("修改 {} 名党员", members.len()), changes)),
    }
}

pub(in crate::edit) fn assign(document: &Document, member: Id, unit: Id) -> Planned {
    let old = get(&document.members, member, MEMBER)?;
    let target = get(&document.units, unit, UNIT)?;
    if old.unit == unit {
        return refuse(format!("{}已在「{}」", old.name, target.name));
    }
    let mut edited = old.clone();
    edited.unit = unit;
    Ok((
        format!("把党员{}编入「{}」", old.name, target.name),
        vec![replaced(
            Record::Member(old.clone()),
            Record::Member(edited),
        )],
    ))
}

pub(in crate::edit) fn delete(document: &Document, id: Id) -> Planned {
    let old = get(&document.members, id, MEMBER)?;
    Ok((
        format!("删除党员{}", old.name),
        vec![removed(Record::Member(old.clone()))],
    ))
}
