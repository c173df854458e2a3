// broadsheet — the fuzzers' oracle: checks of broadsheet's output written from the HTML and op
// formats, not from the code that produces them. Shared by tests/fuzz/fuzz_sanitizer.cpp and
// tests/fuzz/fuzz_article.cpp (each harness is one translation unit, hence the inline functions).
//
//   check_html(html)     the strict reader of broadsheet's HTML: policy tags and attributes only,
//                        balanced, escaped, URL schemes, ids, valid UTF-8 (see fuzz_sanitizer.cpp's
//                        header for the list; parse-stability checks when g_tree_checks is set)
//   check_result(r)      ok=false has errors and no output; ok=true has no errors; every
//                        diagnostic has a code and a JSON-pointer path
//   decode_ops(buffer)   decodes an op buffer word by word (layout in src/writer.h), checks its
//                        structure and returns the HTML the same tree serializes to
//   check_same(a, b)     the op buffer's HTML equals the HTML sink's output
//   same_errors(a, b)    validate_article and a render report the same errors
//
// A failure prints "==broadsheet-fuzz== INVARIANT FAILED" with the offending context on stderr and
// calls abort(), which libFuzzer records as a crash.
#ifndef BROADSHEET_FUZZ_ORACLE_H
#define BROADSHEET_FUZZ_ORACLE_H

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"
#include "broadsheet/policy.h"
#include "writer.h"

namespace broadsheet_fuzz {
using broadsheet::Attr;
using broadsheet::AttrKind;
using broadsheet::Diagnostic;
using broadsheet::RenderOptions;
using broadsheet::Result;
using broadsheet::Tag;

inline const char* g_what = "";     // which call produced the output being checked
inline bool g_tree_checks = false;  // BROADSHEET_FUZZ_TREE=1 turns the parse-stability checks on

// ---- failure reporting ----

inline std::string printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

[[noreturn]] inline void fail(const std::string& message, std::string_view output = {},
                              size_t at = std::string_view::npos) {
  std::fprintf(stderr, "\n==broadsheet-fuzz== INVARIANT FAILED in %s: %s\n", g_what,
               message.c_str());
  if (at != std::string_view::npos) {
    const size_t from = at > 160 ? at - 160 : 0;
    const size_t to = at + 160 < output.size() ? at + 160 : output.size();
    std::fprintf(stderr, "  at byte %zu of %zu:\n  ...%s[HERE>]%s...\n", at, output.size(),
                 printable(output.substr(from, at - from)).c_str(),
                 printable(output.substr(at, to - at)).c_str());
  } else if (!output.empty()) {
    std::fprintf(stderr, "  output (%zu bytes): %s\n", output.size(),
                 printable(output.substr(0, 600)).c_str());
  }
  std::fflush(stderr);
  std::abort();
}

// ---- UTF-8 ----

// Length of the valid UTF-8 sequence at p[0..n), 0 when invalid (overlong, surrogate, > U+10FFFF,
// truncated).
inline size_t utf8_sequence(const unsigned char* p, size_t n) {
  if (n == 0) return 0;
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
  }
  return len;
}

// Byte offset of the first invalid UTF-8 sequence or NUL, npos when there is none.
inline size_t find_bad_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  while (i < s.size()) {
    if (p[i] == 0) return i;
    const size_t len = utf8_sequence(p + i, s.size() - i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

// ---- policy helpers ----

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

inline bool is_void(Tag t) { return (broadsheet::tag_flags(t) & broadsheet::kTagVoid) != 0; }

inline bool is_heading(Tag t) {
  return t == Tag::H1 || t == Tag::H2 || t == Tag::H3 || t == Tag::H4 || t == Tag::H5 ||
         t == Tag::H6;
}

inline bool is_table_section(Tag t) {
  return t == Tag::Thead || t == Tag::Tbody || t == Tag::Tfoot;
}

inline bool is_table_structure(Tag t) {
  return t == Tag::Table || is_table_section(t) || t == Tag::Tr;
}

// Start tags before which the HTML tree builder closes a <p> in button scope (WHATWG "in body").
inline bool closes_p(Tag t) {
  switch (t) {
    case Tag::Article:
    case Tag::Aside:
    case Tag::Blockquote:
    case Tag::Details:
    case Tag::Div:
    case Tag::Dl:
    case Tag::Dd:
    case Tag::Dt:
    case Tag::Figcaption:
    case Tag::Figure:
    case Tag::Footer:
    case Tag::Form:
    case Tag::H1:
    case Tag::H2:
    case Tag::H3:
    case Tag::H4:
    case Tag::H5:
    case Tag::H6:
    case Tag::Header:
    case Tag::Hr:
    case Tag::Li:
    case Tag::Nav:
    case Tag::Ol:
    case Tag::P:
    case Tag::Pre:
    case Tag::Section:
    case Tag::Summary:
    case Tag::Table:
    case Tag::Ul:
      return true;
    default:
      return false;
  }
}

// The tree builder's "special" category, restricted to the policy's elements.
inline bool is_special(Tag t) {
  switch (t) {
    case Tag::Article:
    case Tag::Aside:
    case Tag::Blockquote:
    case Tag::Br:
    case Tag::Button:
    case Tag::Caption:
    case Tag::Dd:
    case Tag::Details:
    case Tag::Div:
    case Tag::Dl:
    case Tag::Dt:
    case Tag::Figcaption:
    case Tag::Figure:
    case Tag::Footer:
    case Tag::Form:
    case Tag::H1:
    case Tag::H2:
    case Tag::H3:
    case Tag::H4:
    case Tag::H5:
    case Tag::H6:
    case Tag::Header:
    case Tag::Hr:
    case Tag::Img:
    case Tag::Input:
    case Tag::Li:
    case Tag::Nav:
    case Tag::Ol:
    case Tag::P:
    case Tag::Pre:
    case Tag::Section:
    case Tag::Summary:
    case Tag::Table:
    case Tag::Tbody:
    case Tag::Td:
    case Tag::Tfoot:
    case Tag::Th:
    case Tag::Thead:
    case Tag::Tr:
    case Tag::Ul:
    case Tag::Wbr:
      return true;
    default:
      return false;
  }
}

// Elements "generate implied end tags" pops (restricted to the policy's elements).
inline bool implied_end(Tag t) {
  return t == Tag::Dd || t == Tag::Dt || t == Tag::Li || t == Tag::P || t == Tag::Rp ||
         t == Tag::Rt;
}

// ---- URL check, the way a browser finds a scheme ----

inline void check_url(std::string_view value, std::string_view attr, std::string_view output,
                      size_t at) {
  std::string s;
  for (char c : value) {
    if (c != '\t' && c != '\n' && c != '\r') s.push_back(c);
  }
  size_t b = 0;
  while (b < s.size() && static_cast<unsigned char>(s[b]) <= 0x20) ++b;
  std::string_view url(s);
  url.remove_prefix(b);
  for (size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '/' || c == '?' || c == '#') return;  // no scheme: relative
    if (c == ':') {
      std::string scheme;
      for (size_t k = 0; k < i; ++k) {
        const char d = url[k];
        scheme.push_back((d >= 'A' && d <= 'Z') ? static_cast<char>(d + 32) : d);
      }
      if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel") return;
      fail("URL attribute " + std::string(attr) + " has scheme \"" + printable(scheme) +
               "\": " + printable(value),
           output, at);
    }
  }
}

// srcset: comma-separated "url [descriptor]" candidates. The Writer drops any URL holding a comma,
// so splitting on ',' finds every candidate a browser finds.
inline void check_srcset(std::string_view value, std::string_view output, size_t at) {
  size_t i = 0;
  while (i <= value.size()) {
    size_t comma = value.find(',', i);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view cand = value.substr(i, comma - i);
    size_t b = 0;
    while (b < cand.size() && static_cast<unsigned char>(cand[b]) <= 0x20) ++b;
    size_t e = b;
    while (e < cand.size() && static_cast<unsigned char>(cand[e]) > 0x20) ++e;
    if (e > b) check_url(cand.substr(b, e - b), "srcset", output, at);
    i = comma + 1;
  }
}

// ---- the HTML checker ----

class HtmlChecker {
 public:
  explicit HtmlChecker(std::string_view s) : s_(s) {}

  void run() {
    if (const size_t bad = find_bad_utf8(s_); bad != std::string_view::npos) {
      fail("output is not valid UTF-8 (or holds NUL)", s_, bad);
    }
    while (i_ < s_.size()) {
      if (s_[i_] == '<') {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
          end_tag();
        } else {
          start_tag();
        }
      } else {
        text();
      }
    }
    if (!stack_.empty()) {
      fail("unclosed <" + std::string(broadsheet::tag_name(stack_.back())) + "> at end of output",
           s_, s_.size());
    }
  }

 private:
  static bool name_char(char c, bool attr) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (attr && c == '-');
  }

  // Decodes one escape at i_ ('&'); fails on anything the sink does not write.
  void escape(std::string& out, bool attribute) {
    static constexpr struct {
      std::string_view ref;
      std::string_view value;
    } kRefs[] = {
        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"}, {"&quot;", "\""}};
    for (const auto& r : kRefs) {
      if (s_.substr(i_, r.ref.size()) == r.ref) {
        if (r.ref == "&quot;" && !attribute) break;
        out.append(r.value);
        i_ += r.ref.size();
        return;
      }
    }
    fail(std::string("'&' that is not an escape the sink writes, in ") +
             (attribute ? "an attribute value" : "text"),
         s_, i_);
  }

  void text() {
    const size_t start = i_;
    std::string decoded;
    while (i_ < s_.size() && s_[i_] != '<') {
      const char c = s_[i_];
      if (c == '&') {
        escape(decoded, false);
      } else if (c == '>') {
        fail("raw '>' in text", s_, i_);
      } else {
        decoded.push_back(c);
        ++i_;
      }
    }
    if (!g_tree_checks) return;
    // A parser drops one newline right after <pre>, so the sink writes a newline there only as
    // the extra one in front of a newline that is content: a lone leading newline would be lost.
    if (after_pre_ && !decoded.empty() && decoded[0] == '\n' &&
        (decoded.size() < 2 || decoded[1] != '\n')) {
      fail("text right after <pre> starts with a single newline: an HTML parser drops it", s_,
           start);
    }
    after_pre_ = false;
    if (!stack_.empty() && is_table_structure(stack_.back())) {
      for (char c : decoded) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
          fail("non-whitespace text directly inside <" +
                   std::string(broadsheet::tag_name(stack_.back())) +
                   ">: an HTML parser moves it out of the table",
               s_, start);
        }
      }
    }
  }

  void end_tag() {
    const size_t start = i_;
    i_ += 2;
    const size_t n = i_;
    while (i_ < s_.size() && name_char(s_[i_], false)) ++i_;
    const std::string name(s_.substr(n, i_ - n));
    if (i_ >= s_.size() || s_[i_] != '>') fail("malformed end tag", s_, start);
    ++i_;
    Tag tag;
    if (!broadsheet::find_tag(name, tag)) {
      fail("end tag </" + printable(name) + "> not in the policy", s_, start);
    }
    if (is_void(tag)) fail("end tag for void element </" + name + ">", s_, start);
    if (stack_.empty() || stack_.back() != tag) {
      fail("unbalanced </" + name + ">, open element is " +
               (stack_.empty() ? std::string("none")
                               : "<" + std::string(broadsheet::tag_name(stack_.back())) + ">"),
           s_, start);
    }
    stack_.pop_back();
    after_pre_ = false;
  }

  void start_tag() {
    const size_t start = i_;
    ++i_;
    const size_t n = i_;
    while (i_ < s_.size() && name_char(s_[i_], false)) ++i_;
    const std::string name(s_.substr(n, i_ - n));
    if (name.empty()) fail("raw '<' in text", s_, start);
    Tag tag;
    if (!broadsheet::find_tag(name, tag)) {
      fail("tag <" + printable(name) + "> not in the policy", s_, start);
    }
    std::vector<Attr> seen;
    for (;;) {
      if (i_ >= s_.size()) fail("start tag cut off by the end of output", s_, start);
      if (s_[i_] == '>') {
        ++i_;
        break;
      }
      if (s_[i_] != ' ') fail("malformed start tag <" + name + ">", s_, i_);
      ++i_;
      const size_t an = i_;
      while (i_ < s_.size() && name_char(s_[i_], true)) ++i_;
      const std::string aname(s_.substr(an, i_ - an));
      if (aname.empty() || s_.substr(i_, 2) != "=\"") {
        fail("malformed attribute in <" + name + ">", s_, an);
      }
      i_ += 2;
      const size_t value_at = i_;
      std::string value;
      while (i_ < s_.size() && s_[i_] != '"') {
        const char c = s_[i_];
        if (c == '<' || c == '>') fail("raw '<' or '>' in an attribute value", s_, i_);
        if (c == '&') {
          escape(value, true);
        } else {
          value.push_back(c);
          ++i_;
        }
      }
      if (i_ >= s_.size()) fail("unterminated attribute value", s_, value_at);
      ++i_;
      attribute(tag, name, aname, value, seen, an);
    }
    if (g_tree_checks) tree(tag, start);
    after_pre_ = tag == Tag::Pre;
    if (!is_void(tag)) stack_.push_back(tag);
  }

  void attribute(Tag tag, const std::string& tname, const std::string& name,
                 const std::string& value, std::vector<Attr>& seen, size_t at) {
    if (starts_with(name, "on")) fail("event handler attribute " + name, s_, at);
    if (name == "style" || name == "srcdoc" || name == "formaction") {
      fail("forbidden attribute " + name, s_, at);
    }
    Attr attr;
    if (!broadsheet::find_attr(name, attr)) {
      fail("attribute " + printable(name) + " not in the policy", s_, at);
    }
    for (Attr a : seen) {
      if (a == attr) fail("attribute " + name + " twice on <" + tname + ">", s_, at);
    }
    seen.push_back(attr);
    const AttrKind kind = broadsheet::attr_kind(attr);
    if (kind == AttrKind::kUrl || name == "href" || name == "src" || name == "cite" ||
        name == "action") {
      check_url(value, name, s_, at);
    }
    if (kind == AttrKind::kSrcset || name == "srcset") check_srcset(value, s_, at);
    // Ids from the article's content carry "user-content-" (so no raw HTML or heading can
    // clobber a page's globals or the layout's ids); the layout's own ids start with "bs-". One
    // registry gives them out: no id twice in one output.
    if (attr == Attr::Id) {
      if (!starts_with(value, "user-content-") && !starts_with(value, "bs-")) {
        fail("id with neither the user-content- nor the bs- prefix: " + printable(value), s_, at);
      }
      const std::string id(value);
      if (std::find(ids_.begin(), ids_.end(), id) != ids_.end()) {
        fail("id " + printable(value) + " twice in one output", s_, at);
      }
      ids_.push_back(id);
    }
    if (attr == Attr::Name && tag != Tag::Input) fail("name attribute on <" + tname + ">", s_, at);
    // DOMPurify's SAFE_FOR_XML rule, written out from its regular expression rather than read
    // from policy.h: /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|
    // noframes)/i. A value it matches is an attribute DOMPurify would strip.
    std::string lower(value);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* breakout :
         {"-->", "--!>", "]>", "</style", "</script", "</title", "</xmp", "</textarea",
          "</noscript", "</iframe", "</noembed", "</noframes"}) {
      if (lower.find(breakout) != std::string::npos) {
        fail("attribute " + name + " holds the XML breakout " + breakout, s_, at);
      }
    }
  }

  // Parse stability: would an HTML parser build a different tree from this start tag?
  void tree(Tag tag, size_t at) {
    const std::string name(broadsheet::tag_name(tag));
    const Tag parent = stack_.empty() ? Tag::kCount : stack_.back();
    auto bad = [&](const std::string& why) { fail("<" + name + "> " + why, s_, at); };

    // Table structure: parts only where the tree builder keeps them, nothing else inside.
    if (parent == Tag::Table && !(tag == Tag::Caption || is_table_section(tag))) {
      bad("directly inside <table> (foster-parented, or a <tbody> is implied)");
    }
    if (is_table_section(parent) && tag != Tag::Tr) bad("directly inside a table section");
    if (parent == Tag::Tr && tag != Tag::Td && tag != Tag::Th) bad("directly inside <tr>");
    if ((tag == Tag::Caption || is_table_section(tag)) && parent != Tag::Table) {
      bad("outside <table> (ignored by a parser)");
    }
    if (tag == Tag::Tr && !is_table_section(parent)) bad("outside a table section");
    if ((tag == Tag::Td || tag == Tag::Th) && parent != Tag::Tr) bad("outside <tr>");

    // A block start tag closes a <p> in button scope.
    if (closes_p(tag)) {
      for (size_t k = stack_.size(); k-- > 0;) {
        const Tag s = stack_[k];
        if (s == Tag::P) bad("inside <p> (a parser closes the <p> first)");
        if (s == Tag::Table || s == Tag::Td || s == Tag::Th || s == Tag::Caption ||
            s == Tag::Button) {
          break;
        }
      }
    }
    if (is_heading(tag) && is_heading(parent)) bad("directly inside a heading");
    // <a> inside <a> (up to the last marker: td, th, caption) runs the adoption agency.
    if (tag == Tag::A) {
      for (size_t k = stack_.size(); k-- > 0;) {
        const Tag s = stack_[k];
        if (s == Tag::A) bad("inside <a>");
        if (s == Tag::Td || s == Tag::Th || s == Tag::Caption) break;
      }
    }
    // <li> closes an open <li>, <dd>/<dt> an open <dd>/<dt>, unless a special element intervenes.
    if (tag == Tag::Li || tag == Tag::Dd || tag == Tag::Dt) {
      for (size_t k = stack_.size(); k-- > 0;) {
        const Tag s = stack_[k];
        const bool same = tag == Tag::Li ? s == Tag::Li : (s == Tag::Dd || s == Tag::Dt);
        if (same) bad("inside an open item of its kind (a parser closes it)");
        if (is_special(s) && s != Tag::Div && s != Tag::P) break;
      }
    }
    // <rt>/<rp> with a <ruby> in scope generate implied end tags: an open <p>, <li>… is closed.
    if (tag == Tag::Rt || tag == Tag::Rp) {
      bool ruby_in_scope = false;
      for (size_t k = stack_.size(); k-- > 0;) {
        const Tag s = stack_[k];
        if (s == Tag::Ruby) {
          ruby_in_scope = true;
          break;
        }
        if (s == Tag::Table || s == Tag::Td || s == Tag::Th || s == Tag::Caption) break;
      }
      if (ruby_in_scope && implied_end(parent)) {
        bad("directly inside <" + std::string(broadsheet::tag_name(parent)) +
            "> within <ruby> (a parser closes the <" + std::string(broadsheet::tag_name(parent)) +
            ">)");
      }
    }
    if (tag == Tag::Button || tag == Tag::Form) {
      for (Tag s : stack_) {
        if (s == tag) bad("inside another <" + name + ">");
      }
    }
  }

  std::string_view s_;
  std::vector<std::string> ids_;  // every id so far, to find one given twice
  size_t i_ = 0;
  std::vector<Tag> stack_;
  bool after_pre_ = false;
};

inline void check_html(std::string_view html) { HtmlChecker(html).run(); }

// ---- Result invariants ----

inline void check_result(const Result& r) {
  if (!r.ok) {
    if (r.errors.empty()) fail("ok=false with no errors");
    if (!r.output.empty()) fail("ok=false with output", r.output);
  } else if (!r.errors.empty()) {
    fail("ok=true with errors (first: " + r.errors[0].code + " at \"" + r.errors[0].path +
         "\": " + r.errors[0].message + ")");
  }
  for (const auto* list : {&r.errors, &r.warnings}) {
    for (const Diagnostic& d : *list) {
      if (d.code.empty()) fail("diagnostic without a code: " + d.message);
      if (!d.path.empty() && d.path[0] != '/')
        fail("diagnostic path is not a JSON pointer: " + d.path);
    }
  }
}

// ---- op buffer ----

inline uint32_t read_u32(std::string_view s, size_t at) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data() + at);
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

// The serializer HtmlSink documents: text escapes & < > U+00A0; attribute values & " < > U+00A0.
inline void append_escaped(std::string& out, std::string_view s, bool attribute) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"' && attribute) {
      out += "&quot;";
    } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      out += "&nbsp;";
      ++i;
    } else {
      out.push_back(c);
    }
  }
}

// Decodes and checks an op buffer; returns the HTML the same tree serializes to.
inline std::string decode_ops(std::string_view buf) {
  if (buf.size() < 12) fail("op buffer shorter than its header", buf);
  if (read_u32(buf, 0) != broadsheet::kOpMagic) fail("op buffer: bad magic", buf);
  const uint64_t words = read_u32(buf, 4);
  const uint64_t bytes = read_u32(buf, 8);
  if (12 + words * 4 + bytes != buf.size()) {
    fail("op buffer: size " + std::to_string(buf.size()) + " != 12 + 4*" + std::to_string(words) +
         " + " + std::to_string(bytes));
  }
  const std::string_view strings = buf.substr(12 + words * 4);
  if (const size_t bad = find_bad_utf8(strings); bad != std::string_view::npos) {
    fail("op buffer: string region is not valid UTF-8 (or holds NUL)", strings, bad);
  }
  // UTF-16 unit index -> byte offset, at character boundaries.
  std::vector<uint32_t> unit_to_byte;
  {
    const auto* p = reinterpret_cast<const unsigned char*>(strings.data());
    size_t i = 0;
    while (i < strings.size()) {
      const size_t len = utf8_sequence(p + i, strings.size() - i);
      unit_to_byte.push_back(static_cast<uint32_t>(i));
      if (len == 4) unit_to_byte.push_back(UINT32_MAX);  // low surrogate: not a boundary
      i += len;
    }
    unit_to_byte.push_back(static_cast<uint32_t>(strings.size()));
  }
  const uint64_t total_units = unit_to_byte.size() - 1;

  std::string html;
  std::vector<Tag> stack;
  bool in_start = false;   // start tag written, '>' not yet
  bool attrs_ok = false;   // an attribute may follow (right after an open or another attr)
  bool void_open = false;  // a void element is open: only attrs, then its close
  // Every string's [start, start + length) in units. Strings may sit in any order (a heading's id
  // is written after its text), but together they must cover the region exactly once.
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  auto word = [&](uint64_t k) { return read_u32(buf, 12 + k * 4); };
  auto string_at = [&](uint64_t k, const char* what) {
    if (k + 2 >= words) fail(std::string("op buffer: ") + what + " op cut off");
    const uint64_t start = word(k + 1);
    const uint64_t length = word(k + 2);
    if (start + length > total_units)
      fail(std::string("op buffer: ") + what + " string past the end");
    const uint32_t b = unit_to_byte[start];
    const uint32_t e = unit_to_byte[start + length];
    if (b == UINT32_MAX || e == UINT32_MAX) {
      fail(std::string("op buffer: ") + what + " string splits a surrogate pair");
    }
    ranges.emplace_back(start, start + length);
    return strings.substr(b, e - b);
  };
  auto finish_start = [&]() {
    if (in_start) html.push_back('>');
    in_start = false;
  };
  for (uint64_t k = 0; k < words; ++k) {
    const uint32_t w = word(k);
    switch (w & 0xFF) {
      case broadsheet::kOpOpen: {
        const uint32_t t = w >> 8;
        if (t >= static_cast<uint32_t>(Tag::kCount))
          fail("op buffer: open of unknown tag " + std::to_string(t));
        if (void_open) fail("op buffer: content inside a void element");
        const Tag tag = static_cast<Tag>(t);
        finish_start();
        html.push_back('<');
        html += broadsheet::tag_name(tag);
        in_start = true;
        attrs_ok = true;
        void_open = is_void(tag);
        stack.push_back(tag);
        break;
      }
      case broadsheet::kOpAttr: {
        const uint32_t a = w >> 8;
        if (a >= static_cast<uint32_t>(Attr::kCount))
          fail("op buffer: unknown attribute " + std::to_string(a));
        if (!attrs_ok) fail("op buffer: attribute not right after an open");
        const std::string_view value = string_at(k, "attr");
        k += 2;
        html.push_back(' ');
        html += broadsheet::attr_name(static_cast<Attr>(a));
        html += "=\"";
        append_escaped(html, value, true);
        html.push_back('"');
        break;
      }
      case broadsheet::kOpText: {
        if (w != broadsheet::kOpText) fail("op buffer: text op with argument bits");
        if (void_open) fail("op buffer: text inside a void element");
        const std::string_view text = string_at(k, "text");
        k += 2;
        attrs_ok = false;
        const bool first_in_pre = in_start && !stack.empty() && stack.back() == Tag::Pre;
        finish_start();
        if (first_in_pre && !text.empty() && text[0] == '\n') html.push_back('\n');  // as HtmlSink
        append_escaped(html, text, false);
        break;
      }
      case broadsheet::kOpClose: {
        if (w != broadsheet::kOpClose) fail("op buffer: close op with argument bits");
        if (stack.empty()) fail("op buffer: close with nothing open");
        const Tag tag = stack.back();
        stack.pop_back();
        attrs_ok = false;
        void_open = false;
        finish_start();
        if (!is_void(tag)) {
          html += "</";
          html += broadsheet::tag_name(tag);
          html.push_back('>');
        }
        break;
      }
      default:
        fail("op buffer: unknown op word " + std::to_string(w) + " at word " + std::to_string(k));
    }
  }
  finish_start();
  if (!stack.empty()) fail("op buffer: elements left open at the end");
  std::sort(ranges.begin(), ranges.end());
  uint64_t covered = 0;
  for (const auto& [start, end] : ranges) {
    if (start < covered) fail("op buffer: two strings overlap at unit " + std::to_string(start));
    if (start > covered)
      fail("op buffer: units " + std::to_string(covered) + " to " + std::to_string(start) +
           " of the string region are unreferenced");
    covered = end;
  }
  if (covered != total_units) fail("op buffer: string region has unreferenced bytes at its end");
  return html;
}

inline void check_same(const std::string& from_ops, const std::string& html) {
  if (from_ops == html) return;
  size_t d = 0;
  while (d < from_ops.size() && d < html.size() && from_ops[d] == html[d]) ++d;
  std::fprintf(stderr, "\n  from ops: ...%s\n",
               printable(std::string_view(from_ops).substr(d > 80 ? d - 80 : 0, 240)).c_str());
  fail("the op buffer and the HTML sink disagree", html, d);
}

// ---- diagnostics ----

inline void same_errors(const Result& a, const Result& b) {
  if (a.ok != b.ok || a.errors.size() != b.errors.size()) {
    fail("validate_article and render_article_html disagree (ok " + std::to_string(a.ok) + "/" +
         std::to_string(b.ok) + ", errors " + std::to_string(a.errors.size()) + "/" +
         std::to_string(b.errors.size()) + ")");
  }
  for (size_t k = 0; k < a.errors.size(); ++k) {
    if (a.errors[k].code != b.errors[k].code || a.errors[k].path != b.errors[k].path) {
      fail("validate_article and render_article_html report different errors: " + a.errors[k].code +
           " " + a.errors[k].path + " / " + b.errors[k].code + " " + b.errors[k].path);
    }
  }
}

}  // namespace broadsheet_fuzz

#endif  // BROADSHEET_FUZZ_ORACLE_H
