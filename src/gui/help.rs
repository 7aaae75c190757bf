//! 帮助: the keyboard shortcuts listed, and what this program is (its
//! version), in a box over the window that Esc, 关闭 or a click beside it
//! closes.

use super::shortcuts;
use iced::widget::{button, column, container, mouse_area, opaque, row, text};
use iced::{Color, Element, Length};

/// Which help is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    /// The keyboard shortcuts.
    Keys,
    /// The program's name and version.
    About,
}

/// The 帮助 item that lists the shortcuts.
pub const KEYS: &str = "快捷键";
/// The 帮助 item that tells the version.
pub const ABOUT: &str = "关于 gridorg";
/// The button that closes the box.
pub const CLOSE: &str = "关闭";

/// The box over the window; `close` is sent by 关闭 or a click beside it.
pub fn view<'a, M: Clone + 'a>(help: Help, close: M) -> Element<'a, M> {
    let body: Element<'a, M> = match help {
        Help::Keys => column(shortcuts::ALL.iter().map(|(keys, what)| {
            row![
                text(*keys).size(13).width(Length::Fixed(130.0)),
                text(*what).size(13),
            ]
            .spacing(8)
            .into()
        }))
        .spacing(4)
        .into(),
        Help::About => column![
            text(format!("gridorg {}", env!("CARGO_PKG_VERSION"))).size(16),
            text("党建网格：街道—社区—网格—楼栋—中心户五级组织的整理、检查与打印").size(13),
            text("文档保存在本机；身份证号、电话默认遮盖显示").size(13),
        ]
        .spacing(6)
        .into(),
    };
    let title = match help {
        Help::Keys => KEYS,
        Help::About => ABOUT,
    };
    let card = container(
        column![
            text(title).size(16),
            body,
            button(text(CLOSE).size(13)).on_press(close.clone())
        ]
        .spacing(12),
    )
    .padding(16)
    .max_width(520.0)
    .style(container::bordered_box);
    mouse_area(
        container(opaque(card)).center(Length::Fill).style(|_| {
            container::Style::default().background(Color::from_rgba(0.0, 0.0, 0.0, 0.2))
        }),
    )
    .on_press(close)
    .into()
}
