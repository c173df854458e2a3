// entity_lookup() over the compact table generated from md4c's entity.c: the same answers as md4c's
// own table, read here straight from md4c's source.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

extern "C" {
#include "entity.h"
}

namespace {

const ENTITY* lookup(const std::string& name) { return entity_lookup(name.data(), name.size()); }

}  // namespace

TEST_CASE("every name in md4c's entity.c is found, with its code points") {
  std::ifstream in(std::string(BROADSHEET_MD4C_DIR) + "/src/entity.c");
  std::stringstream source;
  source << in.rdbuf();
  const std::string text = source.str();
  const std::regex row(R"re(\{\s*"(&[A-Za-z0-9]+;)",\s*\{\s*(\d+),\s*(\d+)\s*\}\s*\})re");
  size_t count = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) {
    const std::string name = (*it)[1];
    CAPTURE(name);
    const ENTITY* e = lookup(name);
    REQUIRE(e != nullptr);
    CHECK(std::strcmp(e->name, name.c_str()) == 0);
    CHECK(e->codepoints[0] == std::stoul((*it)[2]));
    CHECK(e->codepoints[1] == std::stoul((*it)[3]));
    ++count;
  }
  CHECK(count == 2125);  // the HTML standard's names that end in ';'
}

TEST_CASE("entity lookups: two code points, no semicolon, near misses") {
  const ENTITY* fj = lookup("&fjlig;");
  REQUIRE(fj != nullptr);
  CHECK(fj->codepoints[0] == 'f');
  CHECK(fj->codepoints[1] == 'j');
  REQUIRE(lookup("&amp;") != nullptr);
  CHECK(lookup("&amp;")->codepoints[0] == '&');
  CHECK(lookup("&AMP;") != nullptr);
  CHECK(lookup("&frac12;") != nullptr);
  CHECK(lookup("&Amp;") == nullptr);
  CHECK(lookup("&ampx;") == nullptr);
  CHECK(lookup("&am;") == nullptr);
  CHECK(lookup("&;") == nullptr);
  CHECK(lookup("&zzzz;") == nullptr);
  CHECK(lookup("&AAAA;") == nullptr);
}

TEST_CASE("a key shorter than any name finds nothing, not the first name it prefixes") {
  CHECK(entity_lookup("&", 1) == nullptr);
  CHECK(entity_lookup("&a", 2) == nullptr);
  CHECK(entity_lookup("&amp;", 0) == nullptr);
}
