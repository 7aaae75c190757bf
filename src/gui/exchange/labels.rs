//! The words of the 数据包 menu's buttons and the ids of its fields, which
//! the tests click and find by.

/// 发送数据包….
pub const SEND: &str = "发送数据包…";
/// 接收数据包….
pub const RECEIVE: &str = "接收数据包…";
/// 同步 with the shared repository.
pub const SYNC: &str = "同步";
/// Set the shared repository.
pub const REMOTE: &str = "共享仓库…";
/// Name the office.
pub const OFFICE: &str = "本单位…";
/// Put a document under version control.
pub const START: &str = "开始记录版本";
/// Merge the 数据包 previewed.
pub const MERGE: &str = "合并";
/// Commit the settled merge.
pub const FINISH: &str = "完成";
/// Put everything back as it was before the receive.
pub const ABANDON: &str = "放弃";
/// Close a dialog, doing nothing.
pub const CANCEL: &str = "取消";
/// Close what a finished step said.
pub const CLOSE: &str = "关闭";
/// Keep the office's name typed.
pub const OK: &str = "确定";
/// Yes to 开始记录版本.
pub const YES: &str = "是，开始记录";
/// Save, then go on with what was asked.
pub const SAVE_FIRST: &str = "保存并继续";
/// Write the 数据包 beside the document.
pub const BESIDE: &str = "文档旁边";
/// Ask the desktop where the 数据包 goes.
pub const ELSEWHERE: &str = "其他位置…";
/// Choose the shared repository's folder.
pub const FOLDER: &str = "选择文件夹…";
/// Sync with the shared repository typed.
pub const SYNC_NOW: &str = "保存并同步";
/// The id of the office's name field.
pub const OFFICE_FIELD: &str = "exchange-office";
/// The id of the shared repository's field.
pub const REMOTE_FIELD: &str = "exchange-remote";
/// The id around the preview of a 数据包.
pub const PREVIEW: &str = "exchange-preview";
/// The id around the bar of a pending merge.
pub const PENDING: &str = "exchange-pending";
/// The label a received merge is compared with.
pub const BEFORE: &str = "接收前";
/// Why the document takes no edit while a merge runs.
pub const HOLD: &str =
    "未执行：正在合并数据包，完成后文档会重新读取，现在的修改会丢失 (merge under way)；请稍候";
/// Why a document without a file cannot be exchanged.
pub const NO_FILE: &str = "文档尚未保存为文件 (no file)：请先「另存为…」，再发送、接收或同步数据包";
