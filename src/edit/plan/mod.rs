//! How each command is checked and turned into changes, one module per kind
//! of record it touches. [`super::command::Command::plan`] dispatches here.

pub(super) mod acknowledgement;
pub(super) mod building;
pub(super) mod co_builder;
pub(super) mod conflict;
pub(super) mod grid;
pub(super) mod household;
pub(super) mod member;
pub(super) mod title;
pub(super) mod unit;

use super::change::{Change, Record};
use super::error::{EditError, ErrorKind};
use crate::model::ids::Cursor;
use crate::model::{Building, Grid, Id, Unit};
use std::collections::BTreeMap;

/// A command's label and its changes, before any is applied.
pub(super) type Planned = Result<(String, Vec<Change>), EditError>;

/// The ids a command hands out: where the next comes from, and the record it created.
pub(super) struct Ids {
    /// The document's id cursor, as it will be after the command.
    pub cursor: Cursor,
    /// The record the command creates, for the caller to select.
    pub created: Option<Id>,
}

impl Ids {
    /// Allocates an id for the record the command creates (see [`crate::store::ids`]).
    pub fn fresh(&mut self) -> Id {
        let id = crate::store::ids::next(&mut self.cursor);
        self.created = Some(id);
        id
    }
}

/// How a refusal names a kind of record: its Chinese noun and English keyword.
type Kind = (&'static str, &'static str);
const UNIT: Kind = ("组织", "unit");
const GRID: Kind = ("网格", "grid");
const BUILDING: Kind = ("楼栋", "building");
const MEMBER: Kind = ("党员", "member");
const HOUSEHOLD: Kind = ("联系户", "household");

pub(super) fn refuse<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError::new(message))
}

/// The record with this id, or a refusal naming the kind that is missing.
fn get<T>(map: &BTreeMap<Id, T>, id: Id, (what, kind): Kind) -> Result<&T, EditError> {
    map.get(&id)
        .ok_or_else(|| EditError::new(format!("{what} {id} 不存在 (no such {kind})")))
}

/// Refuses an empty `text` (`what` names it, `kind` says what it is).
fn non_empty(text: &str, what: &str, kind: ErrorKind) -> Result<(), EditError> {
    if text.trim().is_empty() {
        Err(EditError::about(kind, format!("{what}不能为空 (required)")))
    } else {
        Ok(())
    }
}

/// A record with a code that must be unique among its kind.
trait Coded {
    /// The record's id, code and name.
    fn coded(&self) -> (Id, &str, &str);
}

macro_rules! coded {
    ($($kind:ty),*) => {$(
        impl Coded for $kind {
            fn coded(&self) -> (Id, &str, &str) {
                (self.id, &self.code, &self.name)
            }
        }
    )*};
}
coded!(Unit, Grid, Building);

/// Refuses an empty `code` (`what` names it), or one that another record of
/// `map` than `except` uses.
fn unique_code<T: Coded>(
    map: &BTreeMap<Id, T>,
    what: &str,
    code: &str,
    except: Option<Id>,
) -> Result<(), EditError> {
    non_empty(code, what, ErrorKind::Code)?;
    match map.values().map(T::coded).find(|(_, c, _)| *c == code) {
        Some((id, _, name)) if Some(id) != except => Err(EditError::about(
            ErrorKind::Code,
            format!("{what} {code} 已被「{name}」使用 (duplicate code)"),
        )),
        _ => Ok(()),
    }
}

fn created(record: Record) -> Change {
    Change::Record {
        before: None,
        after: Some(record),
    }
}

fn replaced(before: Record, after: Record) -> Change {
    Change::Record {
        before: Some(before),
        after: Some(after),
    }
}

fn removed(record: Record) -> Change {
    Change::Record {
        before: Some(record),
        after: None,
    }
}
