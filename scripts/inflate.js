// Raw DEFLATE (RFC 1951) decoder for the single-file page (scripts/build-single.mjs inlines it): the page's
// and the batch module's wasm travel gzip-compressed, and this turns them back into bytes synchronously, in
// every browser (DecompressionStream is asynchronous and missing from older browsers). The build decodes every
// block with this function in Node and compares the result with the original bytes before writing the page.
// Table-driven: each Huffman code is looked up by its next `bits` input bits (entry = symbol << 4 | length).
function __inflate(src) {
  let pos = 0, bit = 0, buf = 0;
  let out = new Uint8Array(src.length * 4), len = 0;
  const need = (n) => { while (bit < n) { buf |= src[pos++] << bit; bit += 8; } };
  const take = (n) => { need(n); const v = buf & ((1 << n) - 1); buf >>>= n; bit -= n; return v; };
  const grow = (n) => { if (len + n > out.length) { const o = new Uint8Array(Math.max(out.length * 2, len + n)); o.set(out); out = o; } };
  // A lookup table from code lengths: index = the next `max` input bits (LSB first).
  const table = (lengths, n) => {
    let max = 0;
    for (let i = 0; i < n; i++) if (lengths[i] > max) max = lengths[i];
    const t = new Int32Array(1 << max);
    let code = 0;
    for (let l = 1; l <= max; l++) {
      for (let s = 0; s < n; s++) {
        if (lengths[s] !== l) continue;
        let r = 0; // the code, bit-reversed
        for (let i = 0; i < l; i++) r |= ((code >> i) & 1) << (l - 1 - i);
        for (let j = r; j < t.length; j += 1 << l) t[j] = (s << 4) | l;
        code++;
      }
      code <<= 1;
    }
    return { t, max };
  };
  const decode = (h) => {
    need(h.max);
    const e = h.t[buf & ((1 << h.max) - 1)];
    const l = e & 15;
    if (l === 0) throw new Error('inflate: bad code');
    buf >>>= l; bit -= l;
    return e >> 4;
  };
  const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const LEXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  const DEXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  let fixed = null;
  for (let last = 0; !last;) {
    last = take(1);
    const type = take(2);
    if (type === 0) {
      // To the byte boundary; whole bytes read ahead (by decode) go back to the input.
      bit -= bit & 7; pos -= bit >> 3; buf = 0; bit = 0;
      const n = src[pos] | (src[pos + 1] << 8);
      pos += 4;
      grow(n); out.set(src.subarray(pos, pos + n), len); len += n; pos += n;
      continue;
    }
    let lit, dist;
    if (type === 1) {
      if (!fixed) {
        const l = new Uint8Array(320);
        l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288); l.fill(5, 288, 320);
        fixed = [table(l, 288), table(l.subarray(288), 32)];
      }
      [lit, dist] = fixed;
    } else if (type === 2) {
      const hlit = take(5) + 257, hdist = take(5) + 1, hclen = take(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < hclen; i++) cl[ORDER[i]] = take(3);
      const ch = table(cl, 19);
      const lengths = new Uint8Array(hlit + hdist);
      for (let i = 0; i < hlit + hdist;) {
        const s = decode(ch);
        if (s < 16) lengths[i++] = s;
        else {
          const [v, r] = s === 16 ? [lengths[i - 1], 3 + take(2)] : s === 17 ? [0, 3 + take(3)] : [0, 11 + take(7)];
          lengths.fill(v, i, i + r); i += r;
        }
      }
      lit = table(lengths, hlit);
      dist = table(lengths.subarray(hlit), hdist);
    } else throw new Error('inflate: bad block type');
    for (;;) {
      const s = decode(lit);
      if (s < 256) { if (len === out.length) grow(1); out[len++] = s; continue; }
      if (s === 256) break;
      const n = LBASE[s - 257] + take(LEXTRA[s - 257]);
      const d = decode(dist);
      const back = DBASE[d] + take(DEXTRA[d]);
      if (back > len) throw new Error('inflate: distance too far back');
      grow(n);
      for (let i = 0; i < n; i++, len++) out[len] = out[len - back];
    }
  }
  return out.subarray(0, len);
}
// A gzip member (RFC 1952): skip the header, inflate, drop the trailer.
function __gunzip(gz) {
  if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8) throw new Error('gunzip: not a gzip stream');
  const flags = gz[3];
  let p = 10;
  if (flags & 4) p += 2 + (gz[p] | (gz[p + 1] << 8));
  if (flags & 8) while (gz[p++]);
  if (flags & 16) while (gz[p++]);
  if (flags & 2) p += 2;
  return __inflate(gz.subarray(p));
}
// The batch module as a delta against the page's module (scripts/build-single.mjs, deltaEncode): the two
// are built from the same crate and share long runs of bytes (the norm catalogue's text, library code), which
// gzip cannot find 200 kB apart. Format, all numbers LEB128: the output length, then repeated
// [literal length, literal bytes, copy length, (when the copy length is not 0) offset in `base`].
function __undelta(d, base) {
  let p = 0;
  const num = () => { let v = 0, s = 1, b; do { b = d[p++]; v += (b & 127) * s; s *= 128; } while (b & 128); return v; };
  const out = new Uint8Array(num());
  let o = 0;
  while (p < d.length) {
    const lit = num();
    out.set(d.subarray(p, p + lit), o); p += lit; o += lit;
    const len = num();
    if (len === 0) continue;
    const from = num();
    out.set(base.subarray(from, from + len), o); o += len;
  }
  if (o !== out.length) throw new Error('undelta: wrong length');
  return out;
}
