//! How a change or conflict names its record (interfaces.md, `diff --format
//! json`): a unit's, grid's or building's own code; for a member its unit's
//! code, for a household its 中心户's code, for a co-building unit the code of
//! the unit it joins; and the record's name (a household's head).

use crate::model::{Document, Id};

/// The code and name a report gives the record `id` of `document`; empty
/// strings for what the document does not hold.
pub fn code_and_name(document: &Document, id: Id) -> (String, String) {
    let unit_code = |unit: Id| {
        document
            .units
            .get(&unit)
            .map(|u| u.code.clone())
            .unwrap_or_default()
    };
    if let Some(u) = document.units.get(&id) {
        (u.code.clone(), u.name.clone())
    } else if let Some(g) = document.grids.get(&id) {
        (g.code.clone(), g.name.clone())
    } else if let Some(b) = document.buildings.get(&id) {
        (b.code.clone(), b.name.clone())
    } else if let Some(m) = document.members.get(&id) {
        (unit_code(m.unit), m.name.clone())
    } else if let Some(h) = document.households.get(&id) {
        (unit_code(h.linked_by), h.head.clone())
    } else if let Some(c) = document.co_builders.get(&id) {
        (unit_code(c.joins), c.name.clone())
    } else {
        (String::new(), String::new())
    }
}

/// A value of a change or conflict as a report shows it: ID numbers and
/// phones masked (domain.md "Privacy") unless `unmasked`.
pub fn shown_value(field: &str, value: &str, unmasked: bool) -> String {
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    if unmasked {
        value.to_string()
    } else if field == "id_number" {
        format!("\"{}\"", crate::mask::id_number(inner))
    } else if field == "phone" || field.ends_with("_phone") {
        format!("\"{}\"", crate::mask::phone(inner))
    } else {
        value.to_string()
    }
}
