//! A block of cells as Excel and WPS put it on the clipboard: cells split by
//! tabs, rows by line ends (CRLF from Excel, LF from others), and a cell that
//! holds a tab, a line break or a quote written in quotes with its quotes
//! doubled. The same form is written back when a block is copied out.

/// The cells of clipboard text, row by row. The line end after the last row
/// (Excel always writes one) makes no empty row; a row keeps its empty cells.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut cell = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            // Quoted: up to the quote that is not doubled. Anything after it
            // before the tab is kept as written (a malformed cell loses nothing).
            while let Some(c) = chars.next() {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => break,
                    c => cell.push(c),
                }
            }
        }
        let mut end = None;
        while let Some(c) = chars.next() {
            match c {
                '\t' => {
                    end = Some(false);
                    break;
                }
                '\r' if chars.peek() == Some(&'\n') => {
                    chars.next();
                    end = Some(true);
                    break;
                }
                '\n' | '\r' => {
                    end = Some(true);
                    break;
                }
                c => cell.push(c),
            }
        }
        row.push(cell);
        match end {
            Some(false) => {}
            Some(true) => rows.push(std::mem::take(&mut row)),
            None => {
                rows.push(row);
                return rows;
            }
        }
    }
}

/// Clipboard text for a block of cells, as Excel writes it: tabs between
/// cells, CRLF after every row, and a cell holding a tab, a line break or a
/// quote in quotes.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}
