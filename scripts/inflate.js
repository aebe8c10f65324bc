// Decoders for the single-file page (scripts/build-single.mjs inlines the ones a page uses, each function's own
// text): the batch module's wasm travels compressed, as a delta against the page's module, and these turn it back
// into bytes synchronously, in every browser (DecompressionStream is asynchronous, knows no LZMA, and is missing
// from older browsers). The build decodes every block with these same functions in Node and compares the result
// with the original bytes before writing the page.
//
// Raw DEFLATE (RFC 1951), for the gzip fallback (the build uses LZMA, below, when Python's lzma module is there).
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
// An LZMA stream in the .lzma ("LZMA_Alone") format, after LzmaSpec.cpp in the LZMA SDK (public domain). The
// batch module's delta travels LZMA-compressed: about 19% smaller than gzip -9 for wasm, far more than this
// decoder costs. The build encodes with Python's lzma module and decodes every block with this function in Node
// before writing the page. Header: properties byte (lc + 9 * (lp + 5 * pb)), dictionary size (not needed:
// the whole output stays in memory, and is the dictionary), 8-byte little-endian output size (all 0xFF:
// unknown, the stream then ends with an end marker). Then a range-coded stream of literals, matches and
// repeated matches (rep0..rep3), modelled by adaptive bit probabilities over a 12-state machine.
// `dict` (optional): bytes the stream may copy from as if they came just before it (the encoder's preset
// dictionary); only what comes after them is returned.
function __unlzma(src, dict) {
  let d = src[0];
  if (!(d < 225)) throw new Error('unlzma: bad properties');
  const lc = d % 9, lp = (d = (d / 9) | 0) % 5, pb = (d / 5) | 0;
  let size = -1;
  for (let i = 12; i >= 5; i--) if (src[i] !== 255) size = 0;
  if (size === 0) for (let i = 12; i >= 5; i--) size = size * 256 + src[i];
  const start = dict ? dict.length : 0, end = size >= 0 ? start + size : -1;
  let out = new Uint8Array(start + (size >= 0 ? size : src.length * 4)), len = start;
  if (dict) out.set(dict);
  const grow = (n) => { if (len + n > out.length) { const o = new Uint8Array(Math.max(out.length * 2, len + n)); o.set(out); out = o; } };
  // The range decoder: range and code are unsigned 32-bit, kept in typed arrays (plain variables shared by
  // these functions would be boxed numbers, allocated afresh at nearly every bit).
  let pos = 18;
  const range = new Uint32Array([0xFFFFFFFF]);
  const code = new Uint32Array([(src[14] << 24) | (src[15] << 16) | (src[16] << 8) | src[17]]);
  if (src[13] !== 0 || code[0] === range[0]) throw new Error('unlzma: bad stream');
  const next = () => { if (pos >= src.length) throw new Error('unlzma: truncated'); return src[pos++]; };
  // One bit with probability p[i] / 2048 of a 0; the probability moves 1/32 of the way towards what came.
  const bit = (p, i) => {
    const v = p[i], bound = (range[0] >>> 11) * v;
    let b = 0;
    if (code[0] < bound) { range[0] = bound; p[i] = v + ((2048 - v) >> 5); }
    else { range[0] -= bound; code[0] -= bound; p[i] = v - (v >> 5); b = 1; }
    if (range[0] < 0x1000000) { range[0] <<= 8; code[0] = (code[0] << 8) | next(); }
    return b;
  };
  const direct = (n) => {
    let r = 0;
    while (n--) {
      range[0] >>>= 1;
      const b = code[0] >= range[0] ? 1 : 0;
      if (b) code[0] -= range[0];
      r = r * 2 + b;
      if (range[0] < 0x1000000) { range[0] <<= 8; code[0] = (code[0] << 8) | next(); }
    }
    return r;
  };
  // n-bit symbols, most significant bit first, each bit modelled by the bits above it (p[o + 1 .. o + 2^n - 1]) ...
  const tree = (p, o, n) => { let m = 1; for (let i = 0; i < n; i++) m = m * 2 + bit(p, o + m); return m - (1 << n); };
  // ... and least significant bit first.
  const rtree = (p, o, n) => {
    let m = 1, s = 0;
    for (let i = 0; i < n; i++) { const b = bit(p, o + m); m = m * 2 + b; s |= b << i; }
    return s;
  };
  const P = (n) => new Uint16Array(n).fill(1024);
  const lit = P(0x300 << (lc + lp)), isMatch = P(192), isRep = P(12), isRepG0 = P(12), isRepG1 = P(12), isRepG2 = P(12),
    isRep0Long = P(192), slots = P(256), spec = P(115), align = P(16), lens = P(514), repLens = P(514);
  // Match lengths - 2: a choice bit, 0-7 and 8-15 by position state, 16-271 shared.
  const length = (p, ps) => (!bit(p, 0) ? tree(p, 2 + ps * 8, 3) : !bit(p, 1) ? 8 + tree(p, 130 + ps * 8, 3) : 16 + tree(p, 258, 8));
  const pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
  for (;;) {
    if (len === end && code[0] === 0) break; // the declared size, no end marker
    const ps = len & pbMask;
    if (!bit(isMatch, state * 16 + ps)) {
      // A literal, modelled by the previous byte's high lc bits and the position's low lp bits; after a match,
      // also by the byte rep0 back, for as long as its bits agree.
      if (len === end) throw new Error('unlzma: data past the size');
      const o = 0x300 * (((len & lpMask) << lc) + ((len ? out[len - 1] : 0) >> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        let mb = out[len - rep0 - 1];
        do {
          const m = (mb >> 7) & 1;
          mb <<= 1;
          const b = bit(lit, o + ((1 + m) << 8) + s);
          s = (s << 1) | b;
          if (m !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(lit, o + s);
      grow(1); out[len++] = s - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let n;
    if (bit(isRep, state)) {
      if (len === end || len === 0) throw new Error('unlzma: bad repeated match');
      if (!bit(isRepG0, state)) {
        if (!bit(isRep0Long, state * 16 + ps)) { // one byte from rep0 back
          state = state < 7 ? 9 : 11;
          grow(1); out[len] = out[len - rep0 - 1]; len++;
          continue;
        }
      } else {
        let dist;
        if (!bit(isRepG1, state)) dist = rep1;
        else {
          if (!bit(isRepG2, state)) dist = rep2;
          else { dist = rep3; rep3 = rep2; }
          rep2 = rep1;
        }
        rep1 = rep0; rep0 = dist;
      }
      n = length(repLens, ps);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      n = length(lens, ps);
      state = state < 7 ? 7 : 10;
      // The distance - 1: a 6-bit slot (by length), then for slots 4 and up the lower bits, modelled (slots
      // 4-13) or direct with the last 4 modelled.
      const slot = tree(slots, (n < 3 ? n : 3) * 64, 6);
      if (slot < 4) rep0 = slot;
      else {
        const nd = (slot >> 1) - 1;
        rep0 = (2 | (slot & 1)) * (1 << nd);
        rep0 += slot < 14 ? rtree(spec, rep0 - slot, nd) : direct(nd - 4) * 16 + rtree(align, 0, 4);
      }
      if (rep0 === 0xFFFFFFFF) { // the end marker
        if (code[0] !== 0) throw new Error('unlzma: bad end');
        break;
      }
      if (len === end || rep0 >= len) throw new Error('unlzma: bad match');
    }
    n += 2;
    if (end >= 0 && len + n > end) throw new Error('unlzma: data past the size');
    grow(n);
    for (let i = 0; i < n; i++, len++) out[len] = out[len - rep0 - 1];
  }
  if (end >= 0 && len !== end) throw new Error('unlzma: data short of the size');
  return out.subarray(start, len);
}
// The batch module as a delta against the page's module (scripts/build-single.mjs, deltaEncode): the two
// are built from the same crate and share long runs of bytes (the norm catalogue's text, library code), which
// the compressor never sees (the page's module is not in its input). Format, all numbers LEB128: the output
// length, then repeated [literal length, literal bytes, copy length, (when the copy length is not 0) offset in
// `base`].
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
// The page's own module travels as text (scripts/build-single.mjs, escapeBytes): each of the 85 most frequent
// byte values as one character, the other 171 as one of two escape characters and a second character, all
// from 87 printable ASCII characters that need no escaping in an HTML attribute or a JavaScript string. Like
// hex, the same bytes always give the same text, so the page's gzip still finds the module's repeats; unlike
// hex, most bytes take one character: 224 kB of text instead of 399 kB, and about 9 kB less of the page's gzip.
// `ranks` lists the byte values, most frequent first, as hex; `size` is the module's length.
// The loop runs in a 138-byte WebAssembly module, compiled at once by the browser: the same loop in JavaScript
// took 8–12 ms at start-up (cold code, 224,000 iterations), this takes well under one. Its text form:
//   (module (memory (export "m") 1)
//     (func (export "d") (param $i i32) (param $end i32) (param $o i32) (result i32) (local $k i32)
//       (block $done (loop $top
//         (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
//         (local.set $k (i32.load8_u offset=512 (i32.load8_u (local.get $i))))   ;; 0: one character, 1|2: escape
//         (if (local.get $k)
//           (then (local.set $i (i32.add (local.get $i) (i32.const 1)))
//                 (i32.store8 (local.get $o) (i32.load8_u offset=128 (i32.add (i32.shl (i32.sub (local.get $k)
//                   (i32.const 1)) (i32.const 7)) (i32.load8_u (local.get $i))))))
//           (else (i32.store8 (local.get $o) (i32.load8_u (i32.load8_u (local.get $i))))))
//         (local.set $o (i32.add (local.get $o) (i32.const 1)))
//         (local.set $i (i32.add (local.get $i) (i32.const 1)))
//         (br $top)))
//       (local.get $o)))
// (binaryen's wasm-as). Memory: [0, 128) character → byte; [128, 384) (escape - 1) * 128 + character → byte;
// [512, 640) character → escape (0 for none); the text's bytes from 1024, the module's bytes after them.
function __unescapeBytes(text, ranks, size) {
  const alphabet = '!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
  const n = alphabet.length, direct = n - 2;
  const loop = 'AGFzbQEAAAABCAFgA39/fwF/AwIBAAUDAQABBwkCAW0CAAFkAAAKYgFgAQF/AkADQCAAIAFPDQEgAC0AAC0AgAQhAyADBEAgAEEBaiEAIAIgA0EBa0EHdCAALQAAai0AgAE6AAAFIAIgAC0AAC0AADoAAAsgAkEBaiECIABBAWohAAwACwALIAIL';
  const { m, d } = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(atob(loop), (c) => c.charCodeAt(0)))).exports;
  const from = 1024, to = from + text.length;
  m.grow(Math.ceil((to + size) / 65536) - 1);
  const mem = new Uint8Array(m.buffer);
  for (let r = 0; r < 256; r++) {
    const b = parseInt(ranks.substr(2 * r, 2), 16);
    if (r < direct) mem[alphabet.charCodeAt(2 + r)] = b;
    else mem[128 + (((r - direct) / n) | 0) * 128 + alphabet.charCodeAt((r - direct) % n)] = b;
  }
  mem[512 + alphabet.charCodeAt(0)] = 1;
  mem[512 + alphabet.charCodeAt(1)] = 2;
  const { read, written } = new TextEncoder().encodeInto(text, mem.subarray(from, to));
  if (read !== text.length || written !== text.length) throw new Error('unescapeBytes: not ASCII text');
  if (d(from, to, to) !== to + size) throw new Error('unescapeBytes: wrong length');
  return mem.slice(to, to + size);
}
// Runs `decode` (one of the functions above, self-contained, sent by its own text) over `args` in a throwaway
// Worker, so that decoding the batch module (about 50–100 ms for LZMA) never holds up the page: it is done
// in the page's idle time, where a keystroke must still be answered at once. Resolves to the decoded bytes,
// or to null where no Worker can be made from a blob: URL (a Content-Security-Policy without worker-src
// blob:, an old browser) or it fails: the caller then decodes on the page.
function __offThread(decode, args) {
  return new Promise((resolve) => {
    let worker = null;
    let url = null;
    const done = (bytes) => {
      if (worker) worker.terminate();
      if (url) URL.revokeObjectURL(url);
      resolve(bytes instanceof Uint8Array ? bytes : null);
    };
    try {
      // As an expression: whatever (minified) name the function has is its own, and shadows nothing here.
      const body = `const __decode = (${decode});\nonmessage = ({ data }) => { const out = __decode(...data); postMessage(out, [out.buffer]); };`;
      url = URL.createObjectURL(new Blob([body], { type: 'text/javascript' }));
      worker = new Worker(url);
      worker.onmessage = (e) => done(e.data);
      worker.onerror = (e) => { e.preventDefault(); done(null); };
      worker.postMessage(args);
    } catch {
      done(null);
    }
  });
}
