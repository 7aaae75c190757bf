//! The window says so when new ids cannot come from the installation's
//! counter. In a test binary of its own: the id source is the process's, set
//! up once from the data folder it finds first.

use gridorg::gui::{inspector, outline, App, Message};
use gridorg::model::ids;

fn settle(app: &mut App, task: iced::Task<Message>) {
    use iced_test::futures::futures::{executor::block_on, StreamExt};
    use iced_test::runtime::{task, Action};
    let Some(mut stream) = task::into_stream(task) else {
        return;
    };
    while let Some(action) = block_on(stream.next()) {
        if let Action::Output(message) = action {
            let next = app.update(message);
            settle(app, next);
        }
    }
}

/// Selects `code` and presses its 添加… button.
fn add_child(app: &mut App, code: &str) {
    let id = app.document().unit_by_code(code).unwrap().id;
    let task = app.update(Message::Outline(outline::Message::Pick(id)));
    settle(app, task);
    let label = inspector::add_label(&app.document().units[&id]);
    let messages: Vec<Message> = {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1280.0, 1400.0),
            app.view(),
        );
        ui.click(label.as_str()).expect("the add button");
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

#[test]
fn an_unusable_data_folder_is_told_once_and_ids_stay_of_their_own_origin() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data folder should be: the counter cannot be kept.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "x").unwrap();
    std::env::set_var("GRIDORG_DATA_DIR", &blocked);

    let mut app = App::new(gridorg::gui::bundled_sample().unwrap(), None);
    let before = app.document().units.len();
    add_child(&mut app, "XY01");
    assert_eq!(app.document().units.len(), before + 1);
    let notice = app.notice().expect("a notice").to_string();
    assert!(
        notice.contains("id counter unusable") && notice.contains("不会与其他副本重复"),
        "{notice}"
    );
    let added = app
        .document()
        .units
        .keys()
        .copied()
        .find(|id| ids::has_origin(*id))
        .expect("the new unit's id carries an origin");

    add_child(&mut app, "XY01");
    assert_eq!(app.document().units.len(), before + 2);
    let again = app.notice().unwrap_or_default();
    assert!(
        !again.contains("id counter unusable"),
        "told twice: {again}"
    );
    let origins: Vec<u64> = app
        .document()
        .units
        .keys()
        .filter(|id| ids::has_origin(**id))
        .map(|id| id.0 >> 29)
        .collect();
    assert_eq!(origins.len(), 2);
    assert_eq!(origins[0], origins[1], "one run, one origin");
    assert_ne!(added.0 >> 29, 0);
}
