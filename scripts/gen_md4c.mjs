#!/usr/bin/env node
// Writes md4c's parser (md4c/src/md4c.c) as broadsheet compiles it (src/md4c_unit.c): with its
// Unicode tables packed, without its debug log, with a link's attributes built only for the
// span's enter callback, and with its scans for line ends and NULs eight bytes at a time.
//   node scripts/gen_md4c.mjs third_party/md4c/src/md4c.c build/.../md4c_trimmed.c
// CMake runs it; the output is derived from md4c's sources and never committed. Every other line of
// md4c.c is unchanged, and `#line` keeps compiler messages pointing into it. The script fails if
// md4c's source no longer has the shape described below.
//
// The Unicode tables. md4c keeps the Unicode data it needs (whitespace, punctuation and case
// folding, about 800 code points and ranges) as arrays of 32-bit words: `static const unsigned
// PUNCT_MAP[] = { R(0x0021,0x002f), S(0x00b4), … }`, where R() marks a range's ends in the top
// bits. Sorted code points written as whole words compress poorly: 2.9 KB gzip of the WebAssembly
// module. Here each such array's initializer is taken out, and ahead of md4c.c the same arrays are
// zero-filled statics that a constructor fills, before any md4c code runs, from one string of
// small numbers (about 1.6 KB gzip):
//   - a table of code points ("…_MAP"): LEB128 of (code point - the previous entry's) * 4 + the
//     entry's top two bits (1: a range starts, 2: a range ends);
//   - a table of folded code points ("X_DATA", N values for each entry of table X): LEB128 of the
//     zigzag-coded difference from the code point of its entry in X (folding mostly adds 32 or 1).
// The script decodes what it wrote and fails unless every array comes back word for word.
//
// The debug log. md4c reports a failed allocation or an aborting callback to parser.debug_log when
// one is set (its MD_LOG macro). broadsheet never sets one (src/markdown.cpp), yet every expansion
// of MD_LOG, several of them inside md4c's callback macros that expand at each call site, keeps a
// test, an indirect call and a message: 0.7 KB gzip. Here MD_LOG does nothing. (md_parse()'s own
// report of an unknown abi_version does not use MD_LOG and stays.)
import { readFileSync, writeFileSync } from 'node:fs';
import { leb128, literal } from './gen_c_data.mjs';

const [source, output] = process.argv.slice(2);
if (!source || !output) {
  console.error('usage: gen_md4c.mjs <md4c/src/md4c.c> <md4c_trimmed.c>');
  process.exit(2);
}
function fail(message) {
  console.error(`gen_md4c: ${source}: ${message}`);
  process.exit(1);
}

const text = readFileSync(source, 'utf8');
const RANGE_START = 0x40000000;
const RANGE_END = 0x80000000;
// The two macros every table is written with, as md4c defines them before each table.
const squash = (s) => s.replace(/\s+/g, ' ');
const macros = [
  '#define R(cp_min, cp_max) ((cp_min) | 0x40000000), ((cp_max) | 0x80000000)',
  '#define S(cp) (cp)',
];
for (const macro of macros) {
  if (!squash(text).includes(macro)) fail(`no longer defines "${macro}"`);
}

const tableRe = /static const unsigned ([A-Z0-9_]+)\[\] = \{([^}]*)\};/g;
const tables = [];
for (const m of text.matchAll(tableRe)) {
  const words = [];
  const entryRe =
    /R\((0x[0-9a-fA-F]+),\s*(0x[0-9a-fA-F]+)\)|S\((0x[0-9a-fA-F]+)\)|(0x[0-9a-fA-F]+)/g;
  for (const e of m[2].matchAll(entryRe)) {
    if (e[1]) words.push(Number(e[1]) + RANGE_START, Number(e[2]) + RANGE_END);
    else words.push(Number(e[3] ?? e[4]));
  }
  // Anything but the entries matched above (a comment, another macro) would be lost.
  if (m[2].replace(entryRe, '').replace(/[\s,]/g, '') !== '') fail(`${m[1]}: unexpected entries`);
  tables.push({ name: m[1], words, start: m.index, end: m.index + m[0].length });
}
const names = tables.map((t) => t.name).join(' ');
if (
  names !==
  'WHITESPACE_MAP PUNCT_MAP FOLD_MAP_1 FOLD_MAP_1_DATA FOLD_MAP_2 FOLD_MAP_2_DATA FOLD_MAP_3 FOLD_MAP_3_DATA'
) {
  fail(`its Unicode tables changed (found: ${names}); update this script`);
}

const bytes = [];
const steps = []; // the C calls that unpack each table, in order
for (const t of tables) {
  const base = t.name.endsWith('_DATA') && tables.find((m) => `${m.name}_DATA` === t.name);
  if (base) {
    const per = t.words.length / base.words.length;
    if (!Number.isInteger(per) || per < 1)
      fail(`${t.name}: not a whole number of values per entry`);
    t.words.forEach((w, i) => {
      const d = w - (base.words[Math.floor(i / per)] & 0xffffff);
      leb128(d >= 0 ? d * 2 : -d * 2 - 1, bytes);
    });
    steps.push(`md_unpack_folding__(${t.name}, ${t.words.length}, ${base.name}, ${per}, &in);`);
  } else {
    let previous = 0;
    for (const w of t.words) {
      const flags = Math.floor(w / RANGE_START);
      const cp = w % RANGE_START;
      if (flags > 2 || cp > 0xffffff || cp < previous) fail(`${t.name}: not sorted code points`);
      leb128((cp - previous) * 4 + flags, bytes);
      previous = cp;
    }
    steps.push(`md_unpack_code_points__(${t.name}, ${t.words.length}, &in);`);
  }
}

// The same decoding as the C below, checked against md4c's own values.
{
  let at = 0;
  const read = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
  };
  const decoded = new Map();
  for (const t of tables) {
    const base = t.name.endsWith('_DATA') && decoded.get(t.name.slice(0, -'_DATA'.length));
    const out = [];
    let cp = 0;
    for (let i = 0; i < t.words.length; i++) {
      const v = read();
      if (base) {
        const per = t.words.length / base.length;
        const d = v % 2 ? -(v + 1) / 2 : v / 2;
        out.push((base[Math.floor(i / per)] & 0xffffff) + d);
      } else {
        cp += Math.floor(v / 4);
        out.push(cp + (v % 4) * RANGE_START);
      }
    }
    if (out.some((w, i) => w !== t.words[i])) fail(`${t.name}: does not decode to itself`);
    decoded.set(t.name, out);
  }
  if (at !== bytes.length) fail('packed data not read to its end');
}

// md4c's MD_LOG, as md4c 0.5 defines it, and what replaces it.
const mdLog =
  /#define MD_LOG\(msg\)\s*\\\s*do \{\s*\\\s*if\(ctx->parser\.debug_log != NULL\)\s*\\\s*ctx->parser\.debug_log\(\(msg\), ctx->userdata\);\s*\\\s*\} while\(0\)/.exec(
    text,
  );
if (!mdLog || text.split('#define MD_LOG(').length !== 2)
  fail('MD_LOG is no longer defined as expected');

// A link's or an image's attributes. md4c builds the destination and the title (a scan of each
// for '\\' and '&', and a copy when it finds one) for the span's enter callback and again for its
// leave callback; broadsheet's leave callback never reads them (src/markdown.cpp), so the leave
// gets a zeroed detail: 4% of the link-heavy bench article's time in Chromium.
const spanFunction = text.indexOf('md_enter_leave_span_a(MD_CTX* ctx, int enter,');
const spanAttributes =
  /(memset\(&det, 0, sizeof\(MD_SPAN_A_DETAIL\)\);\s*)(MD_CHECK\(md_build_attribute\(ctx, dest,[^;]*;\s*MD_CHECK\(md_build_attribute\(ctx, title,[^;]*;)/g;
spanAttributes.lastIndex = spanFunction;
const spanAttributesFound = spanFunction >= 0 && spanAttributes.exec(text);
if (!spanAttributesFound || text.slice(spanFunction, spanAttributesFound.index).includes('\n}'))
  fail('md_enter_leave_span_a no longer builds its attributes as expected');

// md4c's scans for the end of a line (in md_analyze_line(), over every line of the document: glibc's
// strcspn() on Linux when the document ends with a newline, else a loop unrolled four times) and for
// the next NUL (md_text_with_null_replacement(), over every line of a code or HTML block). Both
// become calls of src/md4c_unit.c's word-at-a-time scans, which stop at the same byte.
const lineEnd =
  /#if defined __linux__ && !defined MD4C_USE_UTF16\s*\/\*[^]*?\*\/\s*if\(ctx->doc_ends_with_newline[^]*?#endif\s*\{\s*\/\* Optimization: Use some loop unrolling\. \*\/\s*while\(off \+ 3 < ctx->size[^;]*;\s*while\(off < ctx->size\s*&&\s*!ISNEWLINE\(off\)\)\s*off\+\+;\s*\}/g;
const lineEndFound = [...text.matchAll(lineEnd)];
if (
  lineEndFound.length !== 1 ||
  !text.slice(0, lineEndFound[0].index).trimEnd().endsWith('over compete document.\n     */')
) {
  fail('md_analyze_line no longer scans for the end of a line as expected');
}
const nulScan = /while\(off < size\s*&&\s*str\[off\] != _T\('\\0'\)\)\s*off\+\+;/g;
const nulFunction = text.indexOf('md_text_with_null_replacement(MD_CTX* ctx,');
const nulScanFound = [...text.matchAll(nulScan)];
if (
  nulScanFound.length !== 1 ||
  nulFunction < 0 ||
  text.slice(nulFunction, nulScanFound[0].index).includes('\n}')
) {
  fail('md_text_with_null_replacement no longer scans for NUL as expected');
}

// md4c 0.5.2's md_text_with_null_replacement() reports a NUL as MD_TEXT_NULLCHAR, then starts the
// next piece of text at that same NUL: a NUL in a code block came out as two U+FFFD (the second
// from broadsheet's cleaning of the text), and one in an attribute of an HTML block too. After
// the NULLCHAR, the NUL is stepped over instead.
const nulStep =
  /(ret = ctx->parser\.text\(MD_TEXT_NULLCHAR, _T\(""\), 1, ctx->userdata\);\s*if\(ret != 0\)\s*return ret;\s*)off\+\+;/g;
nulStep.lastIndex = nulFunction;
const nulStepFound = nulStep.exec(text);
if (!nulStepFound || text.slice(nulFunction, nulStepFound.index).includes('\n}')) {
  fail('md_text_with_null_replacement no longer reports a NUL as expected');
}

// The edits, in the order they appear in md4c.c: each replaces [start, end) with `text`.
const edits = [
  {
    start: lineEndFound[0].index,
    end: lineEndFound[0].index + lineEndFound[0][0].length,
    text: '/* Eight bytes at a time (scripts/gen_md4c.mjs, src/md4c_unit.c) */\n    off = broadsheet_line_end(ctx->text, off, ctx->size);',
  },
  {
    start: nulScanFound[0].index,
    end: nulScanFound[0].index + nulScanFound[0][0].length,
    text: '/* Eight bytes at a time (scripts/gen_md4c.mjs, src/md4c_unit.c) */\n        off = broadsheet_nul_end(str, off, size);',
  },
  {
    start: nulStepFound.index + nulStepFound[1].length,
    end: nulStepFound.index + nulStepFound[0].length,
    text: '/* The NUL reported, stepped over (scripts/gen_md4c.mjs) */\n        str++;\n        size--;',
  },
  {
    start: mdLog.index,
    end: mdLog.index + mdLog[0].length,
    text: '/* MD_LOG: nothing, broadsheet sets no debug_log (scripts/gen_md4c.mjs) */\n#define MD_LOG(msg) do {} while(0)',
  },
  {
    start: spanAttributesFound.index + spanAttributesFound[1].length,
    end: spanAttributesFound.index + spanAttributesFound[0].length,
    text: `/* Built for the enter callback only (scripts/gen_md4c.mjs) */\n    if(enter) {\n    ${spanAttributesFound[2]}\n    }`,
  },
  ...tables.map((t) => ({
    start: t.start,
    end: t.end,
    text: `/* ${t.name}: filled at start-up by md_unpack_unicode_tables__() */`,
  })),
].sort((a, b) => a.start - b.start);

// md4c.c with the edits, each followed by `#line` back to md4c's numbering.
const file = JSON.stringify(source);
let body = `#line 1 ${file}\n`;
let from = 0;
for (const edit of edits) {
  body += text.slice(from, edit.start) + edit.text + '\n';
  from = edit.end;
  body += `#line ${text.slice(0, from).split('\n').length} ${file}\n`;
}
body += text.slice(from);

writeFileSync(
  output,
  `/* Generated by scripts/gen_md4c.mjs from md4c's src/md4c.c. Do not edit or commit. */

${tables.map((t) => `static unsigned ${t.name}[${t.words.length}];`).join('\n')}

/* The tables above, packed as scripts/gen_md4c.mjs describes. */
static const unsigned char MD_UNICODE_TABLES_PACKED__[${bytes.length}] =
${literal(bytes)};

static unsigned
md_unpack_leb128__(const unsigned char** in)
{
    unsigned value = 0;
    unsigned shift;
    for(shift = 0; ; shift += 7) {
        unsigned char byte = *(*in)++;
        value |= (unsigned) (byte & 0x7f) << shift;
        if(!(byte & 0x80))
            return value;
    }
}

static void
md_unpack_code_points__(unsigned* table, unsigned size, const unsigned char** in)
{
    unsigned i, cp = 0;
    for(i = 0; i < size; i++) {
        unsigned v = md_unpack_leb128__(in);
        cp += v >> 2;
        table[i] = cp | (v << 30);
    }
}

static void
md_unpack_folding__(unsigned* table, unsigned size, const unsigned* map, unsigned per,
                    const unsigned char** in)
{
    unsigned i;
    for(i = 0; i < size; i++) {
        unsigned v = md_unpack_leb128__(in);
        table[i] = (map[i / per] & 0x00ffffff) + ((v >> 1) ^ (0u - (v & 1)));
    }
}

__attribute__((constructor)) static void
md_unpack_unicode_tables__(void)
{
    const unsigned char* in = MD_UNICODE_TABLES_PACKED__;
${steps.map((s) => `    ${s}`).join('\n')}
}

${body}`,
);
