// Writer + sinks: escaping, URL checks, numbers, depth limit, op buffer layout.
#include "writer.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../fuzz/fuzz_oracle.h"
#include "bridge.h"
#include "broadsheet/broadsheet.h"

using namespace broadsheet;

namespace {
// The sinks write after what their buffer already holds (the bridge's result header): each test
// buffer starts with one, which must come out untouched.
constexpr std::string_view kHeld = "held....";

std::string html_of(void (*build)(Writer&)) {
  ByteBuffer out;
  out.append(kHeld);
  HtmlSink sink(out);
  UrlPolicy urls("https://news.example/");
  Writer w(sink, urls);
  build(w);
  w.close_to(0);
  const std::string written(out.data(), out.size());
  CHECK(written.substr(0, kHeld.size()) == kHeld);
  return written.substr(kHeld.size());
}
// The op buffer `build` writes, split into its words and its string region (header checked).
struct Ops {
  std::vector<uint32_t> words;
  std::string strings;
};
Ops ops_of(void (*build)(Writer&)) {
  ByteBuffer out;
  out.append(kHeld);
  OpSink sink(out);
  UrlPolicy urls;
  Writer w(sink, urls);
  build(w);
  w.close_to(0);
  sink.finish();
  std::string buf(out.data(), out.size());
  CHECK(buf.substr(0, kHeld.size()) == kHeld);
  buf.erase(0, kHeld.size());
  uint32_t header[3];
  REQUIRE(buf.size() >= sizeof header);
  std::memcpy(header, buf.data(), sizeof header);
  CHECK(header[0] == kOpMagic);
  REQUIRE(buf.size() == sizeof header + header[1] * 4 + header[2]);
  Ops ops;
  ops.words.resize(header[1]);
  if (header[1]) std::memcpy(ops.words.data(), buf.data() + sizeof header, header[1] * 4);
  ops.strings = buf.substr(sizeof header + header[1] * 4);
  return ops;
}
}  // namespace

TEST_CASE("text is escaped the way the DOM serializer escapes it") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::P);
          w.text("<script>&\"x\" \xC2\xA0");
          w.close();
        }) == "<p>&lt;script&gt;&amp;\"x\" &nbsp;</p>");
}

TEST_CASE("attribute values escape quotes and angle brackets") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Abbr);
          w.attr(Attr::Title, "\"><img src=x onerror=alert(1)>");
          w.close();
        }) == "<abbr title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"></abbr>");
}

TEST_CASE("an unsafe URL attribute is dropped, the element stays") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::A);
          CHECK_FALSE(w.attr(Attr::Href, "javascript:alert(1)"));
          w.text("x");
          w.close();
        }) == "<a>x</a>");
}

TEST_CASE("attributes after content are ignored") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::P);
          w.text("x");
          CHECK_FALSE(w.attr(Attr::Class, "late"));
          w.close();
        }) == "<p>x</p>");
}

TEST_CASE("numbers are clamped and non-numbers dropped") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Img);
          w.attr(Attr::Width, "99999999");
          w.attr(Attr::Height, "abc");
          w.close();
        }) == "<img width=\"10000\">");
}

TEST_CASE("srcset keeps safe candidates and drops unsafe ones") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Img);
          w.attr(Attr::Srcset, "a.jpg 1x, javascript:alert(1) 2x, b.jpg 640w, c.jpg bogus");
          w.close();
        }) == "<img srcset=\"a.jpg 1x, b.jpg 640w\">");
}

TEST_CASE("void elements get no end tag and empty attributes are written as name=\"\"") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Input);
          w.attr(Attr::Disabled, "");
          w.close();
          w.leaf(Tag::Br);
        }) == "<input disabled=\"\"><br>");
}

TEST_CASE("invalid UTF-8 and NUL become U+FFFD") {
  CHECK(html_of([](Writer& w) { w.text(std::string("a\0b\xFF", 4)); }) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
}

TEST_CASE("nesting past the depth limit is flattened into the parent") {
  const std::string out = html_of([](Writer& w) {
    for (int i = 0; i < 1000; ++i) w.open(Tag::Div);
    w.text("deep");
    for (int i = 0; i < 1000; ++i) w.close();
    w.text("after");
  });
  size_t opens = 0;
  for (size_t at = out.find("<div>"); at != std::string::npos; at = out.find("<div>", at + 1))
    ++opens;
  CHECK(opens == kMaxDepth);
  CHECK(out.find("deep") != std::string::npos);
  CHECK(out.size() > 5);
  CHECK(out.substr(out.size() - 5) == "after");
}

TEST_CASE("close_to closes everything left open") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Ul);
          w.open(Tag::Li);
          w.open(Tag::Em);
          w.close_to(0);
        }) == "<ul><li><em></em></li></ul>");
}

TEST_CASE("op buffer: header, words and UTF-16 offsets into one string region") {
  const Ops ops = ops_of([](Writer& w) {
    w.open(Tag::P);
    w.attr(Attr::Class, "x");
    w.text("\xF0\x9F\x93\xB0 news");  // U+1F4F0 is two UTF-16 units
    w.text("!");
    w.close();
  });
  const std::vector<uint32_t>& words = ops.words;
  REQUIRE(words.size() == 1 + 3 + 3 + 3 + 1);
  CHECK(words[0] == (kOpOpen | (static_cast<uint32_t>(Tag::P) << 8)));
  CHECK(words[1] == (kOpAttr | (static_cast<uint32_t>(Attr::Class) << 8)));
  CHECK(words[2] == 0);
  CHECK(words[3] == 1);
  CHECK(words[4] == kOpText);
  CHECK(words[5] == 1);
  CHECK(words[6] == 7);  // 2 units for the emoji + " news"
  CHECK(words[8] == 8);
  CHECK(words[9] == 1);
  CHECK(words[10] == kOpClose);
  CHECK(ops.strings == "x\xF0\x9F\x93\xB0 news!");
}

TEST_CASE("a reserved attribute is written into its start tag after the content") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::H2);
          const Writer::AttrSlot slot = w.reserve_attr();
          w.text("Title & more");
          w.open(Tag::Em);
          w.text("x");
          w.close();
          w.fill_attr(slot, Attr::Id, "user-content-\"title\"");
          w.close();
          w.open(Tag::P);
          w.close();
        }) == "<h2 id=\"user-content-&quot;title&quot;\">Title &amp; more<em>x</em></h2><p></p>");
  // Only text attributes, and only where attr() would have been taken.
  CHECK(html_of([](Writer& w) {
          w.open(Tag::A);
          w.fill_attr(w.reserve_attr(), Attr::Href, "javascript:alert(1)");
          w.text("t");
          w.fill_attr(w.reserve_attr(), Attr::Title, "late");
          w.close();
        }) == "<a>t</a>");
}

TEST_CASE("op buffer: a reserved attribute lands right after its open op") {
  const Ops ops = ops_of([](Writer& w) {
    w.open(Tag::H2);
    const Writer::AttrSlot slot = w.reserve_attr();
    w.text("ab");
    w.fill_attr(slot, Attr::Id, "x");
    w.close();
  });
  const std::vector<uint32_t>& words = ops.words;
  REQUIRE(words.size() == 1 + 3 + 3 + 1);
  CHECK(ops.strings == "abx");  // strings in the order written
  CHECK(words[0] == (kOpOpen | (static_cast<uint32_t>(Tag::H2) << 8)));
  CHECK(words[1] == (kOpAttr | (static_cast<uint32_t>(Attr::Id) << 8)));
  CHECK(words[2] == 2);  // "x" starts after "ab"
  CHECK(words[3] == 1);
  CHECK(words[4] == kOpText);
  CHECK(words[5] == 0);
  CHECK(words[6] == 2);
  CHECK(words[7] == kOpClose);
}

TEST_CASE("ByteBuffer: appends and inserts across growth") {
  ByteBuffer b;
  std::string expected;
  for (int i = 0; i < 300; ++i) {  // past the first 256-byte block, several times over
    const std::string piece = std::to_string(i) + ",";
    b.append(piece);
    expected += piece;
    b.push_back(';');
    expected.push_back(';');
  }
  b.insert(3, "<ins>", 5);
  expected.insert(3, "<ins>");
  b.insert(b.size(), "end", 3);
  expected += "end";
  b.append("", 0);
  CHECK(std::string(b.data(), b.size()) == expected);
  ByteBuffer empty;
  CHECK(empty.size() == 0);
}

TEST_CASE("ByteBuffer: release hands the bytes over and leaves the buffer empty and usable") {
  ByteBuffer b;
  b.append("result", 6);
  char* bytes = b.release();
  REQUIRE(bytes != nullptr);
  CHECK(std::string(bytes, 6) == "result");
  std::free(bytes);
  CHECK(b.size() == 0);
  b.append("again", 5);
  CHECK(std::string(b.data(), b.size()) == "again");
}

TEST_CASE("policy tables: lookups by name agree with codes") {
  Tag t;
  REQUIRE(find_tag("blockquote", t));
  CHECK(t == Tag::Blockquote);
  CHECK_FALSE(find_tag("script", t));
  CHECK_FALSE(find_tag("iframe", t));
  CHECK_FALSE(find_tag("style", t));
  Attr a;
  CHECK_FALSE(find_attr("onerror", a));
  CHECK_FALSE(find_attr("style", a));
  CHECK_FALSE(find_attr("srcdoc", a));
  CHECK_FALSE(find_attr("formaction", a));
  REQUIRE(find_attr("href", a));
  CHECK(attr_kind(a) == AttrKind::kUrl);
}

TEST_CASE("a text or keyword attribute holding an XML breakout is dropped, as an unsafe URL is") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::Abbr);
          CHECK_FALSE(w.attr(Attr::Title, "x</Style>"));
          CHECK_FALSE(w.attr(Attr::AriaLabel, "a-->b"));
          CHECK_FALSE(w.attr(Attr::Alt, "]]>"));
          CHECK(w.attr(Attr::Lang, "en"));
          w.text("</style> as text is escaped, not dropped");
        }) == "<abbr lang=\"en\">&lt;/style&gt; as text is escaped, not dropped</abbr>");
}

TEST_CASE("a reserved attribute is not filled with an XML breakout") {
  CHECK(html_of([](Writer& w) {
          w.open(Tag::H2);
          const Writer::AttrSlot slot = w.reserve_attr();
          w.text("t");
          w.fill_attr(slot, Attr::Id, "a--!>b");
        }) == "<h2>t</h2>");
}

namespace {
// The DOM serializer's escaping, a byte at a time (the fuzz oracle's): what the word-at-a-time
// escaper must match.
std::string escaped_slowly(std::string_view s, bool attribute) {
  std::string out;
  broadsheet_fuzz::append_escaped(out, s, attribute);
  return out;
}
}  // namespace

TEST_CASE("each character to escape is escaped wherever it falls in a word or a chunk") {
  // The escaper copies eight bytes at a time and makes room per 256 bytes of input: a special
  // character (or U+00A0's two bytes) at every offset of texts that cross both boundaries.
  const std::string_view specials[] = {"&", "<", ">", "\"", "\xC2\xA0", "\xC2\xA9", "<&>"};
  for (const size_t length : {1, 7, 8, 9, 15, 16, 17, 255, 256, 257, 520}) {
    for (const std::string_view special : specials) {
      for (size_t at = 0; at + special.size() <= length; at += (length > 40 ? 13 : 1)) {
        std::string text(length, 'a');
        text.replace(at, special.size(), special);
        for (const bool attribute : {false, true}) {
          ByteBuffer out;
          HtmlSink sink(out);
          UrlPolicy urls;
          Writer w(sink, urls);
          w.open(Tag::Abbr);
          if (attribute) {
            REQUIRE(w.attr(Attr::Title, text));
          } else {
            w.text(text);
          }
          w.close();
          const std::string expected =
              attribute ? "<abbr title=\"" + escaped_slowly(text, true) + "\"></abbr>"
                        : "<abbr>" + escaped_slowly(text, false) + "</abbr>";
          CAPTURE(length);
          CAPTURE(at);
          CHECK(std::string(out.data(), out.size()) == expected);
        }
      }
    }
  }
}

TEST_CASE("an XML breakout is found at any offset, across the words the scan skips") {
  for (const std::string_view breakout : {"</script", "</TextArea", "-->", "--!>", "]>"}) {
    for (size_t at = 0; at < 24; ++at) {
      std::string value(at, 'a');
      value += breakout;
      value += std::string(at % 9, 'b');
      CAPTURE(value);
      CHECK(find_xml_breakout(value).size() == breakout.size());
      // One character short of the sequence: nothing to find.
      CHECK(find_xml_breakout(std::string_view(value).substr(0, at + breakout.size() - 1)).empty());
    }
  }
  CHECK(find_xml_breakout("a-b-c <b> [x] ok - fine").empty());
}

TEST_CASE("a buffer that would pass kMaxOutputBytes starts again from empty and says so") {
  g_output_overflowed = false;
  ByteBuffer out;
  const std::string chunk(1 << 20, 'x');
  for (size_t i = 0; i < kMaxOutputBytes / chunk.size(); ++i) out.append(chunk);
  CHECK_FALSE(g_output_overflowed);
  CHECK(out.size() == kMaxOutputBytes);
  out.append(chunk);
  CHECK(g_output_overflowed);
  CHECK(out.size() == chunk.size());
  // A position from before is out of reach now: the insert is dropped, nothing moves.
  out.insert(2 * chunk.size(), "yy", 2);
  CHECK(out.size() == chunk.size());
  g_output_overflowed = false;
}

TEST_CASE("a render whose output would pass 64 MiB fails with too_large, in both sinks") {
  // One reference definition of 8,000 bytes used 10,000 times: 80 MB of HTML from 48 KB.
  std::string markdown = "[a]: /" + std::string(8000, 'a') + "\n\n";
  for (int i = 0; i < 10000; ++i) markdown += "[a] ";
  for (const bool ops : {false, true}) {
    ByteBuffer out;
    out.append(kHeld);
    const Result r = render_markdown(markdown, RenderOptions{}, ops, out);
    CHECK_FALSE(r.ok);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].code == "too_large");
    CHECK_FALSE(g_output_overflowed);  // the render read and cleared it
    // The buffer is cut back to the size it had (the bridge's header, which the bridge fills in
    // again) and the errors follow it.
    CHECK(out.size() == kHeld.size());
  }
  // A thousand uses (8 MB) render.
  std::string fewer = "[a]: /" + std::string(8000, 'a') + "\n\n";
  for (int i = 0; i < 1000; ++i) fewer += "[a] ";
  CHECK(render_markdown_html(fewer, RenderOptions{}).ok);
}
