//! Households linked to a central household.

use super::{created, get, non_empty, refuse, removed, replaced, Ids, Planned, HOUSEHOLD, UNIT};
use crate::edit::change::Record;
use crate::edit::error::{EditError, ErrorKind};
use crate::model::{Document, Household, Id, Level, Unit};

/// The 党员中心户 `id`, or a refusal when it is another level.
fn central(document: &Document, id: Id) -> Result<&Unit, EditError> {
    let central = get(&document.units, id, UNIT)?;
    if central.level != Level::Household {
        return refuse(format!(
            "联系户只能由党员中心户联系，「{}」是{} (level mismatch)",
            central.name, central.level
        ));
    }
    Ok(central)
}

pub(in crate::edit) fn link(document: &Document, ids: &mut Ids, new: &Household) -> Planned {
    let central = central(document, new.linked_by)?;
    non_empty(&new.head, "户主姓名", ErrorKind::Name)?;
    let mut household = new.clone();
    household.id = ids.fresh();
    Ok((
        format!("「{}」联系{}户", central.name, household.head),
        vec![created(Record::Household(household))],
    ))
}

pub(in crate::edit) fn update(document: &Document, new: &Household) -> Planned {
    let old = get(&document.households, new.id, HOUSEHOLD)?;
    non_empty(&new.head, "户主姓名", ErrorKind::Name)?;
    let mut edited = new.clone();
    edited.linked_by = old.linked_by;
    Ok((
        format!("修改联系户{}", edited.head),
        vec![replaced(
            Record::Household(old.clone()),
            Record::Household(edited),
        )],
    ))
}

pub(in crate::edit) fn unlink(document: &Document, id: Id) -> Planned {
    let old = get(&document.households, id, HOUSEHOLD)?;
    Ok((
        format!("移除联系户{}", old.head),
        vec![removed(Record::Household(old.clone()))],
    ))
}

pub(in crate::edit) fn move_to(document: &Document, id: Id, to: Id) -> Planned {
    let old = get(&document.households, id, HOUSEHOLD)?;
    let central = central(document, to)?;
    if old.linked_by == to {
        return refuse(format!("{}已由「{}」联系", old.head, central.name));
    }
    let moved = Household {
        linked_by: to,
        ..old.clone()
    };
    Ok((
        format!("联系户{}改由「{}」联系", old.head, central.name),
        vec![replaced(
            Record::Household(old.clone()),
            Record::Household(moved),
        )],
    ))
}
