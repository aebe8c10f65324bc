//! The exports' values as JSON text, parsed once by the browser (`JSON.parse`). One string crosses
//! into JavaScript instead of one call per property (serde-wasm-bindgen made `compute()` cost about
//! 2 ms, nearly all of it in the boundary), and the module carries no second serialiser.
//!
//! Covers what the engine's records use: strings, booleans, integers, sequences, structs, maps with
//! string keys, unit enum variants (their serde names) and `Option`. A struct field that is `None`
//! is left out, so reading it gives `undefined`, as it did before; `None` elsewhere is `null`.
//! Floating point is refused (the engine's figures are decimal strings).

use serde::ser::{self, Serialize};

#[derive(Debug)]
pub struct Error;

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("not serialisable as JSON")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: core::fmt::Display>(_msg: T) -> Self {
        Error
    }
}

type Result<T = ()> = core::result::Result<T, Error>;

/// `value` as JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = Json { out: String::with_capacity(256), none: false };
    value.serialize(&mut s)?;
    Ok(s.out)
}

struct Json {
    out: String,
    /// Set by `serialize_none`, so a struct can drop the field it was writing.
    none: bool,
}

impl Json {
    fn uint(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.out.push(d as char);
        }
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.out.push('-');
        }
        self.uint(v.unsigned_abs());
    }

    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            // Nearly every string: nothing to escape.
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 15) as usize] as char);
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(s.get(start..).unwrap_or_default());
        self.out.push('"');
    }
}

/// A sequence, map or struct being written: `first` is false once an element is out.
pub struct Compound<'a> {
    json: &'a mut Json,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.json.out.push(',');
        }
        self.first = false;
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        let mark = self.json.out.len();
        let was_first = self.first;
        self.comma();
        self.json.string(key);
        self.json.out.push(':');
        self.json.none = false;
        value.serialize(&mut *self.json)?;
        if self.json.none {
            // A `None` field is left out (reads as `undefined`).
            self.json.out.truncate(mark);
            self.first = was_first;
            self.json.none = false;
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Json {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.int(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result {
        // Beyond 2^53 a JavaScript number would not hold it exactly.
        if v.unsigned_abs() > (1 << 53) {
            return Err(Error);
        }
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.uint(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result {
        if v > (1 << 53) {
            return Err(Error);
        }
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, _v: f32) -> Result {
        Err(Error)
    }
    fn serialize_f64(self, _v: f64) -> Result {
        Err(Error)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.out.push_str("null");
        self.none = true;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.out.push('{');
        let mut c = Compound { json: self, first: true };
        c.field(variant, value)?;
        c.json.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.out.push('[');
        Ok(Compound { json: self, first: true })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Error)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>> {
        self.out.push('{');
        Ok(Compound { json: self, first: true })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Error)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.comma();
        value.serialize(&mut *self.json)
    }
    fn end(self) -> Result {
        self.json.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.comma();
        // Keys must be strings (JSON objects); anything else is refused.
        let mark = self.json.out.len();
        key.serialize(&mut *self.json)?;
        if !self.json.out.get(mark..).is_some_and(|k| k.starts_with('"')) {
            return Err(Error);
        }
        self.json.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.json.none = false;
        value.serialize(&mut *self.json)?;
        self.json.none = false;
        Ok(())
    }
    fn end(self) -> Result {
        self.json.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.field(key, value)
    }
    fn end(self) -> Result {
        self.json.out.push('}');
        Ok(())
    }
}
