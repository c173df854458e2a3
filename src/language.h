// broadsheet — the reader's language. Labels come from messages (the render option, the article's
// field, else the English built in here); dates and numbers come from the host, which formats them
// with the platform's own CLDR data (web/core.js: Intl), so the module carries no locale data.
#ifndef BROADSHEET_LANGUAGE_H
#define BROADSHEET_LANGUAGE_H

#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"
#include "json_tree.h"

namespace broadsheet {

// Reads a "messages" object: label names to strings; a plural label is one member per category
// ("readingTime.one", "readingTime.other"). Wrong types are errors with `code` and their path.
bool read_messages(const JsonValue& v, const std::string& path, const char* code, Messages& out,
                   std::vector<Diagnostic>& errors);

// The built-in English label for `key` ("" for an unknown key).
std::string_view english_message(std::string_view key);

// Languages written right to left, by their primary subtag: ar, he, fa, ur, …
bool is_rtl_language(std::string_view locale);

// What the core asks its host to format.
enum class HostFormat : char {
  kFullDate = 'F',  // value: ISO date; extra: IANA time zone or ""  -> "Friday, November 8, 2024"
  kLongDate = 'L',  // as kFullDate, without the weekday             -> "November 8, 2024"
  kTemperature = 'T',  // value: "9.8" (one decimal); extra: "C" or "F"  -> "9.8 °C", "9,8 °C"
  kCount = 'N',        // value: integer -> its plural category, a space, the number: "other 3"
};

// Implemented by the host: src/wasm_api.cpp asks web/core.js (imported function bs_format);
// src/host_english.cpp answers in English for the native build. `locale` is a BCP 47 tag made of
// letters, digits and '-' ("en" when the article's is anything else).
std::string host_format(HostFormat kind, std::string_view locale, std::string_view value,
                        std::string_view extra = {});

}  // namespace broadsheet

#endif  // BROADSHEET_LANGUAGE_H
