// broadsheet — libFuzzer harness for everything that turns untrusted text into markup.
//
// The first input byte picks what the rest of the input is and how it is rendered:
//   bits 0-1  mode
//             0 (a) Markdown             -> render_markdown_html
//             1 (b) raw HTML             -> an article whose body is one {"type":"html"} block
//                                           (the JSON is built here, with proper escaping)
//             2 (c) a whole article JSON -> render_article_html + render_article_ops +
//                                           validate_article (+ diagnostics_json, and the same
//                                           bytes through parse_render_options)
//             3 (d) Markdown             -> render_markdown_ops, decoded and checked, and
//                                           compared with render_markdown_html
//   bit 2     RenderOptions::trust = kUntrusted
//   bit 3     RenderOptions::excerpt_length = 0 (otherwise 160)
//   bit 4     clear: RenderOptions::related = false      (mode c)
//   bit 5     clear: RenderOptions::latest = false       (mode c)
//   bit 6     set:   RenderOptions::subscribe = false    (mode c)
//   bit 7     set:   the article itself says "trust": "untrusted" (mode b; apart from bit 2, so
//                    that the article's trust and the option's are fuzzed each on its own)
// so the ASCII digits '0'..'7' are modes a..d, '4'..'7' untrusted, all widgets on: the seed
// corpus (tests/fuzz/corpus) starts every file with one of them.
//
// Every HTML output goes through a small checker of our own. broadsheet's output is regular (tags,
// attributes in double quotes, escaped text), so the checker is strict: anything it cannot read is
// a failure. It checks
//   - every tag is in the policy (find_tag), every attribute too (find_attr); no attribute named
//     on*, style, srcdoc or formaction; no attribute twice on one element;
//   - tags are balanced, void elements have no end tag;
//   - no raw '<' or '>' in text or attribute values, and '&' only starts &amp; &lt; &gt; &nbsp;
//     (and &quot; in attribute values): what the sink escapes is all there is;
//   - URL attributes (href, src, cite, action, each srcset candidate) carry no scheme other than
//     http, https, mailto, tel, read the way a browser reads it (tab/newline removed, leading
//     controls and spaces stripped, the lowercase prefix before the first ':' that comes before
//     any '/', '?', '#');
//   - every id starts with "user-content-" (content) or "bs-" (layout), and none is given twice;
//     name appears on <input> only;
//   - no attribute value holds what DOMPurify's SAFE_FOR_XML rule strips ("</script", "-->", ...);
//   - the output is valid UTF-8 with no NUL;
//   - parse stability ("both sinks agree", DESIGN.md): nothing an HTML parser would restructure
//     when it reads the string back (a block inside <p>, <a> inside <a>, a heading directly inside
//     a heading, <li> in <li>, table parts out of place or text directly inside them, a newline
//     right after <pre>, <rt>/<rp> closing an open <p>/<li>/<dd>/<dt>). These go beyond the
//     security invariants and are off unless BROADSHEET_FUZZ_TREE=1 (scripts/fuzz.sh --tree).
// Markdown (modes a and d) is passed in libFuzzer's exact-size buffer, as the WASM API passes the
// bs_alloc buffer: a read one byte past the end is an ASan report. BROADSHEET_FUZZ_NUL=1
// (scripts/fuzz.sh --nul-terminated) copies it into a std::string first, as the article JSON path
// does, so that a parser's read of text[size] sees the terminator and fuzzing can go past it.
// Results: ok=false has a non-empty `errors` and an empty `output`; ok=true has no errors.
// Op buffers (mode c and d) are decoded word by word (layout in src/writer.h),
// checked for well-formedness, serialized back to HTML and compared with the HTML sink's output.
//
// The checks live in fuzz_oracle.h, shared with fuzz_article.cpp. A failure prints
// "==broadsheet-fuzz== INVARIANT FAILED" and the offending context on stderr and calls abort(),
// which libFuzzer records as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "broadsheet/broadsheet.h"
#include "fuzz_oracle.h"

namespace {

using namespace broadsheet_fuzz;

bool g_nul_terminated = false;  // BROADSHEET_FUZZ_NUL=1: Markdown from a NUL-terminated copy

// ---- inputs ----

// A JSON string literal holding `in`: valid UTF-8 sequences as they are, each invalid byte as the
// code point of the same value (so every input is a valid document).
std::string json_string(std::string_view in) {
  std::string out = "\"";
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  size_t i = 0;
  while (i < in.size()) {
    const unsigned char c = p[i];
    char buf[8];
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c < 0x20) {
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
      ++i;
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (const size_t len = utf8_sequence(p + i, in.size() - i); len > 0) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
      ++i;
    }
  }
  out.push_back('"');
  return out;
}

void markdown_html(std::string_view md, const RenderOptions& o) {
  g_what = "render_markdown_html";
  const Result r = broadsheet::render_markdown_html(md, o);
  check_result(r);
  if (!r.ok) fail("render_markdown_html rejected a small input: " + r.errors[0].message);
  check_html(r.output);
}

void html_block(std::string_view html, const RenderOptions& o, bool untrusted_article) {
  std::string doc = "{\"version\":\"1.0\",\"url\":\"https://news.example/world/story\",";
  if (untrusted_article) doc += "\"trust\":\"untrusted\",";
  doc += "\"headline\":\"Fuzz\",\"body\":[{\"type\":\"html\",\"html\":";
  doc += json_string(html);
  doc += "}]}";
  g_what = "render_article_html (html block)";
  const Result r = broadsheet::render_article_html(doc, o);
  check_result(r);
  if (!r.ok) {
    fail("a valid article with an html block was rejected: " + r.errors[0].code + " " +
             r.errors[0].path + ": " + r.errors[0].message,
         doc);
  }
  check_html(r.output);
}

void article(std::string_view json, const RenderOptions& o) {
  g_what = "validate_article";
  const Result v = broadsheet::validate_article(json);
  check_result(v);
  if (!v.output.empty()) fail("validate_article returned output", v.output);
  g_what = "render_article_html";
  const Result h = broadsheet::render_article_html(json, o);
  check_result(h);
  same_errors(v, h);
  g_what = "render_article_ops";
  const Result p = broadsheet::render_article_ops(json, o);
  check_result(p);
  same_errors(v, p);
  // The JSON the JS side parses: diagnostics echo input (unknown block types…), still valid UTF-8.
  g_what = "diagnostics_json";
  const std::string diagnostics = broadsheet::diagnostics_json(v);
  if (diagnostics.empty() || diagnostics.front() != '{' || diagnostics.back() != '}' ||
      diagnostics.find("\"ok\":") == std::string::npos) {
    fail("diagnostics_json is not an object with \"ok\"", diagnostics);
  }
  if (const size_t bad = find_bad_utf8(diagnostics); bad != std::string_view::npos) {
    fail("diagnostics_json is not valid UTF-8", diagnostics, bad);
  }
  // The same bytes as render options: errors come back as data, never a crash.
  g_what = "parse_render_options";
  RenderOptions parsed;
  std::vector<Diagnostic> option_errors;
  if (!broadsheet::parse_render_options(json, parsed, option_errors) && option_errors.empty()) {
    fail("parse_render_options failed without an error");
  }
  if (!h.ok) return;
  g_what = "render_article_html";
  check_html(h.output);
  g_what = "render_article_ops";
  const std::string from_ops = decode_ops(p.output);
  check_same(from_ops, h.output);
}

void markdown_ops(std::string_view md, const RenderOptions& o) {
  g_what = "render_markdown_ops";
  const Result p = broadsheet::render_markdown_ops(md, o);
  check_result(p);
  if (!p.ok) fail("render_markdown_ops rejected a small input: " + p.errors[0].message);
  const std::string from_ops = decode_ops(p.output);
  check_html(from_ops);
  g_what = "render_markdown_html";
  const Result h = broadsheet::render_markdown_html(md, o);
  check_result(h);
  g_what = "render_markdown_ops vs render_markdown_html";
  check_same(from_ops, h.output);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tree = std::getenv("BROADSHEET_FUZZ_TREE");
  g_tree_checks = tree != nullptr && std::strcmp(tree, "1") == 0;
  const char* nul = std::getenv("BROADSHEET_FUZZ_NUL");
  g_nul_terminated = nul != nullptr && std::strcmp(nul, "1") == 0;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t control = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string copy;
  if (g_nul_terminated) {
    copy.assign(rest.data(), rest.size());
    rest = copy;
  }
  RenderOptions o;
  if (control & 0x04) o.trust = broadsheet::Trust::kUntrusted;
  if (control & 0x08) o.excerpt_length = 0;
  o.related = (control & 0x10) != 0;
  o.latest = (control & 0x20) != 0;
  o.subscribe = (control & 0x40) == 0;
  switch (control & 3) {
    case 0:
      markdown_html(rest, o);
      break;
    case 1:
      html_block(rest, o, (control & 0x80) != 0);
      break;
    case 2:
      article(rest, o);
      break;
    case 3:
      markdown_ops(rest, o);
      break;
  }
  return 0;
}
