// broadsheet — the native build's host (the C++ tests and the fuzzers): English dates and numbers
// written as web/core.js's localise() writes them without Intl, for the same English tags (the
// WebAssembly build asks web/core.js instead; see language.h). tests/fixtures/host-english.json
// holds cases that tests/cpp/host_english_test.cpp and tests/js/host-english.test.js check on
// both, so the two cannot drift apart. What web/core.js hands to Intl has no counterpart here:
// another language is written as "en" is, an article's time zone is not applied (the day is shown
// as written in the ISO string), and a number is never rounded (the core asks only for integers
// and numbers with one decimal, which core.js writes without Intl).
#include <cstdint>

#include "ascii.h"
#include "language.h"

namespace broadsheet {
namespace {

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};

// The tags web/core.js (ENGLISH) writes day first ("8 November 2024"), in any case.
bool day_first(std::string_view locale) {
  return equals_ascii_ci(locale, "en-gb") || equals_ascii_ci(locale, "en-au") ||
         equals_ascii_ci(locale, "en-nz");
}

int number(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date whose month is 1-12, and back (the civil
// calendar counted in 400-year eras of 146 097 days, March first so that a leap day ends a year).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void civil_from_days(int64_t days, int64_t& y, int& m, int& d) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  d = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = year_of_era + era * 400 + (m <= 2);
}

// "2024-11-08…" (validated earlier) -> "November 8, 2024" or "8 November 2024", with the weekday
// in front for a full date. As web/core.js does with Date.setUTCFullYear: a day past the month's
// end runs into the next month ("2023-02-31" is March 3), and year 0 (1 BC) is written 1.
std::string english_date(std::string_view iso, bool with_weekday, bool day_before_month) {
  if (iso.size() < 10) return {};
  const int64_t days =
      days_from_civil(number(iso, 0, 4), number(iso, 5, 2), 1) + number(iso, 8, 2) - 1;
  int64_t y;
  int m, d;
  civil_from_days(days, y, m, d);
  std::string out;
  if (with_weekday) {
    out += kWeekdays[((days % 7) + 11) % 7];  // 1970-01-01 was a Thursday (4)
    out += ", ";
  }
  const std::string day = std::to_string(d);
  if (day_before_month) {
    out += day;
    out += ' ';
    out += kMonths[m - 1];
    out += ' ';
  } else {
    out += kMonths[m - 1];
    out += ' ';
    out += day;
    out += ", ";
  }
  out += std::to_string(y ? y : 1);
  return out;
}

// "-1234567.9" -> "other -1,234,567.9": the plural category (CLDR English: "one" for 1 alone),
// then the integer digits grouped by threes.
std::string english_number(std::string_view value) {
  std::string out = value == "1" || value == "-1" ? "one " : "other ";
  const size_t sign = !value.empty() && value[0] == '-';
  const size_t integer_end =
      value.find('.') != std::string_view::npos ? value.find('.') : value.size();
  for (size_t i = 0; i < value.size(); ++i) {
    if (i > sign && i < integer_end && (integer_end - i) % 3 == 0) out += ',';
    out += value[i];
  }
  return out;
}

}  // namespace

std::string host_format(HostFormat kind, std::string_view locale, std::string_view value,
                        std::string_view) {
  switch (kind) {
    case HostFormat::kFullDate:
    case HostFormat::kLongDate:
      return english_date(value, kind == HostFormat::kFullDate, day_first(locale));
    case HostFormat::kNumber:
      return english_number(value);
    case HostFormat::kCatalogue:
      return {};  // English only: the labels built into the core
  }
  return {};
}

}  // namespace broadsheet
