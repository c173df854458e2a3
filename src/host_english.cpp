// broadsheet — the native build's host: English dates and numbers, written as the browser's Intl
// writes them for "en" (the WebAssembly build asks web/core.js instead; see language.h). Time zones
// are not applied here: dates are shown as written in the ISO string.
#include "language.h"

namespace broadsheet {
namespace {

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};

int number(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Day of the week of a Gregorian date, 0 = Sunday (Sakamoto's method).
int weekday(int y, int m, int d) {
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[m - 1] + d) % 7;
}

// "2024-11-08…" (validated earlier) -> "November 8, 2024", or with the weekday in front.
std::string english_date(std::string_view iso, bool with_weekday) {
  if (iso.size() < 10) return {};
  const int y = number(iso, 0, 4);
  const int m = number(iso, 5, 2);
  const int d = number(iso, 8, 2);
  std::string out;
  if (with_weekday) {
    out += kWeekdays[weekday(y, m, d)];
    out += ", ";
  }
  out += kMonths[m - 1];
  out += ' ';
  out += std::to_string(d);
  out += ", ";
  out += std::to_string(y);
  return out;
}

}  // namespace

std::string host_format(HostFormat kind, std::string_view, std::string_view value,
                        std::string_view) {
  switch (kind) {
    case HostFormat::kFullDate:
    case HostFormat::kLongDate:
      return english_date(value, kind == HostFormat::kFullDate);
    case HostFormat::kNumber:
      return (value == "1" ? "one " : "other ") + std::string(value);
  }
  return {};
}

}  // namespace broadsheet
