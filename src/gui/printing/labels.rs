//! The print dialog's words and the ids its tests and screenshots find it by.

/// The 打印 menu's item that opens the dialog.
pub const OPEN: &str = "打印…";
/// The dialog's title.
pub const TITLE: &str = "打印到打印机";
/// Said while CUPS is asked for its printers.
pub const LOOKING: &str = "正在查找打印机…";
/// Said when there is no printer to print on.
pub const NONE: &str = "没有可用的打印机";
/// Why, when CUPS answered with no printers.
pub const NONE_ADDED: &str = "CUPS 中还没有添加打印机（系统设置 → 打印机）";
/// The button that writes a PDF file instead.
pub const SAVE_PDF: &str = "另存为 PDF…";
/// 单面 / 双面.
pub const TWO_SIDED: &str = "双面（长边装订）";
/// All pages.
pub const ALL_PAGES: &str = "全部页";
/// Some pages.
pub const SOME_PAGES: &str = "页码范围";
/// The button that stops a job under way, in the status bar.
pub const CANCEL_JOB: &str = crate::gui::print::CANCEL;
/// The id of the copies field.
pub const COPIES_FIELD: &str = "print-copies";
/// The id of the page range field.
pub const RANGE_FIELD: &str = "print-range";
/// The id around the dialog's 打印 button.
pub const PRINT_BUTTON: &str = "print-go";
/// The id around the dialog's 取消 button.
pub const CLOSE_BUTTON: &str = "print-close";
/// The id around the printers' list.
pub const PRINTERS: &str = "print-printers";
/// The id around the papers' list.
pub const PAPERS: &str = "print-papers";
/// The id of the dialog's box.
pub const DIALOG: &str = "print-dialog";
