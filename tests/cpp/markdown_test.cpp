// Markdown through md4c's callbacks into the Writer.
#include <doctest/doctest.h>

#include "broadsheet/broadsheet.h"
#include "test_support.h"

using namespace broadsheet;

namespace {
std::string md(const std::string& text) { return render_markdown_html(text).output; }
}  // namespace

TEST_CASE("headings start at h2: h1 belongs to the headline") {
  CHECK(md("# One\n\n###### Six") ==
        "<h2 id=\"user-content-one\">One</h2><h6 id=\"user-content-six\">Six</h6>");
}

TEST_CASE("GitHub extensions: tables, strikethrough, task lists, autolinks") {
  CHECK(md("| a | b |\n|:---|---:|\n| 1 | 2 |") ==
        "<table><thead><tr><th align=\"left\">a</th><th align=\"right\">b</th></tr></thead>"
        "<tbody><tr><td align=\"left\">1</td><td align=\"right\">2</td></tr></tbody></table>");
  CHECK(md("~~gone~~") == "<p><del>gone</del></p>");
  CHECK(
      md("- [x] done") ==
      "<ul><li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" "
      "disabled=\"\" checked=\"\" aria-label=\"Done\">done</li></ul>");
  CHECK(md("see https://news.example/x") ==
        "<p>see <a href=\"https://news.example/x\" rel=\"noopener "
        "noreferrer\">https://news.example/x</a></p>");
}

TEST_CASE("javascript: links keep their text and lose the link") {
  const Result r = render_markdown_html("[click](javascript:alert(1)) [ok](/ok)");
  CHECK(r.output == "<p>click <a href=\"/ok\">ok</a></p>");
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "unsafe_url");
}

TEST_CASE("entity-obfuscated link destinations are decoded before the check") {
  CHECK(md("[x](&#106;avascript&colon;alert(1))") == "<p>x</p>");
  CHECK(md("[x]: javascript:alert(1)\n\n[x]") == "<p>x</p>");
}

TEST_CASE("images get lazy loading and alt text from their description") {
  CHECK(md("![a *b*](/i.png \"t\")") ==
        "<p><img src=\"/i.png\" alt=\"a b\" title=\"t\" loading=\"lazy\" decoding=\"async\"></p>");
  CHECK(md("![alt](javascript:alert(1))") == "<p>alt</p>");
}

TEST_CASE("entities decode to text and are escaped again on output") {
  CHECK(md("&lt;b&gt; &amp; &copy; &#x41;") == "<p>&lt;b&gt; &amp; \xC2\xA9 A</p>");
}

TEST_CASE("code blocks and spans are text") {
  CHECK(md("```html\n<script>x</script>\n```") ==
        "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>");
  CHECK(md("`<b>`") == "<p><code>&lt;b&gt;</code></p>");
}

TEST_CASE("hard breaks, soft breaks, blockquotes and ordered lists") {
  CHECK(md("a  \nb\nc") == "<p>a<br>\nb\nc</p>");
  CHECK(md("> q") == "<blockquote><p>q</p></blockquote>");
  CHECK(md("3. x\n4. y") == "<ol start=\"3\"><li>x</li><li>y</li></ol>");
  CHECK(md("123456789. big") == "<ol start=\"123456789\"><li>big</li></ol>");
}

TEST_CASE("deeply nested Markdown degrades instead of exhausting anything") {
  const Result r = render_markdown_html(std::string(5000, '>') + " deep");
  CHECK(r.ok);
  CHECK(test_support::contains(r.output, "deep"));
}

TEST_CASE("heading ids are prefixed slugs, unique across the article, and fragment links follow") {
  CHECK(md("## Hello, *World*!\n\nSee [it](#hello-world).") ==
        "<h3 id=\"user-content-hello-world\">Hello, <em>World</em>!</h3>"
        "<p>See <a href=\"#user-content-hello-world\">it</a>.</p>");
  const Result r = render_article_html(R"J({"headline": "h", "body": [
    {"type": "markdown", "text": "# Intro"}, {"type": "markdown", "text": "Intro\n==="}]})J");
  CHECK(test_support::contains(r.output, "id=\"user-content-intro\""));
  CHECK(test_support::contains(r.output, "id=\"user-content-intro-2\""));
  CHECK(md("# &lt;script&gt; `code`") ==
        "<h2 id=\"user-content-script-code\">&lt;script&gt; <code>code</code></h2>");
}

TEST_CASE("a line ending in a code span is a space, after trailing blanks too") {
  // md4c 0.5.2 writes no space for a line ending that follows blanks; CommonMark 6.1 keeps both.
  // The space before the closing backticks is the one stripped when the content starts with one.
  const struct {
    const char* markdown;
    const char* code;
  } cases[] = {
      {"`code  \nspan`", "code   span"}, {"``\nfoo\nbar  \nbaz\n``", "foo bar   baz"},
      {"``\nfoo \n``", "foo "},          {"`foo  \n`", "foo   "},
      {"> `a\t\n> b`", "a\t b"},         {"- `x  \n  y  \n  z`", "x   y   z"},
      {"`a  \r\nb`", "a   b"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.markdown);
    const std::string out = md(c.markdown);
    const size_t open = out.find("<code>");
    REQUIRE(open != std::string::npos);
    CHECK(out.substr(open + 6, out.find("</code>") - open - 6) == c.code);
  }
  CHECK(md("    a  \n      \n    b") ==
        "<pre><code>a  \n  \nb\n</code></pre>");  // code blocks: as is
}

TEST_CASE("headings whose invalid UTF-8 differs still get two ids once cleaned") {
  // "\xF4" and "\xFF" both become U+FFFD: the ids are decided on the cleaned text, so the second
  // one is numbered instead of repeating the first (fuzz regression).
  CHECK(md("\xF4\n-\n\xFF\n-") ==
        "<h3 id=\"user-content-\xEF\xBF\xBD\">\xEF\xBF\xBD</h3>"
        "<h3 id=\"user-content-\xEF\xBF\xBD-2\">\xEF\xBF\xBD</h3>");
}

TEST_CASE("a line ends at LF, CR LF or CR at every offset of md4c's eight-byte line scan") {
  for (size_t length = 0; length < 20; ++length) {
    const std::string run(length, 'x');
    CAPTURE(length);
    for (const char* newline : {"\n", "\r\n", "\r"}) {
      CHECK(md("<div>" + run + newline + "y</div>") == "<div>" + run + "\ny</div>\n");
      CHECK(md(run + "z" + newline + "w") == "<p>" + run + "z\nw</p>");
      CHECK(md("```\n" + run + newline + "```") == "<pre><code>" + run + "\n</code></pre>");
    }
  }
}

TEST_CASE("a NUL in an HTML block is found at every offset of md4c's eight-byte NUL scan") {
  // The tokenizer drops a NUL from text, as a browser's tree builder does "in body".
  for (size_t length = 0; length < 20; ++length) {
    const std::string run(length, 'x');
    CAPTURE(length);
    CHECK(md("<div>" + run + std::string(1, '\0') + "y</div>") == "<div>" + run + "y</div>\n");
    CHECK(md("<div>" + run + "y</div>") == "<div>" + run + "y</div>\n");
  }
}

TEST_CASE("a NUL in a code block or an attribute of raw HTML becomes one U+FFFD, not two") {
  // md4c reports the NUL, then used to start the next text at that same NUL (scripts/gen_md4c.mjs).
  const std::string nul(1, '\0');
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(md("```\nab" + nul + "c\n```") == "<pre><code>ab" + fffd + "c\n</code></pre>");
  CHECK(md("```\n" + nul + nul + "c" + nul + "\n```") ==
        "<pre><code>" + fffd + fffd + "c" + fffd + "\n</code></pre>");
  CHECK(md("    a" + nul + "b") == "<pre><code>a" + fffd + "b\n</code></pre>");
  CHECK(md("<div title=\"a" + nul + "b\">x" + nul + "y</div>") ==
        "<div title=\"a" + fffd + "b\">xy</div>\n");
  CHECK(md("`a" + nul + "b`") == "<p><code>a" + fffd + "b</code></p>");
}

TEST_CASE("raw HTML over several lines is sanitized as one chunk, from clean and unclean text") {
  // A clean document hands its raw HTML to the tokenizer as clean (no second UTF-8 pass); one with
  // invalid UTF-8 or a NUL anywhere hands it over to be cleaned: the raw HTML comes out the same.
  const struct {
    const char* markdown;
    const char* html;
  } cases[] = {
      {"<div title=\"a\nb\">one\ntwo</div>", "<div title=\"a\nb\">one\ntwo</div>\n"},
      {"<p class=x\nid=y>caf\xC3\xA9\r\n</p>", "<p id=\"user-content-y\">caf\xC3\xA9\n</p>\n"},
      {"a <span\ntitle=x>b</span> c", "<p>a <span title=\"x\">b</span> c</p>"},
      {"- <em>one\n  two</em>", "<ul><li><em>one\ntwo</em></li></ul>"},
      {"> <div>\n> <b>bold</b>\n> </div>", "<blockquote><div>\n<b>bold</b>\n</div>\n</blockquote>"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.markdown);
    CHECK(md(c.markdown) == c.html);
    CHECK(md(std::string(c.markdown) + "\n\n\xFF") == std::string(c.html) + "<p>\xEF\xBF\xBD</p>");
  }
}
