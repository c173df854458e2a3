// broadsheet — libFuzzer harness for article JSON -> validate + render, through the public API
// (include/broadsheet/broadsheet.h).
//
// The whole input is the article JSON (the seeds are examples/*.json and
// tests/fuzz/article-corpus/, the dictionary tests/fuzz/article.dict holds the format's keys), so
// mutations stay close to real articles and reach the layout, not only the JSON parser. Render
// options vary with a hash of the input: every input is rendered with the defaults, and once more
// with options picked by the hash (untrusted, excerpt length, widgets off, count, one widget
// alone).
//
// Invariants, each checked by code that does not share broadsheet's logic:
//   - no crash, no ASan/UBSan report, no leak (the sanitizers);
//   - each Result is either ok with output and no errors, or not ok with errors and no output
//     (check_result in fuzz_oracle.h);
//   - every diagnostic is well formed: a snake_case code, a non-empty message, a path that is a
//     valid RFC 6901 JSON pointer in valid UTF-8;
//   - every path points into the input: nlohmann/json parses the input independently and the
//     pointer resolves in it, or, for "required", its parent is an object without that member. An
//     input nlohmann/json rejects must be rejected (invalid_json or too_large at "");
//   - validate_article, render_article_html and render_article_ops agree on ok and on the errors,
//     and on the warnings (validate renders only the body's Markdown and raw HTML, into nothing,
//     and must still find every warning a render gives);
//   - the HTML passes the strict reader in fuzz_oracle.h (policy tags and attributes only,
//     balanced, escaped, safe URL schemes, valid UTF-8) and is one <article> (one <div> for a
//     widget);
//   - the op buffer is structurally valid and builds the same tree as the HTML (decode_ops);
//   - diagnostics_json is JSON that nlohmann/json reads back to the same ok, errors and warnings;
//   - the same input gives the same output, errors and warnings on a second call.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"
#include "fuzz_oracle.h"

namespace {

using namespace broadsheet_fuzz;
using json = nlohmann::json;

// ---- diagnostics ----

bool is_snake_case(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The reference tokens of a JSON pointer (RFC 6901), unescaped; false when `path` is not one.
bool pointer_tokens(std::string_view path, std::vector<std::string>& tokens) {
  tokens.clear();
  if (path.empty()) return true;
  if (path[0] != '/') return false;
  std::string token;
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      tokens.push_back(token);
      token.clear();
    } else if (path[i] == '~') {
      if (i + 1 >= path.size() || (path[i + 1] != '0' && path[i + 1] != '1')) return false;
      token.push_back(path[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      token.push_back(path[i]);
    }
  }
  return true;
}

// An array index as RFC 6901 spells it: "0" or digits without a leading zero.
bool array_index(const std::string& token, size_t size, size_t& index) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  index = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    index = index * 10 + static_cast<size_t>(c - '0');
  }
  return index < size;
}

// The value `tokens[0..count)` points to in `doc`, or nullptr.
const json* resolve(const json& doc, const std::vector<std::string>& tokens, size_t count) {
  const json* at = &doc;
  for (size_t k = 0; k < count; ++k) {
    if (at->is_object()) {
      const auto it = at->find(tokens[k]);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      size_t index;
      if (!array_index(tokens[k], at->size(), index)) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
  }
  return at;
}

// `doc` is the input as nlohmann/json read it, nullptr when it did not parse.
void check_diagnostics(const Result& r, const json* doc) {
  std::vector<std::string> tokens;
  for (const auto* list : {&r.errors, &r.warnings}) {
    for (const Diagnostic& d : *list) {
      const std::string where = "[" + d.code + " at \"" + printable(d.path) + "\"] ";
      if (!is_snake_case(d.code)) fail("diagnostic code is not snake_case: " + where);
      if (d.message.empty()) fail("diagnostic without a message: " + where);
      if (find_bad_utf8(d.message) != std::string_view::npos)
        fail("diagnostic message is not valid UTF-8: " + where, d.message);
      if (find_bad_utf8(d.path) != std::string_view::npos)
        fail("diagnostic path is not valid UTF-8: " + where, d.path);
      if (!pointer_tokens(d.path, tokens)) fail("diagnostic path is not a JSON pointer: " + where);
      if (doc == nullptr) {
        if (!d.path.empty()) fail("input nlohmann/json rejects, diagnostic with a path: " + where);
        continue;
      }
      if (resolve(*doc, tokens, tokens.size()) != nullptr) continue;
      const json* parent = tokens.empty() ? nullptr : resolve(*doc, tokens, tokens.size() - 1);
      if (d.code == "required" && parent != nullptr && parent->is_object()) continue;
      fail("diagnostic path does not point into the input: " + where);
    }
  }
}

void same_diagnostics(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b,
                      const char* what) {
  if (a.size() != b.size()) {
    fail(std::string(what) + ": " + std::to_string(a.size()) + " against " +
         std::to_string(b.size()));
  }
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k].code != b[k].code || a[k].path != b[k].path || a[k].message != b[k].message) {
      fail(std::string(what) + ": " + a[k].code + " " + printable(a[k].path) + " against " +
           b[k].code + " " + printable(b[k].path));
    }
  }
}

void same_result(const Result& a, const Result& b, const char* what) {
  if (a.ok != b.ok) fail(std::string(what) + ": ok differs");
  same_diagnostics(a.errors, b.errors, what);
  same_diagnostics(a.warnings, b.warnings, what);
  if (a.output != b.output) fail(std::string(what) + ": output differs", a.output);
}

// diagnostics_json, read back by an independent parser.
void check_diagnostics_json(const Result& r) {
  g_what = "diagnostics_json";
  const std::string text = broadsheet::diagnostics_json(r);
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) fail("not a JSON object", text);
  const auto ok = parsed.find("ok");
  if (ok == parsed.end() || !ok->is_boolean() || ok->get<bool>() != r.ok)
    fail("\"ok\" missing or different", text);
  const std::pair<const char*, const std::vector<Diagnostic>*> lists[] = {
      {"errors", &r.errors}, {"warnings", &r.warnings}};
  for (const auto& [name, list] : lists) {
    const auto it = parsed.find(name);
    if (it == parsed.end() || !it->is_array() || it->size() != list->size())
      fail(std::string("\"") + name + "\" missing or of another length", text);
    for (size_t k = 0; k < list->size(); ++k) {
      const json& d = (*it)[k];
      const Diagnostic& expected = (*list)[k];
      for (const auto& [field, value] :
           {std::pair{"code", &expected.code}, std::pair{"path", &expected.path},
            std::pair{"message", &expected.message}}) {
        const auto f = d.find(field);
        if (f == d.end() || !f->is_string() || f->get<std::string>() != *value) {
          fail(std::string("\"") + name + "\"[" + std::to_string(k) + "]." + field + " differs",
               text);
        }
      }
    }
  }
}

// ---- output ----

void check_root(const std::string& html, bool widget) {
  const std::string_view open = widget ? "<div class=\"bs-widget\"" : "<article";
  const std::string_view close = widget ? "</div>" : "</article>";
  if (html.compare(0, open.size(), open) != 0 || html.size() < close.size() ||
      html.compare(html.size() - close.size(), close.size(), close) != 0) {
    fail("output is not one " + std::string(widget ? "widget <div>" : "<article>"), html);
  }
}

// A 32-bit FNV-1a hash of the input: picks the second set of render options.
uint32_t input_hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

RenderOptions options_from(uint32_t h) {
  RenderOptions o;
  if (h & 1) o.trust = broadsheet::Trust::kUntrusted;
  static constexpr unsigned kExcerpts[] = {160, 0, 1, 20};
  o.excerpt_length = kExcerpts[(h >> 1) & 3];
  o.related = (h & 8) == 0;
  o.latest = (h & 16) == 0;
  o.subscribe = (h & 32) == 0;
  o.count = (h >> 6) & 3;  // 0 keeps the article's own count
  static constexpr broadsheet::Widget kWidgets[] = {
      broadsheet::Widget::kNone,   broadsheet::Widget::kNone,     broadsheet::Widget::kNone,
      broadsheet::Widget::kNone,   broadsheet::Widget::kNone,     broadsheet::Widget::kRelated,
      broadsheet::Widget::kLatest, broadsheet::Widget::kSubscribe};
  o.widget = kWidgets[(h >> 8) & 7];
  return o;
}

void check_article(std::string_view input) {
  const json parsed = json::parse(input.begin(), input.end(), nullptr, /*allow_exceptions=*/false);
  const json* doc = parsed.is_discarded() ? nullptr : &parsed;

  g_what = "validate_article";
  const Result v = broadsheet::validate_article(input);
  check_result(v);
  check_diagnostics(v, doc);
  if (!v.output.empty()) fail("validate_article returned output", v.output);
  if (doc == nullptr && v.ok) fail("accepted an input nlohmann/json rejects");
  if (doc != nullptr && !doc->is_object() && v.ok) fail("accepted a document that is no object");
  check_diagnostics_json(v);

  const RenderOptions defaults;
  g_what = "render_article_html";
  const Result h = broadsheet::render_article_html(input, defaults);
  check_result(h);
  check_diagnostics(h, doc);
  same_errors(v, h);
  same_diagnostics(v.warnings, h.warnings, "warnings of validate_article and render_article_html");
  g_what = "render_article_html, second call";
  same_result(h, broadsheet::render_article_html(input, defaults), g_what);

  g_what = "render_article_ops";
  const Result p = broadsheet::render_article_ops(input, defaults);
  check_result(p);
  same_errors(v, p);
  same_diagnostics(h.warnings, p.warnings, "warnings of render_article_html and _ops");

  if (h.ok) {
    g_what = "render_article_html";
    check_html(h.output);
    check_root(h.output, false);
    g_what = "render_article_ops";
    check_same(decode_ops(p.output), h.output);
  }

  const RenderOptions varied = options_from(input_hash(input));
  const bool widget = varied.widget != broadsheet::Widget::kNone;
  g_what = widget ? "render_article_html (one widget)" : "render_article_html (other options)";
  const Result w = broadsheet::render_article_html(input, varied);
  check_result(w);
  check_diagnostics(w, doc);
  // A widget render reads only the widget's object, so its errors may differ from validate's.
  if (!widget) same_errors(v, w);
  if (w.ok) {
    check_html(w.output);
    check_root(w.output, widget);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tree = std::getenv("BROADSHEET_FUZZ_TREE");
  g_tree_checks = tree != nullptr && std::strcmp(tree, "1") == 0;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_article(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
