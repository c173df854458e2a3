// broadsheet — the English labels built in, and which languages are written right to left.
#include "language.h"

namespace broadsheet {
std::string_view catalogue_or_english(const char* labels, std::string_view key) {
  std::string_view name, text;
  for (const char* at = labels;;) {
    if (!*at) {
      // Past the last label: the English ones, after the catalogue's.
      if (labels == kLabels) return {};
      at = labels = kLabels;
    }
    at = read_label(at, name, text);
    if (name == key) return text;
  }
}

bool is_rtl_language(std::string_view locale) {
  // The primary subtag, lowercased, between spaces (" ar "), looked up in a list of them.
  std::string primary = " ";
  for (char c : locale.substr(0, locale.find_first_of("-_")))
    primary += static_cast<char>(c | 0x20);
  primary += ' ';
  return std::string_view(" ar he iw fa ur ps sd ug yi dv ckb ").find(primary) !=
         std::string_view::npos;
}

}  // namespace broadsheet
