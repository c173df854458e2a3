// broadsheet — messages: reading them, and the English ones built in (locales/en.json is the same
// catalogue as data; tests/js/locale.test.js checks they agree).
#include "language.h"

#include <utility>

#include "article.h"

namespace broadsheet {
namespace {

constexpr std::pair<std::string_view, std::string_view> kEnglish[] = {
    {"by", "By "},
    {"and", " and "},
    {"comma", ", "},
    {"updated", "Updated "},
    {"readingTime.one", "{n} min read"},
    {"readingTime.other", "{n} min read"},
    {"relatedStories", "Related stories"},
    {"latestStories", "Latest stories"},
    {"advertisement", "Advertisement"},
    {"source", "Source: "},
    {"subscribe", "Subscribe"},
    {"subscribeButton", "Subscribe"},
    {"emailLabel", "Email address"},
    {"emailPlaceholder", "Email address"},
    {"breadcrumb", "Breadcrumb"},
    {"contents", "Contents"},
    {"tags", "Tags"},
};

}  // namespace

bool read_messages(const JsonValue& v, const std::string& path, const char* code, Messages& out,
                   std::vector<Diagnostic>& errors) {
  if (v.is_null()) return true;
  const size_t before = errors.size();
  if (!v.is_object()) errors.push_back({code, path, "expected an object of labels"});
  for (size_t i = 0; v.is_object() && i < v.size(); ++i) {
    if (v[i].is_string()) {
      out.emplace_back(v.key(i), v[i].string());
    } else {
      errors.push_back({code, pointer_append(path, v.key(i)), "expected a string"});
    }
  }
  return errors.size() == before;
}

std::string_view english_message(std::string_view key) {
  for (const auto& [k, text] : kEnglish) {
    if (k == key) return text;
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
