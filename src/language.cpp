// broadsheet — the English labels built in, and which languages are written right to left.
#include "language.h"

namespace broadsheet {
std::string_view english_message(std::string_view key) {
  for (const auto& [name, english] : kLabels) {
    if (name == key) return english;
  }
  return {};
}

bool is_rtl_language(std::string_view locale) {
  const std::string_view primary = locale.substr(0, locale.find_first_of("-_"));
  for (std::string_view rtl : {"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"}) {
    if (primary.size() == rtl.size()) {
      bool same = true;
      for (size_t i = 0; i < rtl.size(); ++i) same &= (primary[i] | 0x20) == rtl[i];
      if (same) return true;
    }
  }
  return false;
}

}  // namespace broadsheet
