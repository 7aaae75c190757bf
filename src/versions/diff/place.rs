//! Where a change belongs for grouping: the community a record sits in, else
//! the street, found up a version's tree of units.

use crate::graph::Tree;
use crate::model::{Document, Id, Level};

/// The street or community a change belongs to, for grouping: the community
/// the record sits in, else the street (for what sits directly in a street).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The community's or street's id.
    pub id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Whether it is a street (what sits directly in it, 街道本级).
    pub street: bool,
}

/// The place (community, else street) of a unit in `document`, whose units'
/// tree is `tree`: the unit itself or its nearest ancestor of that level.
pub(crate) fn place_of(document: &Document, tree: &Tree, unit: Id) -> Option<Place> {
    place_unit(document, tree, unit).map(|(u, street)| place(u, street))
}

/// The unit [`place_of`] names, and whether it is a street.
pub(crate) fn place_unit<'d>(
    document: &'d Document,
    tree: &Tree,
    unit: Id,
) -> Option<(&'d crate::model::Unit, bool)> {
    let mut street = None;
    for id in std::iter::once(unit).chain(tree.ancestors(unit)) {
        let Some(u) = document.units.get(&id) else {
            break;
        };
        match u.level {
            Level::Community => return Some((u, false)),
            Level::Street => street = street.or(Some(u)),
            _ => {}
        }
    }
    street.map(|u| (u, true))
}

fn place(unit: &crate::model::Unit, street: bool) -> Place {
    Place {
        id: unit.id,
        code: unit.code.clone(),
        name: unit.name.clone(),
        street,
    }
}
