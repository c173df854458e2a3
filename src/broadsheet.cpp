// broadsheet — the public entry points: parse, validate, lay out, write to a sink.
#include "broadsheet/broadsheet.h"

#include "article.h"
#include "bridge.h"
#include "json_tree.h"
#include "language.h"
#include "plan.h"
#include "render.h"
#include "writer.h"

namespace broadsheet {

namespace {

template <class Body>
Result write(bool ops, std::string_view site_url, ByteBuffer& out, Body body) {
  Result result;
  UrlPolicy urls(site_url);
  if (ops) {
    OpSink sink(out);
    Writer writer(sink, urls);
    body(writer, result.warnings);
    writer.close_to(0);
    sink.finish();
  } else {
    HtmlSink sink(out);
    Writer writer(sink, urls);
    body(writer, result.warnings);
    writer.close_to(0);
  }
  result.ok = true;
  return result;
}

bool parse(std::string_view input, const RenderOptions& options, Article& article, Result& failed) {
  return options.widget == Widget::kNone
             ? parse_article(input, article, failed.errors, failed.warnings)
             : parse_widget(input, options.widget, article, failed.errors, failed.warnings);
}

// The parser's warnings go before the render's.
void put_first(const Result& parsed, Result& result) {
  result.warnings.insert(result.warnings.begin(), parsed.warnings.begin(), parsed.warnings.end());
}

// Builds a Diagnostic from its parts in one place: a braced Diagnostic pushed back inline costs
// three string constructions at every call site in the size-optimized module.
[[gnu::noinline]] void add_error(std::vector<Diagnostic>& errors, const char* code,
                                 std::string path, const char* message) {
  errors.push_back({code, std::move(path), message});
}

// A render whose output would have passed kMaxOutputBytes (writer.h) fails: `out` is cut back to
// `floor`, the size it had before. The buffer started again from empty, so those first bytes may
// be written over: the bridge's result header, which it fills in again.
void within_limit(Result& result, ByteBuffer& out, size_t floor) {
  if (!g_output_overflowed) return;
  g_output_overflowed = false;
  out.commit(out.data() + floor);
  result.ok = false;
  result.warnings.clear();
  add_error(result.errors, "too_large", "", "output over 64 MiB");
}

// The public functions' output is a copy of what the sinks wrote; only the bridge avoids it.
Result copied(Result result, const ByteBuffer& out) {
  if (result.ok) result.output.assign(out.data(), out.size());
  return result;
}

}  // namespace

Result render_article(std::string_view input, const RenderOptions& options, bool ops,
                      ByteBuffer& out) {
  Article article;
  Result parsed;
  if (!parse(input, options, article, parsed)) return parsed;
  const size_t floor = out.size();
  Result result = write(ops, article.url.empty() ? article.site.url : article.url, out,
                        [&](Writer& w, std::vector<Diagnostic>& warnings) {
                          LayoutPlan plan;
                          plan_layout(article, options, plan);
                          render_page(article, plan, w, warnings);
                        });
  put_first(parsed, result);
  within_limit(result, out, floor);
  return result;
}

Result render_markdown(std::string_view markdown, const RenderOptions& options, bool ops,
                       ByteBuffer& out) {
  if (markdown.size() > (8u << 20)) {
    Result failed;
    add_error(failed.errors, "too_large", "", "Markdown larger than 8 MiB");
    return failed;
  }
  const size_t floor = out.size();
  Result result = write(ops, {}, out, [&](Writer& w, std::vector<Diagnostic>& warnings) {
    render_markdown_alone(markdown, w, options, warnings);
  });
  within_limit(result, out, floor);
  return result;
}

// Parses and checks the article, then renders only what can warn (check_body): no layout plan, no
// outline pass, no furniture, no output. The result equals a render's minus the output.
Result validate_article(std::string_view input) {
  Article article;
  Result parsed;
  if (!parse(input, RenderOptions{}, article, parsed)) return parsed;
  Result result;
  result.ok = true;
  check_body(article, article.trust == Trust::kUntrusted, result.warnings);
  put_first(parsed, result);
  return result;
}

Result render_article_html(std::string_view input, const RenderOptions& options) {
  ByteBuffer out;
  return copied(render_article(input, options, false, out), out);
}
Result render_article_ops(std::string_view input, const RenderOptions& options) {
  ByteBuffer out;
  return copied(render_article(input, options, true, out), out);
}
Result render_markdown_html(std::string_view markdown, const RenderOptions& options) {
  ByteBuffer out;
  return copied(render_markdown(markdown, options, false, out), out);
}
Result render_markdown_ops(std::string_view markdown, const RenderOptions& options) {
  ByteBuffer out;
  return copied(render_markdown(markdown, options, true, out), out);
}

bool parse_render_options(std::string_view input, RenderOptions& options,
                          std::vector<Diagnostic>& errors) {
  if (input.empty()) return true;
  JsonValue o;
  JsonParseError syntax;
  if (!parse_json(input, o, syntax) || !o.is_object()) {
    add_error(errors, "invalid_options", "", "options must be a JSON object");
    return false;
  }
  auto member = [&](const char* key) {
    const JsonValue* v = o.find(key);
    return v && !v->is_null() ? v : nullptr;
  };
  auto flag = [&](const char* key, bool& out) {
    const JsonValue* v = member(key);
    if (!v) return;
    if (!v->is_boolean()) {
      add_error(errors, "invalid_options", std::string("/") + key, "expected true or false");
      return;
    }
    out = v->boolean();
  };
  if (const JsonValue* v = member("trust")) {
    const std::string_view trust = v->is_string() ? v->string() : std::string_view();
    if (trust == "untrusted") {
      options.trust = Trust::kUntrusted;
    } else if (trust != "publisher") {
      add_error(errors, "invalid_options", "/trust", "expected \"publisher\" or \"untrusted\"");
    }
  }
  if (const JsonValue* v = member("excerptLength")) {
    if (!v->is_unsigned_integer() || v->unsigned_integer() > 100000) {
      add_error(errors, "invalid_options", "/excerptLength",
                "expected an integer from 0 to 100000 (0 keeps excerpts whole)");
    } else {
      options.excerpt_length = static_cast<unsigned>(v->unsigned_integer());
    }
  }
  if (const JsonValue* v = member("count")) {
    if (!v->is_unsigned_integer() || v->unsigned_integer() > 100) {
      add_error(errors, "invalid_options", "/count", "expected an integer from 0 to 100");
    } else {
      options.count = static_cast<unsigned>(v->unsigned_integer());
    }
  }
  if (const JsonValue* v = member("locale")) {
    if (v->is_string()) {
      options.locale = v->string();
    } else {
      add_error(errors, "invalid_options", "/locale", "expected a BCP 47 language tag");
    }
  }
  const size_t before_messages = errors.size();
  read_messages(o, options.messages, errors);
  for (size_t i = before_messages; i < errors.size(); ++i) errors[i].code = "invalid_options";
  if (const JsonValue* v = member("widget")) {
    const std::string_view name = v->is_string() ? v->string() : std::string_view();
    if (name == "related") {
      options.widget = Widget::kRelated;
    } else if (name == "latest") {
      options.widget = Widget::kLatest;
    } else if (name == "subscribe") {
      options.widget = Widget::kSubscribe;
    } else {
      add_error(errors, "invalid_options", "/widget",
                "expected \"related\", \"latest\" or \"subscribe\"");
    }
  }
  if (const JsonValue* v = member("toc")) {
    if (v->is_boolean()) {
      options.toc = v->boolean() ? Toc::kOn : Toc::kOff;
    } else if (v->is_string() && v->string() == "auto") {
      options.toc = Toc::kAuto;
    } else {
      add_error(errors, "invalid_options", "/toc", "expected true, false or \"auto\"");
    }
  }
  if (const JsonValue* v = member("layout")) {
    const std::string_view name = v->is_string() ? v->string() : std::string_view();
    if (name == "standard" || name == "single") {
      options.layout = name == "single" ? LayoutVariant::kSingle : LayoutVariant::kStandard;
    } else {
      add_error(errors, "invalid_options", "/layout", "expected \"standard\" or \"single\"");
    }
  }
  flag("related", options.related);
  flag("latest", options.latest);
  flag("subscribe", options.subscribe);
  return errors.empty();
}

namespace {

// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped, and
// any invalid UTF-8 (a syntax error message quotes the bytes it read) replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t end = i;
      while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80) ++end;
      append_clean_utf8(out, s.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  out.push_back('"');
}

void append_diagnostics(std::string& out, const char* name, const std::vector<Diagnostic>& list) {
  out += name;
  out.push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"code\":";
    append_json_string(out, list[i].code);
    out += ",\"message\":";
    append_json_string(out, list[i].message);
    out += ",\"path\":";
    append_json_string(out, list[i].path);
    out.push_back('}');
  }
  out.push_back(']');
}

}  // namespace

// Keys in alphabetical order, as the nlohmann/json serializer this replaced wrote them.
std::string diagnostics_json(const Result& result) {
  std::string out = "{";
  append_diagnostics(out, "\"errors\":", result.errors);
  out += result.ok ? ",\"ok\":true" : ",\"ok\":false";
  append_diagnostics(out, ",\"warnings\":", result.warnings);
  out.push_back('}');
  return out;
}

}  // namespace broadsheet
