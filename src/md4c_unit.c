/* broadsheet — md4c's parser (third_party/md4c/src/md4c.c), compiled with the code of the parser
 * flags broadsheet never passes taken out. md4c tests each flag at run time
 * (`ctx->parser.flags & MD_FLAG_WIKILINKS`), so LaTeX math, wiki links, underline, collapsed
 * whitespace and the rest stay in the module although no caller can reach them. Here each unused
 * flag is the constant 0 before md4c.c is read (md4c.h, already included, is not read again), and
 * the compiler drops those branches: 0.4 KB gzip of the WebAssembly module. A flag added to
 * BROADSHEET_MD_FLAGS must leave this list, or the build stops here.
 *
 * md4c.c is read through md4c_trimmed.c, which scripts/gen_md4c.mjs writes into the build folder:
 * md4c.c as it is, but for its Unicode tables (punctuation, whitespace, case folding), which a
 * constructor unpacks from a compact string at start-up (1.7 KB gzip), its debug log, which
 * broadsheet never sets (0.7 KB gzip), the attributes of a link or an image, which it builds
 * for the span's enter callback only (broadsheet's leave callback does not read them), and its
 * scans for the end of a line and for NUL, which call broadsheet_find() below. */
#include "md4c_flags.h"

/* C99 has no _Static_assert: an array of negative size stops the build instead. */
#define BROADSHEET_UNUSED_MD_FLAG(flag) \
  typedef char broadsheet_unused_##flag[(BROADSHEET_MD_FLAGS & (flag)) ? -1 : 1]

BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_COLLAPSEWHITESPACE);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_PERMISSIVEATXHEADERS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_NOINDENTEDCODEBLOCKS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_NOHTMLBLOCKS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_NOHTMLSPANS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_LATEXMATHSPANS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_WIKILINKS);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_UNDERLINE);
BROADSHEET_UNUSED_MD_FLAG(MD_FLAG_HARD_SOFT_BREAKS);

#undef MD_FLAG_COLLAPSEWHITESPACE
#undef MD_FLAG_PERMISSIVEATXHEADERS
#undef MD_FLAG_NOINDENTEDCODEBLOCKS
#undef MD_FLAG_NOHTMLBLOCKS
#undef MD_FLAG_NOHTMLSPANS
#undef MD_FLAG_LATEXMATHSPANS
#undef MD_FLAG_WIKILINKS
#undef MD_FLAG_UNDERLINE
#undef MD_FLAG_HARD_SOFT_BREAKS
#define MD_FLAG_COLLAPSEWHITESPACE 0
#define MD_FLAG_PERMISSIVEATXHEADERS 0
#define MD_FLAG_NOINDENTEDCODEBLOCKS 0
#define MD_FLAG_NOHTMLBLOCKS 0
#define MD_FLAG_NOHTMLSPANS 0
#define MD_FLAG_LATEXMATHSPANS 0
#define MD_FLAG_WIKILINKS 0
#define MD_FLAG_UNDERLINE 0
#define MD_FLAG_HARD_SOFT_BREAKS 0

/* md4c asks whether a character is one of a few with strchr over a short literal (ISANYOF), for
 * every emphasis and link mark and for every character of a www link: a plain loop is faster for
 * such short strings than libc's strchr, which is built for long ones (it was 4% of the link-heavy
 * bench article's time in Node). <string.h> is read first, so that only md4c's calls are renamed.
 * Inlined into its 18 callers: the call cost more than the loop over a palette of a few
 * characters (-4% instructions on the link-heavy article in Node, +185 B gzip). */
#include <string.h>
static inline __attribute__((always_inline)) char* broadsheet_strchr(const char* s, int c) {
  for (;; ++s) {
    if (*s == (char)c) return (char*)s;
    if (*s == '\0') return NULL;
  }
}
#define strchr broadsheet_strchr

/* md4c's two scans over nearly every byte it reads, eight bytes at a time while a word holds no
 * byte they stop at (the word tests of src/word_scan.h, in C): where each line ends (for every line
 * of the document) and where the next NUL is (for every line of a code or HTML block, before md4c
 * hands it over). The size-optimized WebAssembly build neither unrolls nor vectorizes their byte
 * loops, and together they were 15% of the raw-HTML bench body's time: md4c reads that body as
 * one HTML block. scripts/gen_md4c.mjs puts the calls in place of md4c's loops. */
#include <stdint.h>
/* The first `a` or `b` (both below `limit`, at most 128) in text[off, size), or size. A word of
 * eight bytes none of which is below `limit` is skipped whole: word_scan.h's zero-byte test with
 * `limit` subtracted instead of 1 is nonzero exactly when some byte is below it. A word with such a
 * byte (a tab before a line's end) is stepped over a byte at a time. Not inlined: one copy serves
 * both scans. */
static __attribute__((noinline)) MD_OFFSET broadsheet_find(const char* text, MD_OFFSET off,
                                                           MD_SIZE size, unsigned char limit,
                                                           char a, char b) {
  const uint64_t every_byte = 0x0101010101010101u;
  while (off < size) {
    if (size - off >= 8) {
      uint64_t word;
      memcpy(&word, text + off, sizeof word);
      if (!((word - every_byte * limit) & ~word & (every_byte << 7))) {
        off += 8;
        continue;
      }
    }
    if (text[off] == a || text[off] == b) break;
    off++;
  }
  return off;
}
/* Where md_analyze_line() ends a line, and where md_text_with_null_replacement() stops. */
#define broadsheet_line_end(text, off, size) \
  broadsheet_find((text), (off), (size), '\r' + 1, '\n', '\r')
#define broadsheet_nul_end(text, off, size) broadsheet_find((text), (off), (size), 1, 0, 0)

#include "md4c_trimmed.c"
