// broadsheet — the reader's language. Labels come from messages (the article's field, the render
// option, the host's catalogue for the language, else the English built in here); dates and
// numbers come from the host, which formats them with the platform's own CLDR data (web/core.js:
// Intl), so the module carries no locale data.
#ifndef BROADSHEET_LANGUAGE_H
#define BROADSHEET_LANGUAGE_H

#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"

namespace broadsheet {

// The labels the core writes, by name, with their English text, each '\0'-terminated (one string
// instead of a table of views, which cost the module their pointers; locales/en.json holds the
// same as data, and tests/js/language.test.js checks they agree). A plural label has a name per
// Intl.PluralRules category; "" means "as readingTime.other". Only these names are read from a
// "messages" object (article.cpp), as only known fields are read from an article.
inline constexpr char kLabels[] =
    "by\0By \0"
    "and\0 and \0"
    "comma\0, \0"
    "updated\0Updated \0"
    "readingTime.zero\0\0"
    "readingTime.one\0{n} min read\0"
    "readingTime.two\0\0"
    "readingTime.few\0\0"
    "readingTime.many\0\0"
    "readingTime.other\0{n} min read\0"
    "relatedStories\0Related stories\0"
    "latestStories\0Latest stories\0"
    "advertisement\0Advertisement\0"
    "source\0Source: \0"
    "subscribe\0Subscribe\0"
    "subscribeButton\0Subscribe\0"
    "emailLabel\0Email address\0"
    "emailPlaceholder\0Email address\0"
    "breadcrumb\0Breadcrumb\0"
    "contents\0Contents\0"
    "tags\0Tags\0";

// Reads the label at `at` in kLabels into `name` and `english`; returns where the next one starts
// (at the end, an empty name).
inline const char* read_label(const char* at, std::string_view& name, std::string_view& english) {
  name = at;
  english = at + name.size() + 1;
  return english.data() + english.size() + 1;
}

// The label `name` in `catalogue` (the host's, laid out as kLabels is), else the English built in
// ("" for an unknown name).
std::string_view catalogue_or_english(const char* catalogue, std::string_view name);

// Languages written right to left, by their primary subtag: ar, he, fa, ur, …
bool is_rtl_language(std::string_view locale);

// What the core asks its host to format.
enum class HostFormat : char {
  kFullDate = 'F',  // value: ISO date; extra: IANA time zone or ""  -> "Friday, November 8, 2024"
  kLongDate = 'L',  // as kFullDate, without the weekday             -> "November 8, 2024"
  // value: a number ("3", "9.8") -> its plural category, a space, its digits: "other 9,8"
  kNumber = 'N',
  // value: "" -> the labels of the host's catalogue for the locale (web/language.js: locales/),
  // laid out as kLabels is ("by\0Von \0…"), or "" when it has none (or, in a browser, while it
  // is fetched). The core asks once the article is read, so that the host need not read the
  // article's lang itself: a server would otherwise parse every article twice.
  kCatalogue = 'M',
};

// Implemented by the host: src/wasm_api.cpp asks web/core.js (imported function bs_format);
// src/host_english.cpp answers in English for the native build. `locale` is the page's lang, any
// text: the host answers in English for a tag its Intl refuses.
std::string host_format(HostFormat kind, std::string_view locale, std::string_view value,
                        std::string_view extra = {});

}  // namespace broadsheet

#endif  // BROADSHEET_LANGUAGE_H
