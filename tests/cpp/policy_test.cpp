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
