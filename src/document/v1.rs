//! Version 1 of the file format, frozen, and its migration to the current model.
//!
//! Version 1 (the first prototype's format) differed from version 2 in three ways:
//! a unit's type was free text (`type_name: "社区党总支"`) rather than
//! [`OrgType`] plus a display label, a member's category was a flag
//! (`probationary: true`), and there were no co-building units or
//! acknowledgements. Record types that did not change since are shared with the
//! model; one that changes later gets its version-1 form frozen here.

use super::error::DocumentError;
use super::syntax::{ron_options, syntax_error};
use crate::model::{
    Building, Category, Document, Gender, Grid, Household, Id, Level, Member, OrgType, Unit,
};
use chrono::NaiveDate;
use serde::Deserialize;

/// The version-1 top level.
#[derive(Deserialize)]
pub struct File {
    #[serde(rename = "version")]
    _version: u32,
    title: String,
    next_id: u32,
    units: Vec<UnitV1>,
    #[serde(default)]
    grids: Vec<Grid>,
    #[serde(default)]
    buildings: Vec<Building>,
    #[serde(default)]
    members: Vec<MemberV1>,
    #[serde(default)]
    households: Vec<Household>,
}

#[derive(Deserialize)]
struct UnitV1 {
    id: Id,
    code: String,
    name: String,
    level: Level,
    #[serde(default)]
    type_name: Option<String>,
    #[serde(default)]
    parent: Option<Id>,
    #[serde(default)]
    leader: Option<String>,
    #[serde(default)]
    leader_phone: Option<String>,
    #[serde(default)]
    elected: Option<NaiveDate>,
    #[serde(default)]
    term_years: Option<u8>,
}

#[derive(Deserialize)]
struct MemberV1 {
    id: Id,
    name: String,
    #[serde(default)]
    gender: Option<Gender>,
    #[serde(default)]
    ethnicity: Option<String>,
    #[serde(default)]
    birth: Option<NaiveDate>,
    #[serde(default)]
    id_number: Option<String>,
    #[serde(default)]
    education: Option<String>,
    #[serde(default)]
    joined: Option<NaiveDate>,
    #[serde(default)]
    full_since: Option<NaiveDate>,
    #[serde(default)]
    probationary: bool,
    unit: Id,
    #[serde(default)]
    positions: Vec<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    workplace: Option<String>,
    #[serde(default)]
    in_service: bool,
    #[serde(default)]
    mobile: bool,
}

/// Parses a version-1 file.
pub fn parse(text: &str, origin: &str) -> Result<File, DocumentError> {
    ron_options()
        .from_str(text)
        .map_err(|e| syntax_error(e, origin))
}

/// Migrates a version-1 file to the current model. Duplicate ids keep the last
/// record; validation after migration catches the references that break.
pub fn migrate(file: File) -> Document {
    let mut document = Document::new(file.title);
    document.structure = None;
    document.next_id = file.next_id;
    for u in file.units {
        let (org_type, kind_label) = match u.type_name {
            Some(name) => (
                OrgType::parse(&name).unwrap_or_default(),
                Some(name).filter(|n| !n.trim().is_empty()),
            ),
            None => (OrgType::Default, None),
        };
        let unit = Unit {
            id: u.id,
            code: u.code,
            name: u.name,
            level: u.level,
            org_type: if u.level == Level::Community {
                org_type
            } else {
                OrgType::Default
            },
            kind_label,
            parent: u.parent,
            leader: u.leader,
            leader_phone: u.leader_phone,
            elected: u.elected,
            term_years: u.term_years,
        };
        document.units.insert(unit.id, unit);
    }
    document.grids = file.grids.into_iter().map(|g| (g.id, g)).collect();
    document.buildings = file.buildings.into_iter().map(|b| (b.id, b)).collect();
    document.households = file.households.into_iter().map(|h| (h.id, h)).collect();
    for m in file.members {
        let member = Member {
            id: m.id,
            name: m.name,
            gender: m.gender,
            ethnicity: m.ethnicity,
            birth: m.birth,
            id_number: m.id_number,
            education: m.education,
            joined: m.joined,
            full_since: m.full_since,
            category: if m.probationary {
                Category::Probationary
            } else {
                Category::Full
            },
            unit: m.unit,
            positions: m.positions,
            phone: m.phone,
            workplace: m.workplace,
            in_service: m.in_service,
            mobile: m.mobile,
        };
        document.members.insert(member.id, member);
    }
    document
}
