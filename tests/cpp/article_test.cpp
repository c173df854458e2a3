// Article parsing and validation through the public entry points.
#include "article.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "broadsheet/broadsheet.h"
#include "test_support.h"

using namespace broadsheet;

namespace {
bool has(const std::vector<Diagnostic>& ds, const std::string& code, const std::string& path) {
  for (const auto& d : ds) {
    if (d.code == code && d.path == path) return true;
  }
  return false;
}
bool has_prefix(const std::vector<Diagnostic>& ds, const std::string& prefix) {
  for (const auto& d : ds) {
    if (d.path.rfind(prefix, 0) == 0) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("wrong types are reported at their JSON pointer") {
  const Result r = validate_article(R"J({"headline": 42, "related": {"items": [{"url": 7}]}})J");
  CHECK_FALSE(r.ok);
  CHECK(has(r.errors, "invalid_type", "/headline"));
  CHECK(has_prefix(r.errors, "/related/items/0"));
  CHECK(has(r.errors, "invalid_type", "/related/items/0/url"));
  CHECK(has(r.errors, "required", "/related/items/0/headline"));
}

TEST_CASE("truncated JSON is an invalid_json error with a byte position") {
  const Result r = render_article_html(R"J({"headline": "x", "body": "abc)J");
  CHECK_FALSE(r.ok);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == "invalid_json");
  CHECK(r.errors[0].path == "");
  CHECK(test_support::contains(r.errors[0].message, "byte"));
  CHECK(r.output.empty());
}

TEST_CASE("invalid_json gives the line and column, for every kind of JSON error") {
  // A syntax error, and a number overflow, whose nlohmann message has no position of its own.
  const Result syntax = validate_article("{\"headline\": \"x\",\n  \"tags\": [1,]\n}");
  REQUIRE(syntax.errors.size() == 1);
  CHECK(test_support::contains(syntax.errors[0].message, "at line 2, column 14 (byte 32): "));
  const Result overflow = validate_article("{\"headline\": \"x\",\n\"dek\": 1e400}");
  REQUIRE(overflow.errors.size() == 1);
  CHECK(overflow.errors[0].code == "invalid_json");
  CHECK(test_support::contains(overflow.errors[0].message, "at line 2, column "));
}

TEST_CASE("a date-time with an hour, minute or offset out of range is invalid") {
  for (const char* bad : {"2024-11-08T24:00Z", "2024-11-08T10:60Z", "2024-11-08T10:00:61Z",
                          "2024-11-08T10:00+24:00", "2024-11-08T10:00+01:60"}) {
    CAPTURE(bad);
    const std::string json = std::string(R"J({"headline": "x", "published": ")J") + bad + "\"}";
    CHECK(has(validate_article(json).errors, "invalid_value", "/published"));
  }
  CHECK(validate_article(R"J({"headline": "x", "published": "2016-12-31T23:59:60+23:59"})J").ok);
}

TEST_CASE("a non-object document is refused") {
  CHECK(has(validate_article("[1,2]").errors, "invalid_type", ""));
  CHECK(has(validate_article("\"x\"").errors, "invalid_type", ""));
}

TEST_CASE("missing headline is required") {
  CHECK(has(validate_article("{}").errors, "required", "/headline"));
}

TEST_CASE("a higher major version is refused, a higher minor accepted") {
  CHECK(has(validate_article(R"J({"version": "2.0", "headline": "x"})J").errors,
            "unsupported_version", "/version"));
  CHECK(validate_article(R"J({"version": "1.7", "headline": "x", "newField": {"a": 1}})J").ok);
}

TEST_CASE("hostile nesting is refused, not recursed") {
  const std::string deep = "{\"headline\":\"x\",\"a\":" + std::string(100000, '[');
  const Result r = validate_article(deep);
  CHECK(has(r.errors, "too_large", ""));
}

TEST_CASE("dates must be ISO 8601") {
  CHECK(has(validate_article(R"J({"headline": "x", "published": "Nov 8"})J").errors,
            "invalid_value", "/published"));
  CHECK(validate_article(R"J({"headline": "x", "published": "2024-11-08T10:00:00+01:00"})J").ok);
  CHECK(validate_article(R"J({"headline": "x", "published": null})J").ok);
}

TEST_CASE("image dimensions are bounded integers") {
  const Result r = validate_article(
      R"J({"headline": "x", "hero": {"src": "/a.jpg", "alt": "", "width": 0, "height": 2.5}})J");
  CHECK(has(r.errors, "invalid_value", "/hero/width"));
  CHECK(has(r.errors, "invalid_value", "/hero/height"));
}

TEST_CASE("unknown block types are skipped with a warning") {
  const Result r = render_article_html(
      R"J({"headline": "x", "body": [{"type": "poll", "q": 1}, {"type": "divider"}]})J");
  CHECK(r.ok);
  CHECK(has(r.warnings, "unknown_block", "/body/0/type"));
  CHECK(test_support::contains(r.output, "<hr class=\"bs-divider\">"));
}

TEST_CASE("unsafe URLs warn and are dropped, their text kept") {
  const Result r = render_article_html(
      R"J({"headline": "x", "source": {"name": "Wire", "url": "javascript:alert(1)"}})J");
  CHECK(r.ok);
  CHECK(has(r.warnings, "unsafe_url", "/source/url"));
  CHECK(test_support::contains(r.output, "Source: Wire"));
  CHECK_FALSE(test_support::contains(r.output, "javascript"));
}

TEST_CASE("JSON pointer tokens escape ~ and /") {
  CHECK(pointer_append("/a", "b/c~d") == "/a/b~1c~0d");
}

TEST_CASE("every example article validates without errors") {
  for (const char* name :
       {"seed-china-belarus", "feature-tour", "untrusted-comment-roundup", "forward-compat-1.3"}) {
    CAPTURE(name);
    const Result r =
        validate_article(test_support::read_file(std::string("examples/") + name + ".json"));
    CHECK(r.errors.empty());
  }
}

namespace {
// validate() renders only the body's Markdown and raw HTML, into nothing; a render's warnings are
// the ones to match, in the same order, and its errors too.
void validate_matches_render(const std::string& json) {
  CAPTURE(json.substr(0, 300));
  const Result v = validate_article(json);
  const Result r = render_article_ops(json);
  CHECK(v.ok == r.ok);
  CHECK(v.output.empty());
  CHECK(diagnostics_json(v) == diagnostics_json(r));
}
}  // namespace

TEST_CASE("validate reports what a render reports, without laying out or writing") {
  for (const char* file :
       {"articles/body.json", "articles/dates.json", "articles/document.json",
        "articles/media.json", "articles/widgets.json", "bad-articles/cases.json"}) {
    CAPTURE(file);
    const auto cases =
        nlohmann::json::parse(test_support::read_file(std::string("tests/fixtures/") + file));
    REQUIRE(cases.size() > 0);
    for (const auto& c : cases) {
      if (c.contains("article")) validate_matches_render(c["article"].dump());
      if (!c.contains("text")) continue;
      std::string text;  // a string, or parts where {repeat, times} stands for a long run
      for (const auto& part :
           c["text"].is_string() ? nlohmann::json::array({c["text"]}) : c["text"]) {
        if (part.is_string()) {
          text += part.get<std::string>();
        } else {
          for (int i = 0; i < part["times"].get<int>(); ++i)
            text += part["repeat"].get<std::string>();
        }
      }
      validate_matches_render(text);
    }
  }
  for (const char* name :
       {"seed-china-belarus", "feature-tour", "untrusted-comment-roundup", "forward-compat-1.3"}) {
    validate_matches_render(test_support::read_file(std::string("examples/") + name + ".json"));
  }
  // Every attack payload as a Markdown body, as a raw HTML block, and both in wrappers.
  const auto attacks =
      nlohmann::json::parse(test_support::read_file("tests/fixtures/attacks.json"));
  std::string all;
  for (const auto& a : attacks) {
    const std::string payload = a["payload"];
    all += payload + "\n\n";
    nlohmann::json article = {{"headline", "H"}, {"trust", "untrusted"}};
    article["body"] = {{{"type", "markdown"}, {"text", payload}},
                       {{"type", "html"}, {"html", payload}},
                       {{"type", "markdown"}, {"text", payload}, {"lang", "fr"}},
                       {{"type", "html"}, {"html", payload}, {"id", "x"}}};
    validate_matches_render(article.dump());
  }
  validate_matches_render(nlohmann::json({{"headline", "H"}, {"body", all}}).dump());
}

TEST_CASE("validate finds a render's warnings at the depth limit, where the wrapper counts") {
  // A raw-HTML link opened near kMaxDepth is flattened or not depending on how deep the body
  // starts; a Markdown link inside a kept <a> is no link (no unsafe_url), inside a flattened one
  // it is checked and warned of.
  for (int depth = 118; depth <= 130; ++depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "<span>";
    text += "<a href=\"/x\"> [l](javascript:alert(1)) <b onclick=x>b</b></a>";
    for (const char* wrapper : {"", "fr"}) {
      nlohmann::json block = {{"type", "markdown"}, {"text", text}};
      if (*wrapper) block["lang"] = wrapper;
      CAPTURE(depth);
      validate_matches_render(
          nlohmann::json({{"headline", "H"}, {"body", nlohmann::json::array({block})}}).dump());
    }
  }
}
