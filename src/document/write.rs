//! The writer: a small serde serializer for the RON layout gridorg writes.
//!
//! The `ron` crate's pretty printer takes ~5 s for a city document; this one
//! writes the same layout (records one per line, optional values without
//! `Some`, the `implicit_some` extension line) in a fraction of that. Its
//! output is plain RON: the `ron` crate reads it too (see `fast` for the reader).

use serde::ser::{self, Serialize};
use std::fmt::{self, Write};

/// Why a value could not be written (only for types the model does not use).
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// Writes `value` (the file's top-level struct) after the extensions line and `header`.
pub fn to_string<T: Serialize>(value: &T, header: &str) -> Result<String, Unsupported> {
    let mut writer = Writer {
        out: String::with_capacity(1 << 20),
        depth: 0,
    };
    writer.out.push_str("#![enable(implicit_some)]\n");
    writer.out.push_str(header);
    writer.out.push('\n');
    value.serialize(&mut writer)?;
    writer.out.push('\n');
    Ok(writer.out)
}

struct Writer {
    out: String,
    /// 0 outside the top-level struct, 1 inside it, 2 inside its lists, 3+ inside records.
    depth: usize,
}

impl Writer {
    /// Whether the compound being opened at the current depth is laid out one
    /// item per line (the top-level struct and its lists).
    fn multiline(&self) -> bool {
        self.depth < 2
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        if !s.bytes().any(needs_escape) {
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\t' => self.out.push_str("\\t"),
                '\r' => self.out.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(self.out, "\\u{{{:x}}}", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn open(&mut self, bracket: char) -> Compound<'_> {
        self.out.push(bracket);
        let multiline = self.multiline();
        self.depth += 1;
        Compound {
            writer: self,
            multiline,
            empty: true,
        }
    }
}

/// Whether a byte may start a character that `Writer::string` escapes: a quote,
/// a backslash, an ASCII control, or the lead byte of U+0080–U+009F (C1 controls).
fn needs_escape(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f || b == 0xc2
}

/// An open struct or list.
struct Compound<'a> {
    writer: &'a mut Writer,
    multiline: bool,
    empty: bool,
}

impl Compound<'_> {
    fn before_item(&mut self) {
        if self.multiline {
            self.writer.out.push('\n');
            self.writer.indent();
        } else if !self.empty {
            self.writer.out.push_str(", ");
        }
        self.empty = false;
    }

    fn after_item(&mut self) {
        if self.multiline {
            self.writer.out.push(',');
        }
    }

    fn close(self, bracket: char) {
        self.writer.depth -= 1;
        if self.multiline && !self.empty {
            self.writer.out.push('\n');
            self.writer.indent();
        }
        self.writer.out.push(bracket);
    }
}

macro_rules! display {
    ($($method:ident $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), Unsupported> {
            let _ = write!(self.out, "{v}");
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    display!(serialize_bool bool, serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
             serialize_i64 i64, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32,
             serialize_u64 u64);

    fn serialize_f32(self, _v: f32) -> Result<(), Unsupported> {
        Err(Unsupported("f32".into()))
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Unsupported> {
        Err(Unsupported("f64".into()))
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported("bytes".into()))
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("()");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.out.push_str(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported(variant.into()))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('['))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported("tuple".into()))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported(name.into()))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported(variant.into()))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported("map".into()))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('('))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported(variant.into()))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.before_item();
        value.serialize(&mut *self.writer)?;
        self.after_item();
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(']');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.before_item();
        self.writer.out.push_str(key);
        self.writer.out.push_str(": ");
        value.serialize(&mut *self.writer)?;
        self.after_item();
        Ok(())
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(')');
        Ok(())
    }
}
