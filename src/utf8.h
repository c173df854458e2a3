// broadsheet — the one UTF-8 cleaner: every byte of input text passes through it before it can
// reach output, whether it came as Markdown text, raw HTML (the tokenizer's input stream) or an
// attribute value.
#ifndef BROADSHEET_UTF8_H
#define BROADSHEET_UTF8_H

#include <cstddef>
#include <string>
#include <string_view>

namespace broadsheet {

enum class NulByte {
  kReplace,  // NUL becomes U+FFFD (text and attribute values for output)
  kKeep,     // NUL stays, for the HTML tokenizer, which replaces or drops it by context
};

// Appends `in` as valid UTF-8. Invalid input becomes U+FFFD the way a browser decodes a page
// (WHATWG Encoding, "UTF-8 decode"): one U+FFFD per maximal invalid subsequence, that is, per
// lead byte together with the continuation bytes that could still have completed it. So a
// truncated sequence ("\xE2\x82" before "b") is one U+FFFD, an overlong form, a surrogate or a
// code point above U+10FFFF is one U+FFFD per byte (their second byte is already out of range),
// and a stray continuation byte is one. Output matches what a browser shows for the same bytes,
// so the server string and the DOM agree character for character.
void append_clean_utf8(std::string& out, std::string_view in, NulByte nul = NulByte::kReplace);

// Length of the longest prefix of `in` that append_clean_utf8 would copy unchanged; in.size() when
// the whole of it is clean (the common case, which then needs no copy).
size_t clean_utf8_prefix(std::string_view in, NulByte nul = NulByte::kReplace);

}  // namespace broadsheet

#endif  // BROADSHEET_UTF8_H
