//! How much memory a document's text may take once read, estimated before it
//! is parsed, so that a file under the size cap ([`crate::input::LIMIT`]) but
//! made of the smallest records a file can hold (`(id:7,name:"",unit:1),`
//! is 22 bytes and a record in memory 200 to 400) is refused rather than
//! exhausting memory: `merge` holds three documents at once.

/// What a document read may take: 1 GiB. The city preset (98 MB, 567,000
/// records and 4.3 million list items and fields) is estimated at 525 MB.
pub const BUDGET: u64 = 1 << 30;

/// Bytes charged per struct (each opens with `(`): the largest record in
/// memory, twice over while a list is turned into a map.
const STRUCT_COST: u64 = 512;

/// Bytes charged per `,`: a list item (a string or an id) in a growing list.
const ITEM_COST: u64 = 32;

/// The memory `text` may take once read, in bytes: its own text (every
/// string may be copied) and the cost of its structs and list items, counted
/// by the bytes that open and separate them (inside strings too, which only
/// overestimates).
pub fn estimate(text: &str) -> u64 {
    let (mut structs, mut items) = (0u64, 0u64);
    // Counted in one-byte tallies a run of 255 bytes at a time, which the
    // compiler turns into wide vector compares: a city's 98 MB in about a
    // hundredth of a second, where byte by byte took a tenth.
    for run in text.as_bytes().chunks(255) {
        let (mut opened, mut separated) = (0u8, 0u8);
        for &b in run {
            opened += u8::from(b == b'(');
            separated += u8::from(b == b',');
        }
        structs += u64::from(opened);
        items += u64::from(separated);
    }
    text.len() as u64 + structs * STRUCT_COST + items * ITEM_COST
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tallies of a run never overflow: every byte of a long run an
    /// opening or a separator is counted, as one at a time would.
    #[test]
    fn counts_every_opening_and_separator_however_dense() {
        for text in [
            "(".repeat(1000),
            ",".repeat(777),
            "(a,b),".repeat(300),
            format!("{}x{}", "(".repeat(255), ",".repeat(256)),
            String::new(),
        ] {
            let structs = text.bytes().filter(|&b| b == b'(').count() as u64;
            let items = text.bytes().filter(|&b| b == b',').count() as u64;
            assert_eq!(
                estimate(&text),
                text.len() as u64 + structs * STRUCT_COST + items * ITEM_COST,
                "{} bytes",
                text.len()
            );
        }
    }
}
