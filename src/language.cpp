// broadsheet — the English labels built in, and which languages are written right to left.
#include "language.h"

namespace broadsheet {
std::string_view english_message(std::string_view key) {
  std::string_view name, english;
  for (const char* at = kLabels; *at;) {
    at = read_label(at, name, english);
    if (name == key) return english;
  }
  return {};
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
