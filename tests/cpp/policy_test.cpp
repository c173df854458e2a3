// web/policy.js against the compiled policy tables: web/dom.js turns the op buffer's codes into
// names through the JS tables, the core writes codes from its own, so both must hold the same name
// at every code. (The module used to list its names through a bridge function for this check; the
// C++ tables are the same code natively.)
#include "broadsheet/policy.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_support.h"

namespace {

// The quoted names of `export const <name> = Object.freeze([...]);` in web/policy.js, in order.
std::vector<std::string> js_table(const std::string& source, const std::string& name) {
  std::vector<std::string> names;
  const size_t start = source.find("export const " + name + " = Object.freeze([");
  if (start == std::string::npos) return names;
  const size_t end = source.find("]);", start);
  for (size_t at = source.find('\'', start); at < end; at = source.find('\'', at + 1)) {
    const size_t close = source.find('\'', at + 1);
    names.push_back(source.substr(at + 1, close - at - 1));
    at = close;
  }
  return names;
}

}  // namespace

TEST_CASE("web/policy.js lists the compiled tag table, code for code") {
  const std::vector<std::string> js = js_table(test_support::read_file("web/policy.js"), "TAGS");
  REQUIRE(js.size() == static_cast<size_t>(broadsheet::Tag::kCount));
  for (size_t code = 0; code < js.size(); ++code) {
    CAPTURE(code);
    CHECK(js[code] == broadsheet::tag_name(static_cast<broadsheet::Tag>(code)));
  }
}

TEST_CASE("web/policy.js lists the compiled attribute table, code for code") {
  const std::vector<std::string> js = js_table(test_support::read_file("web/policy.js"), "ATTRS");
  REQUIRE(js.size() == static_cast<size_t>(broadsheet::Attr::kCount));
  for (size_t code = 0; code < js.size(); ++code) {
    CAPTURE(code);
    CHECK(js[code] == broadsheet::attr_name(static_cast<broadsheet::Attr>(code)));
  }
}

TEST_CASE(
    "find_user_attr allows exactly the element and attribute pairs of BROADSHEET_USER_ATTRS") {
  using broadsheet::Attr;
  using broadsheet::Tag;
  // The allowlist read straight from the X-macro: a pair, or an attribute on every element raw HTML
  // may carry (Tag::kCount).
  struct Pair {
    Tag tag;
    Attr attr;
  };
#define BROADSHEET_TEST_PAIR(t, a) {Tag::t, Attr::a},
  const Pair pairs[] = {BROADSHEET_USER_ATTRS(BROADSHEET_TEST_PAIR)};
#undef BROADSHEET_TEST_PAIR
  size_t allowed_count = 0;
  for (size_t t = 0; t < static_cast<size_t>(Tag::kCount); ++t) {
    const Tag tag = static_cast<Tag>(t);
    const bool user_content = broadsheet::tag_flags(tag) & broadsheet::kTagUserContent;
    for (size_t a = 0; a < static_cast<size_t>(Attr::kCount); ++a) {
      const Attr attr = static_cast<Attr>(a);
      bool expected = false;
      for (const Pair& p : pairs) {
        expected = expected || (p.attr == attr && (p.tag == Tag::kCount || p.tag == tag));
      }
      expected = expected && user_content;
      CAPTURE(broadsheet::tag_name(tag));
      CAPTURE(broadsheet::attr_name(attr));
      Attr found = Attr::kCount;
      CHECK(broadsheet::find_user_attr(tag, broadsheet::attr_name(attr), found) == expected);
      if (expected) CHECK(found == attr);
      allowed_count += expected;
    }
    // Not attribute names: other case, prefixes, longer names, empty, not letters.
    for (const char* name : {"", "TITLE", "Href", "t", "titles", "hre", "onclick", "style", "class",
                             "-id", "data-n", "\xC3\xA9"}) {
      CAPTURE(name);
      Attr found = Attr::kCount;
      CHECK_FALSE(broadsheet::find_user_attr(tag, name, found));
    }
  }
  CHECK(allowed_count > 0);
}
