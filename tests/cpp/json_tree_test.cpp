// JsonValue (json_tree.h): nlohmann's parser feeding broadsheet's read-only tree, its number
// conversion, and the diagnostics JSON that replaced nlohmann's serializer. Where the old code
// used nlohmann directly, the expected value is computed by nlohmann here.
#include "json_tree.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "broadsheet/broadsheet.h"

using broadsheet::JsonParseError;
using broadsheet::JsonValue;

namespace {

JsonValue parse(const std::string& text) {
  JsonValue v;
  JsonParseError error;
  REQUIRE(broadsheet::parse_json(text, v, error));
  return v;
}

// The message nlohmann's own parser gives, without its "[json.exception.parse_error.101] " id.
std::string nlohmann_message(const std::string& text) {
  try {
    nlohmann::json parsed = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    const std::string what = e.what();
    return what.substr(what.find("] ") + 2);
  }
  return "(parsed)";
}

// Bit-exact comparison with the C library's strtod (correctly rounded in glibc and musl).
bool same_as_strtod(const std::string& text) {
  const double expected = std::strtod(text.c_str(), nullptr);
  const char* end = nullptr;
  const double got = broadsheet::json_number_to_double(text.c_str(), &end);
  return std::memcmp(&expected, &got, sizeof got) == 0 && end == text.c_str() + text.size();
}

}  // namespace

TEST_CASE("values keep their JSON types, and integer literals say so") {
  const JsonValue v = parse(R"J({"s": "x\u00e9", "t": true, "n": null, "i": -3, "u": 120,
                                 "f": 120.0, "a": [1, [2], {}]})J");
  REQUIRE(v.is_object());
  CHECK(v.find("s")->string() == "x\xC3\xA9");
  CHECK(v.find("t")->is_boolean());
  CHECK(v.find("t")->boolean());
  CHECK(v.find("n")->is_null());
  CHECK(v.find("i")->number() == -3);
  CHECK_FALSE(v.find("i")->is_unsigned_integer());
  CHECK(v.find("u")->is_unsigned_integer());
  CHECK(v.find("u")->unsigned_integer() == 120);
  CHECK(v.find("f")->number() == 120);
  CHECK_FALSE(v.find("f")->is_unsigned_integer());
  const JsonValue& a = *v.find("a");
  REQUIRE(a.size() == 3);
  CHECK(a[1].is_array());
  CHECK(a[2].is_object());
  CHECK(v.find("missing") == nullptr);
}

TEST_CASE("a duplicate key: the last one wins, as in nlohmann's DOM and JSON.parse") {
  const JsonValue v = parse(R"J({"a": 1, "b": 2, "a": 3})J");
  CHECK(v.find("a")->number() == 3);
}

TEST_CASE("nesting is bounded at 64 levels") {
  JsonValue v;
  JsonParseError error;
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  CHECK(broadsheet::parse_json(ok, v, error));
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  CHECK_FALSE(broadsheet::parse_json(deep, v, error));
  CHECK(error.too_deep);
  CHECK_FALSE(broadsheet::parse_json(std::string(100000, '['), v, error));
  CHECK(error.too_deep);
}

TEST_CASE("syntax errors carry nlohmann's message, control characters quoted as <U+001F>") {
  for (const std::string& text :
       {std::string("{\"a\": tru}"), std::string("[1,]"), std::string("{\"a\":\"\x01\x1f\"}"),
        std::string("\"\t"), std::string("{\"a\"\x00:1}", 8), std::string("[1e999]"),
        std::string("")}) {
    CAPTURE(text);
    JsonValue v;
    JsonParseError error;
    CHECK_FALSE(broadsheet::parse_json(text, v, error));
    CHECK_FALSE(error.too_deep);
    CHECK(error.message == nlohmann_message(text));
  }
}

TEST_CASE("numbers convert exactly as strtod does") {
  for (const char* text :
       {"9.8", "57.2", "-0.0", "0.1", "1e23", "123456789012345678901234567890", "1.5e-320",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "2e-324", "3e-324",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309",
        "9007199254740993", "9007199254740993.0000000000000000000000000001",
        "2.47032822920623272088284396434110686182529901307162382212792841250337753635104375932"
        "649918180817996189898282347722858865463328355177969898199387398005390939063150356595155"
        "702263922908583924491051844359318028499365361525003193704576782492193656236698636584807"
        "570426025880213163757470498216622049093856628536015113681006908800543847e-324"}) {
    CAPTURE(text);
    CHECK(same_as_strtod(text));
  }
  // Random digits and exponents across the whole range, subnormals and overflow included.
  std::mt19937_64 random(20241108);
  int mismatches = 0;
  for (int i = 0; i < 100000; ++i) {
    const int digits = 1 + static_cast<int>(random() % (i % 10 == 0 ? 40 : 19));
    std::string mantissa(1, static_cast<char>('1' + random() % 9));
    for (int d = 1; d < digits; ++d) mantissa += static_cast<char>('0' + random() % 10);
    if (digits > 1 && random() % 2) mantissa.insert(1 + random() % (digits - 1), ".");
    const std::string text = ((random() & 1) ? "-" : "") + mantissa + "e" +
                             std::to_string(static_cast<int>(random() % 700) - 350);
    if (!same_as_strtod(text) && ++mismatches <= 5) FAIL_CHECK(text);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("the topbar temperature 9.8 survives parsing and rendering") {
  const broadsheet::Result r = broadsheet::render_article_html(
      R"J({"headline": "h", "topbar": {"temperature": {"value": 9.8, "unit": "C"}}})J");
  REQUIRE(r.ok);
  CHECK(r.output.find(">9.8 \u00b0C<") != std::string::npos);
}

TEST_CASE("diagnostics JSON is what nlohmann's serializer wrote") {
  broadsheet::Result r;
  r.errors.push_back({"invalid_type", "/a~1b/0", "quote \" backslash \\ tab \t newline \n"});
  r.errors.push_back({"x", "", std::string("controls \x01\x08\x0c\x0d\x1f\x7f nul ") + '\0'});
  r.warnings.push_back(
      {"unknown_block", "/body/2/type", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"});
  auto list = [](const std::vector<broadsheet::Diagnostic>& ds) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& d : ds)
      a.push_back({{"code", d.code}, {"path", d.path}, {"message", d.message}});
    return a;
  };
  for (const bool ok : {false, true}) {
    r.ok = ok;
    const nlohmann::json expected = {
        {"ok", r.ok}, {"errors", list(r.errors)}, {"warnings", list(r.warnings)}};
    CHECK(broadsheet::diagnostics_json(r) == expected.dump());
  }
}

TEST_CASE("diagnostics JSON replaces invalid UTF-8 with U+FFFD") {
  broadsheet::Result r;
  r.errors.push_back({"invalid_json", "", "last read: '\"\xFF\xE2\x82\"'"});
  const std::string json = broadsheet::diagnostics_json(r);
  // One U+FFFD for \xFF, one for the truncated \xE2\x82 (the WHATWG rule, src/utf8.h).
  CHECK(json.find("'\\\"\xEF\xBF\xBD\xEF\xBF\xBD\\\"'") != std::string::npos);
  CHECK(nlohmann::json::accept(json));
}
