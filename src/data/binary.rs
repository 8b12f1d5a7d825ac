//! The validated dataset in a compact binary form, written at build time (`build.rs`, from
//! `data/*.json` once they have been validated) and read by the app at start-up: no JSON
//! parsing and no validation in the visitor's browser for the data the site ships with.
//!
//! One schema: the form is [`Dataset`] itself, field by field, in declaration order
//! (lengths and integers as LEB128, `f64` as 8 little-endian bytes, enums as their index in
//! `ALL`, `Option` as a 0/1 tag). There is no versioning: the file and its reader are built
//! together from the same source. Reading is total: damaged bytes give `None`, never a
//! panic. Pure: no leptos, no I/O.

use crate::i18n::Lang;
use crate::model::*;

/// Bytes being written, with the strings written so far (each is written once, then
/// referred to by its number: ids recur in every relation and provenance).
/// The strings' bytes go to a stream of their own, after the rest: text next to text
/// compresses better (the file ships inside the wasm, compressed by the host).
#[derive(Default)]
pub struct Writer(Vec<u8>, std::collections::HashMap<String, u64>, Vec<u8>);

/// Bytes being read, front to back, with the text stream and the strings read so far.
pub struct Reader<'a>(&'a [u8], Vec<&'a str>, &'a [u8]);

impl Writer {
    fn unsigned(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn unsigned(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        if len > self.0.len() {
            return None;
        }
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(taken)
    }
}

/// A value with a binary form.
pub trait Binary: Sized {
    fn write(&self, w: &mut Writer);
    fn read(r: &mut Reader<'_>) -> Option<Self>;
}

impl Binary for u32 {
    fn write(&self, w: &mut Writer) {
        w.unsigned(u64::from(*self));
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.unsigned()?).ok()
    }
}

impl Binary for u8 {
    fn write(&self, w: &mut Writer) {
        w.0.push(*self);
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        r.byte()
    }
}

impl Binary for i32 {
    // Zig-zag, so that small negative years stay short.
    fn write(&self, w: &mut Writer) {
        w.unsigned(u64::from(((*self << 1) ^ (*self >> 31)) as u32));
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        let n = u32::try_from(r.unsigned()?).ok()?;
        Some(((n >> 1) as i32) ^ -((n & 1) as i32))
    }
}

impl Binary for bool {
    fn write(&self, w: &mut Writer) {
        w.0.push(u8::from(*self));
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Binary for f64 {
    fn write(&self, w: &mut Writer) {
        w.0.extend_from_slice(&self.to_le_bytes());
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        Some(f64::from_le_bytes(r.take(8)?.try_into().ok()?))
    }
}

impl Binary for String {
    // An even number 2n: a new string of n bytes follows. An odd number 2i + 1: the same
    // string as the i-th new one.
    fn write(&self, w: &mut Writer) {
        if let Some(&i) = w.1.get(self) {
            w.unsigned(2 * i + 1);
            return;
        }
        let next = w.1.len() as u64;
        w.1.insert(self.clone(), next);
        w.unsigned(2 * self.len() as u64);
        w.2.extend_from_slice(self.as_bytes());
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        let n = usize::try_from(r.unsigned()?).ok()?;
        if n % 2 == 1 {
            return r.1.get(n / 2).map(|s| (*s).to_owned());
        }
        let len = n / 2;
        if len > r.2.len() {
            return None;
        }
        let (bytes, rest) = r.2.split_at(len);
        r.2 = rest;
        let text = std::str::from_utf8(bytes).ok()?;
        r.1.push(text);
        Some(text.to_owned())
    }
}

impl<T: Binary> Binary for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            None => w.0.push(0),
            Some(value) => {
                w.0.push(1);
                value.write(w);
            }
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::read(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Binary> Binary for Vec<T> {
    fn write(&self, w: &mut Writer) {
        w.unsigned(self.len() as u64);
        for item in self {
            item.write(w);
        }
    }
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        let len = usize::try_from(r.unsigned()?).ok()?;
        // Every item takes at least a byte: a damaged length cannot reserve more than that.
        let mut items = Vec::with_capacity(len.min(r.0.len()));
        for _ in 0..len {
            items.push(T::read(r)?);
        }
        Some(items)
    }
}

/// Enums with an `ALL` list: written as their index in it.
macro_rules! by_index {
    ($($kind:ty),* $(,)?) => {$(
        impl Binary for $kind {
            fn write(&self, w: &mut Writer) {
                let index = <$kind>::ALL.iter().position(|k| k == self).unwrap_or(0);
                w.0.push(index as u8);
            }
            fn read(r: &mut Reader<'_>) -> Option<Self> {
                <$kind>::ALL.get(usize::from(r.byte()?)).copied()
            }
        }
    )*};
}

by_index!(
    Lang,
    Confidence,
    OrgKind,
    ProjectKind,
    RelationKind,
    EventKind,
    SourceKind
);

/// Structs: their fields in order.
macro_rules! fields {
    ($($name:ident { $($field:ident),* $(,)? })*) => {$(
        impl Binary for $name {
            fn write(&self, w: &mut Writer) {
                $(self.$field.write(w);)*
            }
            fn read(r: &mut Reader<'_>) -> Option<Self> {
                Some($name { $($field: Binary::read(r)?),* })
            }
        }
    )*};
}

fields! {
    Text { en, fr }
    PartialDate { year, month, day, uncertain }
    Span { start, end }
    Provenance { confidence, sources, note }
    Source { id, title, publisher, url, seed_file, date, kind }
    Country { code, iso3, name }
    Organisation { id, name, acronym, kind, country, city, lat, lon, website, provenance }
    Section { id, title, items }
    Programme { id, name, summary, hub, sections, provenance }
    Project {
        id, name, acronym, kind, programmes, summary, funding, grant, coordinator,
        coordinator_person, span, partners, partner_countries, countries, partners_note,
        budget, provenance
    }
    CountryMention { code, sources }
    Relation { id, from, kind, to, span, provenance }
    Event { id, kind, label, date, until, place, related, provenance }
    Quote { text, lang, source }
    Figure { id, value, unit, subject, about, statement, provenance }
    Claim { from_seed, says, sources }
    Conflict { id, topic, about, claims, status, resolution }
    Dataset {
        sources, countries, organisations, programmes, projects, relations, events,
        figures, conflicts
    }
}

/// The dataset's binary form.
pub fn encode(data: &Dataset) -> Vec<u8> {
    encode_value(data)
}

/// The dataset back from its binary form; `None` when the bytes are not one whole dataset.
pub fn decode(bytes: &[u8]) -> Option<Dataset> {
    decode_value(bytes)
}

/// Any value's binary form: the length of its structure, the structure, then its text.
pub fn encode_value<T: Binary>(value: &T) -> Vec<u8> {
    let mut w = Writer::default();
    value.write(&mut w);
    let mut file = Writer::default();
    file.unsigned(w.0.len() as u64);
    file.0.extend_from_slice(&w.0);
    file.0.extend_from_slice(&w.2);
    file.0
}

/// A value back from its binary form; `None` when the bytes are not exactly one value.
pub fn decode_value<T: Binary>(bytes: &[u8]) -> Option<T> {
    let mut header = Reader(bytes, Vec::new(), &[]);
    let structure = usize::try_from(header.unsigned()?).ok()?;
    let structure = header.take(structure)?;
    let mut r = Reader(structure, Vec::new(), header.0);
    let value = T::read(&mut r)?;
    (r.0.is_empty() && r.2.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dataset_comes_back_equal() {
        let data = crate::data::embedded().unwrap();
        let bytes = encode(&data);
        assert_eq!(decode(&bytes), Some(data));
    }

    #[test]
    fn integers_keep_their_sign_and_size() {
        for n in [0, 1, -1, 63, -64, 2023, -2023, i32::MAX, i32::MIN] {
            let mut w = Writer::default();
            n.write(&mut w);
            assert_eq!(
                i32::read(&mut Reader(&w.0, Vec::new(), &[])),
                Some(n),
                "{n}"
            );
        }
        let mut w = Writer::default();
        2026i32.write(&mut w);
        assert_eq!(w.0.len(), 2, "a year takes two bytes");
    }

    #[test]
    fn damaged_bytes_give_none_never_a_panic() {
        let data = crate::data::embedded().unwrap();
        let bytes = encode(&data);
        // Cut short anywhere, and every byte flipped in turn (a sample of positions).
        for cut in (0..bytes.len()).step_by(997) {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        for at in (0..bytes.len()).step_by(1009) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xff;
            let _ = decode(&damaged);
        }
        assert_eq!(decode(&[0xff; 16]), None, "a length that does not fit");
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
    }
}
