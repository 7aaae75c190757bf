//! The editor window (iced). A thin layer over the library: it sends messages
//! and renders state; the document, its graph and its edits live in the core.

mod outline;

use crate::document;
use crate::model::Document;
use iced::widget::{column, container, scrollable, text};
use iced::{Element, Font, Length, Task};
use std::path::PathBuf;

/// The window's font: the bundled CJK face.
pub const CJK: Font = Font::with_name(crate::font::FAMILY);

/// The application state.
pub struct App {
    document: Document,
    path: Option<PathBuf>,
    outline: outline::Outline,
}

/// What the window reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The outline asked for something.
    Outline(outline::Message),
}

impl App {
    /// A window on a document; `path` is where it was read from (None for the sample).
    pub fn new(document: Document, path: Option<PathBuf>) -> Self {
        let outline = outline::Outline::new(&document);
        App {
            document,
            path,
            outline,
        }
    }

    /// The window title: the file name, or the document's own title.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.document.title.clone());
        format!("{name} — gridorg 党建网格")
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Outline(m) => self.outline.update(m),
        }
        Task::none()
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        let header = text(&self.document.title).size(22);
        let summary = text(format!(
            "{} 个组织 · {} 个网格 · {} 名党员 · {} 户联系户",
            self.document.units.len(),
            self.document.grids.len(),
            self.document.members.len(),
            self.document.households.len()
        ))
        .size(14);
        let tree = scrollable(self.outline.view(&self.document).map(Message::Outline))
            .height(Length::Fill)
            .width(Length::Fill);
        container(column![header, summary, tree].spacing(10))
            .padding(16)
            .into()
    }
}

/// Opens the window on a document. Blocks until the window is closed.
pub fn run(document: Document, path: Option<PathBuf>) -> iced::Result {
    iced::application(
        move || App::new(document.clone(), path.clone()),
        App::update,
        App::view,
    )
    .title(App::title)
    .font(crate::font::NOTO_SANS_SC)
    .default_font(CJK)
    .window_size((1100.0, 760.0))
    .run()
}

/// Reads the bundled sample document the window opens on by default.
pub fn bundled_sample() -> Result<Document, document::DocumentError> {
    document::from_str(crate::SAMPLE, "sample-data/xiyuan.ron")
}
