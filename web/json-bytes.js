// broadsheet — article JSON from bytes (a file, standard input): strict UTF-8, with the position of
// the first bad byte. Used by the CLI's render and validate and by bulk builds (web/build.js).

// Offset of the first byte that does not start a well-formed UTF-8 sequence (the WHATWG decoder's
// rules: no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
function firstInvalidUtf8(bytes) {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : 3;
    if (lead < 0xc2 || lead > 0xf4) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= trail; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < (k === 1 ? low : 0x80) || b > (k === 1 ? high : 0xbf)) return i;
    }
    i += trail + 1;
  }
  return -1;
}

// JSON text is UTF-8 (RFC 8259). Decoding with replacement would render U+FFFD where the file
// has a bad byte and say nothing; the file is refused instead, at that byte, as the core states
// JSON errors: line, column and byte counted from 1, columns in bytes.
// The decoder checks the same rules natively; the byte-by-byte scan only runs to locate an error
// (in a bulk build it cost as much as reading the file).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
export function decodeJsonBytes(bytes) {
  let at;
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch (error) {
    at = firstInvalidUtf8(bytes);
    if (at < 0) throw error; // the two follow the same rules: not reached
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const hex = bytes[at].toString(16).toUpperCase().padStart(2, '0');
  // A UTF-16 file (a byte order mark, or a NUL byte beside each ASCII one) is a common mistake of
  // editors on Windows: say what it is and what to do.
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0));
  const message =
    `not valid JSON at line ${line}, column ${at - lineStart + 1} (byte ${at + 1}): ` +
    `not UTF-8 (an invalid sequence starts with byte 0x${hex})` +
    (utf16 ? '; the file looks like UTF-16: save it as UTF-8' : '');
  return { error: { code: 'invalid_json', path: '', message } };
}
