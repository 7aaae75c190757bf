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
    for &b in text.as_bytes() {
        structs += u64::from(b == b'(');
        items += u64::from(b == b',');
    }
    text.len() as u64 + structs * STRUCT_COST + items * ITEM_COST
}
