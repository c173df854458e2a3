// broadsheet — ASCII character classes and case folding, written once for the URL policy, the
// HTML tokenizer, the sanitizer and the policy tables. HTML tag and attribute names, URL schemes
// and hosts are case-insensitive in ASCII only: folding anything else (a Turkish dotless i, a
// Kelvin sign) would let a name that a browser does not take for "script" pass as one, or the
// reverse. Inline: they run in per-byte loops.
#ifndef BROADSHEET_ASCII_H
#define BROADSHEET_ASCII_H

#include <cstddef>
#include <string_view>

namespace broadsheet {

inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
inline bool is_ascii_hex_digit(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
inline char to_ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

// Whether `s` has `lower` (written in lowercase) at `at`, ignoring ASCII case.
inline bool starts_with_ascii_ci(std::string_view s, std::size_t at, std::string_view lower) {
  if (s.size() - at < lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (to_ascii_lower(s[at + i]) != lower[i]) return false;
  }
  return true;
}

// Whether `s` equals `lower` (written in lowercase), ignoring ASCII case.
inline bool equals_ascii_ci(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && starts_with_ascii_ci(s, 0, lower);
}

}  // namespace broadsheet

#endif  // BROADSHEET_ASCII_H
