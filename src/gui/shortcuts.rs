//! The keyboard shortcuts as the window shows them: beside each menu item
//! and in 帮助 → 快捷键. What each key does is in [`super::keys`].

/// 新建.
pub const NEW: &str = "Ctrl+N";
/// 打开….
pub const OPEN: &str = "Ctrl+O";
/// 保存.
pub const SAVE: &str = "Ctrl+S";
/// 另存为….
pub const SAVE_AS: &str = "Ctrl+Shift+S";
/// 导出 Excel….
pub const EXPORT: &str = "Ctrl+E";
/// 退出.
pub const QUIT: &str = "Ctrl+Q";
/// 撤销.
pub const UNDO: &str = "Ctrl+Z";
/// 重做.
pub const REDO: &str = "Ctrl+Y";
/// 查找.
pub const FIND: &str = "Ctrl+F";
/// 取消选择, and closing an open menu.
pub const DESELECT: &str = "Esc";
/// 删除所选.
pub const DELETE: &str = "Delete";
/// 适应窗口.
pub const FIT: &str = "Ctrl+0";
/// 放大.
pub const ZOOM_IN: &str = "Ctrl+=";
/// 缩小.
pub const ZOOM_OUT: &str = "Ctrl+-";
/// 打印… (to a printer).
pub const PRINT: &str = "Ctrl+P";
/// 打印花名册….
pub const PRINT_ROSTER: &str = "Ctrl+Shift+P";
/// 使用说明 (the user's guide).
pub const HELP: &str = "F1";

/// Every shortcut and what it does, as 帮助 → 快捷键 lists them.
pub const ALL: [(&str, &str); 19] = [
    (NEW, "新建"),
    (OPEN, "打开文档或工作簿"),
    (SAVE, "保存"),
    (SAVE_AS, "另存为"),
    (EXPORT, "导出 Excel"),
    (QUIT, "退出"),
    (UNDO, "撤销"),
    (REDO, "重做（也可 Ctrl+Shift+Z）"),
    (FIND, "查找组织或党员"),
    (DESELECT, "关闭菜单；取消选择（之后打印全部）"),
    (DELETE, "删除所选"),
    ("↑ ↓ ← →", "在组织树中移动、展开、折叠"),
    ("Tab / Shift+Tab", "下一个 / 上一个输入框"),
    (FIT, "适应窗口"),
    (ZOOM_IN, "放大"),
    (ZOOM_OUT, "缩小"),
    (PRINT, "打印到打印机"),
    (PRINT_ROSTER, "打印花名册（PDF 文件）"),
    (HELP, "使用说明"),
];
