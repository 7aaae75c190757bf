//! The keyboard: what a key does when no widget took it (a focused text field
//! keeps its own keys, ← and → among them).

use super::message::Message;
use super::{files, inspector, outline::Step, sheet};
use iced::keyboard::{self, key::Named, Key};

/// The message for a key press that no widget captured, if it means one.
pub fn message(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    match key {
        Key::Character(c) if modifiers.command() => match (c.as_str(), modifiers.shift()) {
            ("z", false) => Some(Message::Undo),
            ("y", _) | ("z", true) => Some(Message::Redo),
            ("s", false) => Some(Message::Files(files::Message::Save)),
            ("s", true) => Some(Message::Files(files::Message::SaveAs)),
            ("o", _) => Some(Message::Files(files::Message::Open)),
            ("n", _) => Some(Message::Files(files::Message::New)),
            ("f", _) => Some(Message::Find),
            // Only an open members sheet acts on these (a text field keeps its own).
            ("c", false) => Some(Message::Sheet(sheet::Message::Copy)),
            ("v", false) => Some(Message::Sheet(sheet::Message::Paste)),
            _ => None,
        },
        Key::Named(Named::Tab) if modifiers.shift() => Some(Message::FocusPrevious),
        Key::Named(Named::Tab) => Some(Message::FocusNext),
        Key::Named(Named::Delete) => Some(Message::Inspector(inspector::Message::Delete)),
        Key::Named(Named::Escape) => Some(Message::Deselect),
        Key::Named(Named::ArrowUp) => Some(Message::Arrow(Step::Up)),
        Key::Named(Named::ArrowDown) => Some(Message::Arrow(Step::Down)),
        Key::Named(Named::ArrowLeft) => Some(Message::Arrow(Step::Left)),
        Key::Named(Named::ArrowRight) => Some(Message::Arrow(Step::Right)),
        _ => None,
    }
}
