//! The keyboard: what a key does when no widget took it (a focused text field
//! keeps its own keys, ← and → among them). The menus show the same keys
//! ([`super::shortcuts`]); Escape closes an open menu, help or the guide
//! before it deselects (the root decides).

use super::menu::{ZOOM_IN_BY, ZOOM_OUT_BY};
use super::message::Message;
use super::{files, guide, inspector, outline::Step, print, printing, problems, sheet};
use iced::keyboard::{self, key::Named, Key};

/// The message for a key press that no widget captured, if it means one.
pub fn message(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match key {
        // With Shift held a letter may come upper-case.
        Key::Character(c) if modifiers.command() => command(&c.to_lowercase(), modifiers.shift()),
        Key::Named(Named::F1) => Some(Message::Guide(guide::Message::Open)),
        Key::Named(Named::Tab) if modifiers.shift() => Some(Message::FocusPrevious),
        Key::Named(Named::Tab) => Some(Message::FocusNext),
        Key::Named(Named::Delete) => Some(Message::Inspector(inspector::Message::Delete)),
        Key::Named(Named::Enter) => Some(Message::Problem(problems::Message::Open)),
        Key::Named(Named::Escape) => Some(Message::Deselect),
        Key::Named(Named::ArrowUp) => Some(Message::Arrow(Step::Up)),
        Key::Named(Named::ArrowDown) => Some(Message::Arrow(Step::Down)),
        Key::Named(Named::ArrowLeft) => Some(Message::Arrow(Step::Left)),
        Key::Named(Named::ArrowRight) => Some(Message::Arrow(Step::Right)),
        _ => None,
    }
}

/// What Ctrl (⌘) with `key` does, Shift held or not.
fn command(key: &str, shift: bool) -> Option<Message> {
    match (key, shift) {
        ("z", false) => Some(Message::Undo),
        ("y", _) | ("z", true) => Some(Message::Redo),
        ("s", false) => Some(Message::Files(files::Message::Save)),
        ("s", true) => Some(Message::Files(files::Message::SaveAs)),
        ("o", _) => Some(Message::Files(files::Message::Open)),
        ("n", _) => Some(Message::Files(files::Message::New)),
        ("e", _) => Some(Message::Files(files::Message::Export)),
        ("q", _) => Some(Message::Quit),
        ("f", _) => Some(Message::Find),
        ("p", false) => Some(Message::Printing(printing::Message::Open)),
        ("p", true) => Some(Message::Print(print::Message::Roster)),
        ("0", _) => Some(Message::Fit),
        ("=" | "+", _) => Some(Message::Zoom(ZOOM_IN_BY)),
        ("-", _) => Some(Message::Zoom(ZOOM_OUT_BY)),
        // Only an open members sheet acts on these (a text field keeps its own).
        ("c", false) => Some(Message::Sheet(sheet::Message::Copy)),
        ("v", false) => Some(Message::Sheet(sheet::Message::Paste)),
        _ => None,
    }
}
