// broadsheet — the UTF-8 cleaner (utf8.h).
#include "utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "word_scan.h"

namespace broadsheet {
namespace {

constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";

// Reads one sequence at p[0] (n > 0 bytes available, p[0] >= 0x80) by the WHATWG decoder's
// rules. Returns its length when valid; otherwise 0, with `invalid` set to the length of the
// maximal invalid subsequence (at least 1), which stands for one U+FFFD.
size_t read_sequence(const unsigned char* p, size_t n, size_t& invalid) {
  const unsigned char lead = p[0];
  size_t needed = 0;
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    needed = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    needed = 2;
    if (lead == 0xE0) lower = 0xA0;  // overlong: below U+0800
    if (lead == 0xED) upper = 0x9F;  // U+D800..U+DFFF, surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    needed = 3;
    if (lead == 0xF0) lower = 0x90;  // overlong: below U+10000
    if (lead == 0xF4) upper = 0x8F;  // above U+10FFFF
  } else {
    invalid = 1;  // a continuation byte, C0/C1 (always overlong) or F5..FF
    return 0;
  }
  for (size_t k = 1; k <= needed; ++k) {
    // The byte that breaks the sequence is not part of it: it is read afresh.
    if (k >= n || p[k] < lower || p[k] > upper) {
      invalid = k;
      return 0;
    }
    lower = 0x80;
    upper = 0xBF;
  }
  return needed + 1;
}

}  // namespace

size_t clean_utf8_prefix(std::string_view in, NulByte nul) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  size_t invalid = 0;
  // Each byte below 0x80, and none zero where NUL is replaced: eight at a time, since nearly all
  // text is such ASCII runs and every text byte of output passes through here.
  const bool zero_matters = nul == NulByte::kReplace;
  while (i < n) {
    while (n - i >= 8) {
      const uint64_t word = load_word(p + i);
      if ((word & kHighBits) || (zero_matters && has_zero_byte(word))) break;
      i += 8;
    }
    if (i == n) break;
    const unsigned char c = p[i];
    if (c >= 0x80) {
      const size_t length = read_sequence(p + i, n - i, invalid);
      if (length == 0) return i;
      i += length;
    } else if (c == 0 && nul == NulByte::kReplace) {
      return i;
    } else {
      ++i;
    }
  }
  return n;
}

void append_clean_utf8(std::string& out, std::string_view in, NulByte nul) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  for (;;) {
    const size_t valid = clean_utf8_prefix(in, nul);
    out.append(in.data(), valid);
    if (valid == in.size()) return;
    // What stopped the run: NUL (one byte) or a maximal invalid subsequence.
    size_t invalid = 1;
    if (p[valid] >= 0x80) read_sequence(p + valid, in.size() - valid, invalid);
    out.append(kReplacementUtf8, 3);
    in.remove_prefix(valid + invalid);
    p += valid + invalid;
  }
}

}  // namespace broadsheet
