// The one UTF-8 cleaner (src/utf8.h): the WHATWG decoder's rule, one U+FFFD per maximal invalid
// subsequence, the same for Markdown text, raw HTML and attribute values.
#include "utf8.h"

#include <doctest/doctest.h>

#include <string>

#include "broadsheet/broadsheet.h"
#include "test_support.h"

using namespace broadsheet;
using test_support::contains;

namespace {

const std::string R = "\xEF\xBF\xBD";  // U+FFFD

std::string clean(const std::string& in, NulByte nul = NulByte::kReplace) {
  std::string out;
  append_clean_utf8(out, in, nul);
  return out;
}

struct Case {
  const char* name;
  std::string input;
  std::string expected;
};

// Expected outputs follow the WHATWG Encoding standard's UTF-8 decoder (what a browser shows for
// the same bytes).
const Case kCases[] = {
    {"ASCII is unchanged", "plain text", "plain text"},
    {"every valid length is unchanged", "\x24 \xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80",
     "\x24 \xC2\xA3 \xE2\x82\xAC \xF0\x9F\x98\x80"},
    {"the extremes of each length are valid",
     "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
     "\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"},
    {"a truncated 3-byte sequence is one U+FFFD",
     "a\xE2\x82"
     "b",
     "a" + R + "b"},
    {"a truncated 4-byte sequence is one U+FFFD",
     "a\xF0\x9F\x98"
     "b",
     "a" + R + "b"},
    {"a lead byte alone is one U+FFFD",
     "a\xE2"
     "b",
     "a" + R + "b"},
    {"a sequence cut by the end of input is one U+FFFD", "a\xF0\x9F\x98", "a" + R},
    {"a lead byte at the end of input is one U+FFFD", "a\xC3", "a" + R},
    {"a stray continuation byte is one U+FFFD",
     "a\x80"
     "b",
     "a" + R + "b"},
    {"each stray continuation byte is one U+FFFD", "\x80\x80\x80", R + R + R},
    {"a sequence broken by a new lead byte restarts there", "\xE2\x82\xE2\x82\xAC",
     R + "\xE2\x82\xAC"},
    {"overlong C0/C1 forms are one U+FFFD per byte", "\xC0\xAF\xC1\xBF", R + R + R + R},
    {"an overlong 3-byte form is one U+FFFD per byte", "\xE0\x80\xAF", R + R + R},
    {"an overlong 4-byte form is one U+FFFD per byte", "\xF0\x80\x80\xAF", R + R + R + R},
    {"a surrogate is one U+FFFD per byte", "\xED\xA0\x80", R + R + R},
    {"the last surrogate is one U+FFFD per byte", "\xED\xBF\xBF", R + R + R},
    {"the code point before the surrogates is valid", "\xED\x9F\xBF", "\xED\x9F\xBF"},
    {"above U+10FFFF is one U+FFFD per byte", "\xF4\x90\x80\x80", R + R + R + R},
    {"F5..FF never start a sequence", "\xF5\x80\xFF\xFE", R + R + R + R},
    {"NUL becomes U+FFFD", std::string("a\0b", 3), "a" + R + "b"},
    {"a truncated sequence before NUL is one U+FFFD, the NUL another", std::string("\xE2\x82\0", 3),
     R + R},
};

}  // namespace

TEST_CASE("the UTF-8 cleaner follows the WHATWG decoder") {
  for (const Case& c : kCases) {
    CAPTURE(c.name);
    CHECK(clean(c.input) == c.expected);
  }
}

TEST_CASE("the UTF-8 cleaner keeps NUL for the tokenizer when asked") {
  CHECK(clean(std::string("a\0\xE2\x82z", 5), NulByte::kKeep) == std::string("a\0", 2) + R + "z");
}

// ASCII runs are checked several bytes at a time: a byte that stops the run must be found at
// every offset of a run, and the run on either side of it kept.
TEST_CASE("the UTF-8 cleaner finds NUL and invalid bytes at any offset within ASCII runs") {
  for (size_t before = 0; before < 20; ++before) {
    for (size_t after = 0; after < 20; ++after) {
      const std::string a(before, 'a');
      const std::string b(after, 'b');
      CAPTURE(before);
      CAPTURE(after);
      CHECK(clean(a + std::string("\0", 1) + b) == a + R + b);
      CHECK(clean(a + std::string("\0", 1) + b, NulByte::kKeep) == a + std::string("\0", 1) + b);
      CHECK(clean(a + "\xFF" + b) == a + R + b);
      CHECK(clean(a + "\xE2\x82" + b) == a + R + b);
      CHECK(clean(a + "\xE2\x82\xAC" + b) == a + "\xE2\x82\xAC" + b);
      CHECK(clean_utf8_prefix(a + "\x80" + b) == before);
      CHECK(clean_utf8_prefix(a + b) == before + after);
    }
  }
}

TEST_CASE("the UTF-8 cleaner appends to what is there") {
  std::string out = "x";
  append_clean_utf8(out, "\xFF");
  CHECK(out == "x" + R);
}

// Through the public API: the same bytes give the same characters wherever they appear.
TEST_CASE("a truncated sequence is one U+FFFD in Markdown text, raw HTML and attribute values") {
  const std::string bad = "a\xE2\x82z";
  const std::string want = "a" + R + "z";
  CHECK(render_markdown_html(bad).output == "<p>" + want + "</p>");
  CHECK(contains(render_markdown_html("<b>" + bad + "</b>").output, "<b>" + want + "</b>"));
  CHECK(contains(render_markdown_html("<abbr title=\"" + bad + "\">x</abbr>").output,
                 "<abbr title=\"" + want + "\">x</abbr>"));
  CHECK(contains(render_markdown_html("[x](/u \"" + bad + "\")").output, "title=\"" + want + "\""));
  CHECK(contains(render_markdown_html("![" + bad + "](/i.png)").output, "alt=\"" + want + "\""));
}

TEST_CASE("an article with invalid UTF-8 is rejected, its error quoting the bytes cleaned alike") {
  const std::string article =
      "{\"version\":\"1.0\",\"headline\":\"h\\u00e9\",\"body\":\"a\xE2\x82z\"}";
  const Result r = render_article_html(article);
  REQUIRE(!r.ok);
  CHECK(r.errors[0].code == "invalid_json");
  CHECK(contains(diagnostics_json(r), "a" + R + "z"));
}
