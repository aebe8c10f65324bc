//! The little of ZIP that XLSX needs: reading named entries of an archive through its central
//! directory (stored or deflated, CRC-checked, sizes bounded), and writing an archive of deflated
//! entries. Deflate and inflate are `miniz_oxide`'s, the CRC-32 is `crc32fast`'s.
//! Archives this does not handle (ZIP64, encryption, other compression methods, several disks) are
//! refused with a message, never guessed at.

use crate::{BatchError, Unreadable};

/// At most this much is inflated from one archive: a 200,000-row sheet as Excel writes it is about
/// 120 MB of XML; anything much beyond is a "zip bomb", not a workbook.
pub const MAX_INFLATED: u64 = 256 << 20;
/// Deflate cannot expand data by more than about 1032 : 1, so an entry claiming more is damaged.
const MAX_RATIO: u64 = 1032;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

fn refuse(why: Unreadable) -> BatchError {
    BatchError::Unreadable(why)
}

fn damaged() -> BatchError {
    refuse(Unreadable::Damaged)
}

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    local_offset: u32,
}

/// A ZIP archive in memory, read through its central directory.
pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
    /// Bytes inflated so far (bounded by `MAX_INFLATED`).
    inflated: u64,
}

impl<'a> Archive<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Archive<'a>, BatchError> {
        // The end-of-central-directory record: 22 bytes, then a comment of at most 65,535 bytes.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(damaged)?;
        let field = |at: usize| u16_at(bytes, eocd + at).ok_or_else(damaged);
        let (disk, cd_disk, on_disk, count) = (field(4)?, field(6)?, field(8)?, field(10)?);
        let cd_size = u32_at(bytes, eocd + 12).ok_or_else(damaged)?;
        let cd_offset = u32_at(bytes, eocd + 16).ok_or_else(damaged)?;
        let zip64_locator = eocd >= 20 && bytes[eocd - 20..].starts_with(b"PK\x06\x07");
        if zip64_locator || count == 0xFFFF || cd_size == u32::MAX || cd_offset == u32::MAX {
            return Err(refuse(Unreadable::Zip64));
        }
        if disk != 0 || cd_disk != 0 || on_disk != count {
            return Err(refuse(Unreadable::Spanned));
        }
        let cd = bytes.get(cd_offset as usize..(cd_offset as usize).checked_add(cd_size as usize).ok_or_else(damaged)?);
        let cd = cd.ok_or_else(damaged)?;
        let mut entries = Vec::with_capacity(count as usize);
        let mut at = 0usize;
        for _ in 0..count {
            if !cd.get(at..).is_some_and(|r| r.starts_with(b"PK\x01\x02")) {
                return Err(damaged());
            }
            let h16 = |o: usize| u16_at(cd, at + o).ok_or_else(damaged);
            let h32 = |o: usize| u32_at(cd, at + o).ok_or_else(damaged);
            let (flags, method) = (h16(8)?, h16(10)?);
            let (crc, compressed, size) = (h32(16)?, h32(20)?, h32(24)?);
            let (name_len, extra_len, comment_len) = (h16(28)? as usize, h16(30)? as usize, h16(32)? as usize);
            let local_offset = h32(42)?;
            let name = cd.get(at + 46..at + 46 + name_len).ok_or_else(damaged)?;
            if compressed == u32::MAX || size == u32::MAX || local_offset == u32::MAX {
                return Err(refuse(Unreadable::Zip64));
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).replace('\\', "/"),
                method,
                flags,
                crc,
                compressed,
                size,
                local_offset,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries, inflated: 0 })
    }

    /// The entry of a part name (ASCII case-insensitive, as OPC part names are; a leading `/` is ignored).
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.entries.iter().position(|e| e.name.trim_start_matches('/').eq_ignore_ascii_case(name))
    }

    /// An entry's bytes, inflated and checked.
    pub fn read(&mut self, index: usize) -> Result<Vec<u8>, BatchError> {
        let e = self.entries.get(index).ok_or_else(damaged)?.clone();
        if e.flags & 1 != 0 {
            return Err(refuse(Unreadable::Encrypted));
        }
        let local = e.local_offset as usize;
        if !self.bytes.get(local..).is_some_and(|r| r.starts_with(b"PK\x03\x04")) {
            return Err(damaged());
        }
        let name_len = u16_at(self.bytes, local + 26).ok_or_else(damaged)? as usize;
        let extra_len = u16_at(self.bytes, local + 28).ok_or_else(damaged)? as usize;
        let start = local + 30 + name_len + extra_len;
        let data = self.bytes.get(start..start + e.compressed as usize).ok_or_else(damaged)?;
        let size = u64::from(e.size);
        if size > MAX_INFLATED - self.inflated || size > u64::from(e.compressed) * MAX_RATIO + 1024 {
            return Err(refuse(Unreadable::Expands));
        }
        let out = match e.method {
            0 if e.compressed == e.size => data.to_vec(),
            8 => {
                // Into a buffer of the declared size (bounded above): more data than declared is damage.
                use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
                let mut out = vec![0u8; e.size as usize];
                let mut state = Box::<DecompressorOxide>::default();
                let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
                let (status, _, written) = decompress(&mut state, data, &mut out, 0, flags);
                if status != miniz_oxide::inflate::TINFLStatus::Done || written != out.len() {
                    return Err(damaged());
                }
                out
            }
            0 => return Err(damaged()),
            _ => return Err(refuse(Unreadable::Method(e.method))),
        };
        if out.len() != e.size as usize || crc32fast::hash(&out) != e.crc {
            return Err(refuse(Unreadable::Checksum));
        }
        self.inflated += size;
        Ok(out)
    }
}

/// Writes a ZIP archive of deflated entries into memory, one entry at a time: `start`, `write` (any
/// number of times; the data is compressed as it comes), `finish`.
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
    current: Option<Current>,
    /// The current entry's data not yet compressed.
    pending: Vec<u8>,
    level: u8,
}

struct Current {
    header_at: usize,
    name: String,
    crc: crc32fast::Hasher,
    size: u64,
    compressor: Box<miniz_oxide::deflate::core::CompressorOxide>,
}

/// Pending input is handed to the compressor in pieces of this size.
const CHUNK: usize = 256 << 10;

fn too_big() -> BatchError {
    BatchError::ExportTooBig
}

impl ZipWriter {
    /// `level`: deflate level 1 (fastest) to 9.
    pub fn new(level: u8) -> ZipWriter {
        ZipWriter { out: Vec::new(), central: Vec::new(), count: 0, current: None, pending: Vec::new(), level }
    }

    pub fn start(&mut self, name: &str) -> Result<(), BatchError> {
        self.end_entry()?;
        use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
        let flags = create_comp_flags_from_zip_params(self.level.into(), 0, 0); // raw deflate
        let header_at = self.out.len();
        // Local header; CRC and sizes are filled in when the entry ends.
        self.out.extend_from_slice(b"PK\x03\x04");
        self.out.extend_from_slice(&[20, 0, 0, 0, 8, 0]); // version 2.0, no flags, deflate
        self.out.extend_from_slice(&[0, 0, 0x21, 0]); // 1980-01-01 00:00 (files carry no time)
        self.out.extend_from_slice(&[0; 12]);
        self.out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        self.out.extend_from_slice(&[0, 0]);
        self.out.extend_from_slice(name.as_bytes());
        self.current = Some(Current {
            header_at,
            name: name.to_string(),
            crc: crc32fast::Hasher::new(),
            size: 0,
            compressor: Box::new(CompressorOxide::new(flags)),
        });
        Ok(())
    }

    /// Appends to the current entry.
    pub fn write(&mut self, data: &[u8]) {
        self.pending.extend_from_slice(data);
        self.maybe_flush();
    }

    /// The current entry's pending data, to append to directly (then `maybe_flush`).
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.pending
    }

    /// Compresses the pending data once there is enough of it.
    pub fn maybe_flush(&mut self) {
        if self.pending.len() >= CHUNK {
            if let Some(cur) = self.current.as_mut() {
                Self::flush(cur, &mut self.pending, &mut self.out, false);
            }
        }
    }

    fn flush(cur: &mut Current, pending: &mut Vec<u8>, out: &mut Vec<u8>, finish: bool) {
        use miniz_oxide::deflate::core::{compress_to_output, TDEFLFlush, TDEFLStatus};
        cur.crc.update(pending);
        cur.size += pending.len() as u64;
        let mut input = &pending[..];
        let flush = if finish { TDEFLFlush::Finish } else { TDEFLFlush::None };
        loop {
            let (status, used) = compress_to_output(&mut cur.compressor, input, flush, |bytes| {
                out.extend_from_slice(bytes);
                true
            });
            input = input.get(used..).unwrap_or(&[]);
            match status {
                TDEFLStatus::Okay if !input.is_empty() => continue,
                _ => break,
            }
        }
        pending.clear();
    }

    fn end_entry(&mut self) -> Result<(), BatchError> {
        let Some(mut cur) = self.current.take() else {
            self.pending.clear();
            return Ok(());
        };
        let data_start = cur.header_at + 30 + cur.name.len();
        Self::flush(&mut cur, &mut self.pending, &mut self.out, true);
        let compressed = (self.out.len() - data_start) as u64;
        if cur.size > u64::from(u32::MAX - 1)
            || compressed > u64::from(u32::MAX - 1)
            || self.out.len() > u32::MAX as usize
        {
            return Err(too_big());
        }
        let h = cur.header_at;
        self.out[h + 14..h + 18].copy_from_slice(&cur.crc.finalize().to_le_bytes());
        self.out[h + 18..h + 22].copy_from_slice(&(compressed as u32).to_le_bytes());
        self.out[h + 22..h + 26].copy_from_slice(&(cur.size as u32).to_le_bytes());
        let c = &mut self.central;
        c.extend_from_slice(b"PK\x01\x02");
        c.extend_from_slice(&[20, 0]); // made by: version 2.0, MS-DOS
        c.extend_from_slice(&self.out[h + 4..h + 30]); // the local header's fields, now complete
        c.extend_from_slice(&[0; 10]); // comment length, disk, attributes
        c.extend_from_slice(&(h as u32).to_le_bytes());
        c.extend_from_slice(cur.name.as_bytes());
        self.count += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, BatchError> {
        self.end_entry()?;
        let cd_offset = self.out.len();
        if cd_offset + self.central.len() > u32::MAX as usize {
            return Err(too_big());
        }
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&(self.central.len() as u32).to_le_bytes());
        self.out.extend_from_slice(&(cd_offset as u32).to_le_bytes());
        self.out.extend_from_slice(&[0, 0]);
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = ZipWriter::new(1);
        w.start("a.txt").unwrap();
        let text = "文字 ".repeat(100_000);
        w.write(text.as_bytes());
        w.start("empty").unwrap();
        let zip = w.finish().unwrap();
        let mut a = Archive::new(&zip).unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.read(a.find("A.TXT").unwrap()).unwrap(), text.as_bytes());
        assert_eq!(a.read(a.find("/empty").unwrap()).unwrap(), b"");
    }
}
