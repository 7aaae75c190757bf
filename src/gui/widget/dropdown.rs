//! A menu bar with drop-down lists, as office programs have (iced 0.14 has
//! none): the titles in a row of one height; the open title's list drawn over
//! the window right under it, each item with its shortcut, a disabled item
//! greyed. Escape or a click outside closes the list; a click on another
//! title, or the pointer moving onto one while a list is open, opens that
//! one instead. It is generic over what an item does, so the window's own
//! menus and messages stay with the window.

use iced::widget::{button, column, container, mouse_area, opaque, row, rule, space, text};
use iced::{Background, Border, Color, Element, Length, Theme};

/// The width of each title: every list opens under its title at a place
/// known without measuring.
pub const TITLE_WIDTH: f32 = 64.0;
/// The height of the bar.
pub const HEIGHT: f32 = 26.0;
/// The width of a list.
const LIST_WIDTH: f32 = 300.0;
/// The grey of a disabled item and of the shortcuts.
const GREY: Color = Color::from_rgb(0.55, 0.55, 0.58);

/// Which list is open, if any.
#[derive(Debug, Default)]
pub struct Dropdown {
    open: Option<usize>,
}

/// What the bar and its lists bring; `A` is what an item does.
#[derive(Debug, Clone)]
pub enum Message<A> {
    /// A title was clicked: open its list, or close it when open.
    Toggle(usize),
    /// The pointer moved onto a title while a list was open: open its list.
    Hover(usize),
    /// Close the open list (Escape, a click outside it).
    Close,
    /// An item was chosen: close the list, then do it.
    Chose(Box<A>),
}

/// One menu: its title and what its list holds.
pub struct Menu<A> {
    /// The title in the bar.
    pub title: &'static str,
    /// The list, top to bottom.
    pub entries: Vec<Entry<A>>,
}

/// A line of a list.
pub enum Entry<A> {
    /// Something to do.
    Item(Item<A>),
    /// A line between groups of items.
    Separator,
    /// A grey line of words: a heading over the items below it, or why
    /// the items above are disabled.
    Note(String),
}

/// Something to do in a list: its words, its shortcut, and what it does
/// (`None`: shown disabled).
pub struct Item<A> {
    label: String,
    shortcut: &'static str,
    action: Option<A>,
    checked: Option<bool>,
}

impl<A> Item<A> {
    /// An item that does `action`, or is disabled when `None`.
    pub fn new(label: impl Into<String>, action: Option<A>) -> Self {
        Item {
            label: label.into(),
            shortcut: "",
            action,
            checked: None,
        }
    }

    /// The keys that do the same, shown at the right.
    pub fn shortcut(self, keys: &'static str) -> Self {
        Item {
            shortcut: keys,
            ..self
        }
    }

    /// An option that is on or off, with ✓ when on.
    pub fn checked(self, on: bool) -> Self {
        Item {
            checked: Some(on),
            ..self
        }
    }
}

impl<A> From<Item<A>> for Entry<A> {
    fn from(item: Item<A>) -> Self {
        Entry::Item(item)
    }
}

/// The id around the item labelled `label` in the open list.
pub fn item_id(label: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("menu-item-{label}"))
}

/// The id around the title `title` in the bar.
pub fn title_id(title: &str) -> iced::widget::Id {
    iced::widget::Id::from(format!("menu-title-{title}"))
}

impl Dropdown {
    /// The index of the open list.
    pub fn open(&self) -> Option<usize> {
        self.open
    }

    /// Handles a message; what a chosen item does.
    pub fn update<A>(&mut self, message: Message<A>) -> Option<A> {
        match message {
            Message::Toggle(index) if self.open == Some(index) => self.open = None,
            Message::Toggle(index) => self.open = Some(index),
            Message::Hover(index) => {
                if self.open.is_some() {
                    self.open = Some(index);
                }
            }
            Message::Close => self.open = None,
            Message::Chose(action) => {
                self.open = None;
                return Some(*action);
            }
        }
        None
    }

    /// The bar of titles.
    pub fn bar<'a, A: Clone + 'a>(&self, menus: &[Menu<A>]) -> Element<'a, Message<A>> {
        let titles = menus.iter().enumerate().map(|(index, menu)| {
            let open = self.open == Some(index);
            let title = button(
                text(menu.title)
                    .size(14)
                    .wrapping(text::Wrapping::None)
                    .center(),
            )
            .width(Length::Fixed(TITLE_WIDTH))
            .height(Length::Fixed(HEIGHT))
            .padding([3, 4])
            .style(move |theme, status| title_style(theme, status, open))
            .on_press(Message::Toggle(index));
            let mut hovered = mouse_area(title);
            if self.open.is_some() {
                hovered = hovered.on_enter(Message::Hover(index));
            }
            container(hovered).id(title_id(menu.title)).into()
        });
        row(titles).height(Length::Fixed(HEIGHT)).into()
    }

    /// The open list as a layer over the whole window, the list under its
    /// title (the bar's top left at `origin` in the window): a click anywhere
    /// below the bar but off the list closes it. None while no list is open.
    pub fn list<'a, A: Clone + 'a>(
        &self,
        menus: Vec<Menu<A>>,
        origin: (f32, f32),
    ) -> Option<Element<'a, Message<A>>> {
        let index = self.open?;
        let menu = menus.into_iter().nth(index)?;
        let lines = menu.entries.into_iter().map(|entry| match entry {
            Entry::Item(item) => line(item),
            Entry::Separator => container(rule::horizontal(1)).padding([3, 0]).into(),
            Entry::Note(words) => container(text(words).size(12).color(GREY))
                .padding([2, 8])
                .into(),
        });
        let list = container(column(lines).width(Length::Fixed(LIST_WIDTH)))
            .padding(4)
            .style(list_style);
        let left = origin.0 + TITLE_WIDTH * index as f32;
        let placed = row![space().width(Length::Fixed(left)), opaque(list)];
        let outside = mouse_area(container(placed).width(Length::Fill).height(Length::Fill))
            .on_press(Message::Close);
        Some(
            column![space().height(Length::Fixed(origin.1 + HEIGHT)), outside]
                .width(Length::Fill)
                .height(Length::Fill)
                .into(),
        )
    }
}

/// One item of a list: ✓ when on, the words, the shortcut at the right.
fn line<'a, A: Clone + 'a>(item: Item<A>) -> Element<'a, Message<A>> {
    let enabled = item.action.is_some();
    let colour = (!enabled).then_some(GREY);
    let mark = match item.checked {
        Some(true) => "✓",
        _ => "",
    };
    let words = row![
        text(mark).size(13).width(Length::Fixed(16.0)),
        text(item.label.clone())
            .size(13)
            .color_maybe(colour)
            .wrapping(text::Wrapping::None)
            .width(Length::Fill),
        text(item.shortcut)
            .size(12)
            .color(GREY)
            .wrapping(text::Wrapping::None),
    ]
    .spacing(4)
    .align_y(iced::Alignment::Center);
    let pressed = button(words)
        .width(Length::Fill)
        .padding([4, 8])
        .style(item_style)
        .on_press_maybe(item.action.map(|a| Message::Chose(Box::new(a))));
    container(pressed).id(item_id(&item.label)).into()
}

/// A title: flat, shaded while hovered or open.
fn title_style(theme: &Theme, status: button::Status, open: bool) -> button::Style {
    let palette = theme.extended_palette();
    let shaded = open || matches!(status, button::Status::Hovered | button::Status::Pressed);
    button::Style {
        background: shaded.then_some(Background::Color(palette.background.strong.color)),
        text_color: palette.background.base.text,
        border: Border::default().rounded(3),
        ..button::Style::default()
    }
}

/// An item: flat, marked while hovered, greyed when disabled.
fn item_style(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let (background, text_color) = match status {
        button::Status::Hovered | button::Status::Pressed => (
            Some(Background::Color(palette.primary.weak.color)),
            palette.primary.weak.text,
        ),
        button::Status::Disabled => (None, GREY),
        button::Status::Active => (None, palette.background.base.text),
    };
    button::Style {
        background,
        text_color,
        border: Border::default().rounded(3),
        ..button::Style::default()
    }
}

/// The list's box: the window's colour with a border (no shadow: the
/// software renderer left a moved list's shadow on screen).
fn list_style(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(Background::Color(palette.background.base.color)),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..container::Style::default()
    }
}
