//! 帮助 → 使用说明 (and F1): the user's guide, `docs/使用说明.md`, shown in
//! a box over the window. Its text and its screenshots are compiled into the
//! program, so it opens wherever the program was installed. A link to one
//! of its own headings (`#打印`) scrolls there; a web link is handed to the
//! desktop's browser. 关闭, Esc or a click beside the box closes it.

use super::font::CJK;
use super::io;
use super::reveal::reveal;
use super::status::Notice;
use iced::widget::{
    button, column, container, image, markdown, mouse_area, opaque, row, scrollable, text,
};
use iced::{Color, ContentFit, Element, Length, Task};
use std::path::PathBuf;

/// The 帮助 item (and the box's title).
pub const SHOW: &str = "使用说明";
/// The button that closes the box.
pub const CLOSE: &str = "关闭";
/// The id of the guide's scrolling page.
pub const PAGE: &str = "guide-page";

/// The guide's text, as it is in the repository.
pub const TEXT: &str = include_str!("../../docs/使用说明.md");

/// Every screenshot the guide shows, by the path it names it with (relative
/// to `docs/`), and its bytes.
pub const IMAGES: [(&str, &[u8]); 7] = [
    (
        "guide/window.png",
        include_bytes!("../../docs/guide/window.png"),
    ),
    ("guide/fix.png", include_bytes!("../../docs/guide/fix.png")),
    (
        "guide/print.png",
        include_bytes!("../../docs/guide/print.png"),
    ),
    (
        "guide/import.png",
        include_bytes!("../../docs/guide/import.png"),
    ),
    (
        "guide/package.png",
        include_bytes!("../../docs/guide/package.png"),
    ),
    (
        "guide/recovery.png",
        include_bytes!("../../docs/guide/recovery.png"),
    ),
    (
        "guide/guide.png",
        include_bytes!("../../docs/guide/guide.png"),
    ),
];

/// The text size of the guide's body.
const SIZE: f32 = 15.0;
/// Behind commands and file names.
const GREY: Color = Color::from_rgb(0.92, 0.92, 0.92);

/// What the box sends.
#[derive(Debug, Clone)]
pub enum Message {
    /// 帮助 → 使用说明 or F1.
    Open,
    /// A link in the guide was clicked.
    Link(markdown::Uri),
    /// The desktop was asked to open a web link: whether it did.
    Opened(String, bool),
    /// 关闭.
    Close,
}

/// What the root acts on.
pub enum Event {
    /// Show the box.
    Open,
    /// Close the box.
    Close,
    /// Run this (a scroll, or the browser being started).
    Run(Task<Message>),
    /// Say this in the status bar.
    Notice(Notice),
}

/// The guide read for showing: its parts, and its screenshots ready to draw.
pub struct Guide {
    items: Vec<markdown::Item>,
    images: Vec<(&'static str, image::Handle)>,
}

impl Default for Guide {
    fn default() -> Self {
        Guide {
            items: markdown::parse(TEXT).collect(),
            images: IMAGES
                .iter()
                .map(|(path, bytes)| (*path, image::Handle::from_bytes(*bytes)))
                .collect(),
        }
    }
}

/// What a message asks for.
pub fn update(message: Message) -> Event {
    match message {
        Message::Open => Event::Open,
        Message::Close => Event::Close,
        Message::Link(link) => match link.strip_prefix('#') {
            Some(anchor) => Event::Run(reveal(PAGE, heading_id(anchor))),
            None if link.starts_with("http://") || link.starts_with("https://") => {
                let url = link.clone();
                Event::Run(Task::perform(io::show(PathBuf::from(link)), move |r| {
                    Message::Opened(url.clone(), r.is_ok())
                }))
            }
            None => Event::Notice(Notice::refused(format!(
                "使用说明中的链接 {link} 只能在文件夹中打开 (not a web link)"
            ))),
        },
        Message::Opened(_, true) => Event::Run(Task::none()),
        Message::Opened(url, false) => Event::Notice(Notice::refused(format!(
            "未能打开 {url}：没有可用的浏览器 (no browser)"
        ))),
    }
}

impl Guide {
    /// The box over the window.
    pub fn view(&self) -> Element<'_, Message> {
        let settings = markdown::Settings {
            h1_size: (SIZE * 1.6).into(),
            h2_size: (SIZE * 1.35).into(),
            h3_size: (SIZE * 1.15).into(),
            ..markdown::Settings::with_text_size(
                SIZE,
                markdown::Style {
                    font: CJK,
                    inline_code_highlight: markdown::Highlight {
                        background: GREY.into(),
                        border: iced::border::rounded(3),
                    },
                    inline_code_color: Color::BLACK,
                    ..markdown::Style::from(iced::Theme::Light)
                },
            )
        };
        let page = markdown::view_with(&self.items, settings, &Pages(&self.images));
        let card = container(
            column![
                row![
                    container(text(SHOW).size(18)).width(Length::Fill),
                    button(text(CLOSE).size(13)).on_press(Message::Close),
                ]
                .align_y(iced::Alignment::Center),
                scrollable(container(page).padding(iced::Padding::ZERO.right(16.0)))
                    .id(PAGE)
                    .height(Length::Fill),
            ]
            .spacing(10),
        )
        .padding(16)
        .max_width(920.0)
        .height(Length::Fill)
        .style(container::bordered_box);
        mouse_area(
            container(opaque(card))
                .center(Length::Fill)
                .padding(24)
                .style(|_| {
                    container::Style::default().background(Color::from_rgba(0.0, 0.0, 0.0, 0.2))
                }),
        )
        .on_press(Message::Close)
        .into()
    }
}

/// The id around the heading whose anchor is `anchor` (see [`anchor`]).
pub fn heading_id(anchor: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("guide-heading-{anchor}"))
}

/// A heading's anchor as GitHub makes it, so one link works there and
/// here: lower case, spaces to `-`, punctuation other than `-` and `_`
/// dropped (Chinese characters stay).
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// How the guide's parts are drawn: headings as plain text with an id to
/// scroll to, commands on grey, screenshots from the bytes compiled in.
struct Pages<'a>(&'a [(&'static str, image::Handle)]);

impl<'a> markdown::Viewer<'a, Message> for Pages<'a> {
    fn on_link_click(url: markdown::Uri) -> Message {
        Message::Link(url)
    }

    fn heading(
        &self,
        settings: markdown::Settings,
        level: &'a markdown::HeadingLevel,
        words: &'a markdown::Text,
        index: usize,
    ) -> Element<'a, Message> {
        let words: String = words
            .spans(settings.style)
            .iter()
            .map(|span| span.text.as_ref())
            .collect();
        let size = match level {
            markdown::HeadingLevel::H1 => settings.h1_size,
            markdown::HeadingLevel::H2 => settings.h2_size,
            _ => settings.h3_size,
        };
        let above = if index > 0 { settings.text_size.0 } else { 0.0 };
        container(text(words.clone()).size(size))
            .id(heading_id(&anchor(&words)))
            .padding(iced::Padding::ZERO.top(above))
            .into()
    }

    fn code_block(
        &self,
        settings: markdown::Settings,
        _language: Option<&'a str>,
        code: &'a str,
        _lines: &'a [markdown::Text],
    ) -> Element<'a, Message> {
        container(
            text(code.trim_end())
                .font(iced::Font::MONOSPACE)
                .size(settings.text_size),
        )
        .padding(8)
        .width(Length::Fill)
        .style(|_| container::Style::default().background(GREY))
        .into()
    }

    fn image(
        &self,
        settings: markdown::Settings,
        url: &'a markdown::Uri,
        _title: &'a str,
        alt: &markdown::Text,
    ) -> Element<'a, Message> {
        let caption = iced::widget::rich_text(alt.spans(settings.style))
            .size(settings.text_size.0 * 0.85)
            .color(Color::from_rgb(0.35, 0.35, 0.35));
        match self.0.iter().find(|(path, _)| path == url) {
            Some((_, handle)) => column![
                container(
                    image(handle.clone())
                        .content_fit(ContentFit::ScaleDown)
                        .width(Length::Fill)
                )
                .style(container::bordered_box),
                caption,
            ]
            .spacing(4)
            .into(),
            None => caption.into(),
        }
    }
}
