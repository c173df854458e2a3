// broadsheet build helpers shared by the generators that pack md4c's data into C sources
// (scripts/gen_entities.mjs, scripts/gen_md4c.mjs): LEB128 numbers and C string literals.

// Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte.
export function leb128(n, out) {
  do {
    const low = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n ? low | 0x80 : low);
  } while (n);
}

// A C string literal of `bytes`, split into lines. Octal escapes are always three digits, so the
// character after one can never be read as part of it; '?' is escaped too (no trigraphs).
export function literal(bytes) {
  const lines = [];
  let line = '';
  for (const b of bytes) {
    const printable = b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c && b !== 0x3f;
    line += printable ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0');
    if (line.length >= 96) {
      lines.push(`    "${line}"`);
      line = '';
    }
  }
  if (line) lines.push(`    "${line}"`);
  return lines.join('\n');
}
