// broadsheet — article JSON -> typed Article, with every problem reported at its JSON pointer.
#include "article.h"

#include "ascii.h"
#include "json_tree.h"
#include "language.h"
#include "url_policy.h"

namespace broadsheet {

namespace {

// Limits that keep a hostile document from exhausting the instance; each is far above what a real
// article needs. (Nesting is bounded by the parser: kMaxJsonNesting in json_tree.h.)
constexpr size_t kMaxInputBytes = 8u << 20;
constexpr size_t kMaxTextBytes = kMaxInputBytes;  // one string field (a Markdown body included)
constexpr size_t kMaxListItems = 1000;            // body blocks, stories, tags …

const char* type_name(const JsonValue& v) {
  switch (v.type()) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kObject:
      return "an object";
    case JsonValue::Type::kArray:
      return "an array";
    case JsonValue::Type::kString:
      return "a string";
    case JsonValue::Type::kBoolean:
      return "a boolean";
    case JsonValue::Type::kNumber:
      return "a number";
  }
  return "an unsupported value";
}

// "300x250": each side 1-4000 pixels; `height` gets the second.
bool parse_ad_size(std::string_view s, uint32_t& height) {
  uint32_t sides[2] = {0, 0};
  size_t side = 0, digits = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_ascii_digit(s[i])) {
      if (++digits > 4) return false;
      sides[side] = sides[side] * 10 + static_cast<uint32_t>(s[i] - '0');
      continue;
    }
    if (digits == 0 || sides[side] == 0 || sides[side] > 4000) return false;
    if (i == s.size()) break;
    if (s[i] != 'x' || side == 1) return false;
    side = 1;
    digits = 0;
  }
  height = sides[1];
  return side == 1;
}

// ISO 8601 calendar date, optionally with a time and zone: 2024-11-08, 2024-11-08T10:00:00Z,
// 2024-11-08T10:00:00.5+01:00.
bool valid_datetime(std::string_view s) {
  auto digits = [&](size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
      if (!is_ascii_digit(s[i])) return false;
    }
    return true;
  };
  if (!digits(0, 4) || s.size() < 10 || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2)) {
    return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (s.size() == 10) return true;
  // Two digits at `at` that read as a number no greater than `max` (an hour, minute, second).
  auto two_digits = [&](size_t at, int max) {
    return digits(at, 2) && (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
  };
  if ((s[10] != 'T' && s[10] != ' ') || !two_digits(11, 23) || s.size() < 16 || s[13] != ':' ||
      !two_digits(14, 59)) {
    return false;
  }
  size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!two_digits(i + 1, 60)) return false;  // 60: a leap second
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || !is_ascii_digit(s[i])) return false;
      while (i < s.size() && is_ascii_digit(s[i])) ++i;
    }
  }
  if (i == s.size()) return true;
  if (s[i] == 'Z') return i + 1 == s.size();
  if (s[i] == '+' || s[i] == '-') {
    return s.size() == i + 6 && two_digits(i + 1, 23) && s[i + 3] == ':' && two_digits(i + 4, 59);
  }
  return false;
}

class Reader {
 public:
  Reader(std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings)
      : errors_(errors), warnings_(warnings) {}

  // Paths and messages arrive as views: most are literals, and a view costs the call site nothing
  // where a std::string parameter is built and destroyed at every call.
  void error(const char* code, std::string_view path, std::string_view message) {
    errors_.push_back({code, std::string(path), std::string(message)});
  }
  void warn(const char* code, std::string_view path, std::string_view message) {
    warnings_.push_back({code, std::string(path), std::string(message)});
  }
  void wrong_type(const JsonValue& v, std::string_view path, const char* expected) {
    error("invalid_type", path, std::string("expected ") + expected + ", got " + type_name(v));
  }

  // Member `key` of `obj`, or nullptr when absent (or null, which means the same here).
  static const JsonValue* member(const JsonValue& obj, const char* key) {
    const JsonValue* v = obj.find(key);
    return v && !v->is_null() ? v : nullptr;
  }

  bool object(const JsonValue* v, std::string_view path) {
    if (!v) return false;
    if (!v->is_object()) {
      wrong_type(*v, path, "an object");
      return false;
    }
    return true;
  }

  // Reads a string member. Returns false when absent or wrong (an error is recorded when wrong,
  // or when absent and required).
  bool text(const JsonValue& obj, const char* key, std::string_view parent, std::string& out,
            bool required = false) {
    const std::string path = pointer_append(parent, key);
    const JsonValue* v = member(obj, key);
    if (!v) {
      if (required) error("required", path, std::string("\"") + key + "\" is required");
      return false;
    }
    if (!v->is_string()) {
      wrong_type(*v, path, "a string");
      return false;
    }
    const std::string& s = v->string();
    if (s.size() > kMaxTextBytes) {
      error("too_large", path, "text longer than 8 MiB");
      return false;
    }
    out = s;
    return true;
  }

  // A URL member: like text(), plus a warning when the URL policy will drop it.
  bool url(const JsonValue& obj, const char* key, std::string_view parent, std::string& out,
           bool required = false) {
    if (!text(obj, key, parent, out, required)) return false;
    CheckedUrl checked;
    if (!urls_.check(out, checked)) {
      warn("unsafe_url", pointer_append(parent, key),
           "URL scheme not allowed (only http, https, mailto, tel and relative URLs); dropped");
    }
    return true;
  }

  bool date(const JsonValue& obj, const char* key, std::string_view parent, std::string& out) {
    if (!text(obj, key, parent, out)) return false;
    if (!valid_datetime(out)) {
      error("invalid_value", pointer_append(parent, key),
            "expected an ISO 8601 date (2024-11-08) or date-time (2024-11-08T10:00:00Z)");
      out.clear();
      return false;
    }
    return true;
  }

  bool integer(const JsonValue& obj, const char* key, std::string_view parent, uint32_t& out,
               uint32_t min, uint32_t max) {
    const std::string path = pointer_append(parent, key);
    const JsonValue* v = member(obj, key);
    if (!v) return false;
    if (!v->is_number()) {
      wrong_type(*v, path, "an integer");
      return false;
    }
    const double d = v->number();
    // Range first: converting a double outside long long's range (1e20) is undefined behaviour.
    if (d < min || d > max || d != static_cast<double>(static_cast<long long>(d))) {
      error("invalid_value", path,
            "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
      return false;
    }
    out = static_cast<uint32_t>(d);
    return true;
  }

  // "sizes": ["300x250", "336x280"]: creative sizes an ad slot accepts, 1 to 20 of them.
  void ad_sizes(const JsonValue& obj, std::string_view parent, AdSizes& out) {
    const JsonValue* v = member(obj, "sizes");
    if (!v) return;
    const std::string path = pointer_append(parent, "sizes");
    if (!v->is_array() || v->size() == 0 || v->size() > 20) {
      error(v->is_array() ? "invalid_value" : "invalid_type", path,
            "expected an array of 1 to 20 sizes like \"300x250\"");
      return;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      const JsonValue& item = (*v)[i];
      uint32_t height = 0;
      if (!item.is_string() || !parse_ad_size(item.string(), height)) {
        error(item.is_string() ? "invalid_value" : "invalid_type",
              pointer_append(path, std::to_string(i)),
              "expected WIDTHxHEIGHT in pixels, 1 to 4000 each, like \"300x250\"");
      } else {
        if (!out.list.empty()) out.list.push_back(',');
        out.list += item.string();
        if (height > out.height) out.height = height;
      }
    }
  }

  bool one_of(const JsonValue& obj, const char* key, std::string_view parent, std::string& out,
              std::initializer_list<const char*> allowed) {
    if (!text(obj, key, parent, out)) return false;
    std::string list;
    for (const char* a : allowed) {
      if (out == a) return true;
      if (!list.empty()) list += ", ";
      list += std::string("\"") + a + "\"";
    }
    error("invalid_value", pointer_append(parent, key), "expected one of " + list);
    out.clear();
    return false;
  }

  // An array member; calls each(item, path) for every element.
  template <class Fn>
  void array(const JsonValue& obj, const char* key, std::string_view parent, Fn each) {
    const std::string path = pointer_append(parent, key);
    const JsonValue* v = member(obj, key);
    if (!v) return;
    if (!v->is_array()) {
      wrong_type(*v, path, "an array");
      return;
    }
    if (v->size() > kMaxListItems) {
      error("too_large", path, "more than 1000 items");
      return;
    }
    for (size_t i = 0; i < v->size(); ++i) each((*v)[i], pointer_append(path, std::to_string(i)));
  }

  bool link(const JsonValue& v, std::string_view path, Link& out, const char* label_key) {
    if (!object(&v, path)) return false;
    const bool has_label = text(v, label_key, path, out.label, true);
    url(v, "url", path, out.url);
    return has_label;
  }

  void links(const JsonValue& obj, const char* key, std::string_view parent, std::vector<Link>& out,
             const char* label_key) {
    array(obj, key, parent, [&](const JsonValue& item, std::string_view path) {
      Link l;
      if (link(item, path, l, label_key)) out.push_back(std::move(l));
    });
  }

  bool image(const JsonValue* v, std::string_view path, Image& out) {
    if (!object(v, path)) return false;
    bool ok = url(*v, "src", path, out.src, true);
    ok = text(*v, "alt", path, out.alt, true) && ok;
    text(*v, "srcset", path, out.srcset);
    text(*v, "caption", path, out.caption);
    text(*v, "credit", path, out.credit);
    integer(*v, "width", path, out.width, 1, 10000);
    integer(*v, "height", path, out.height, 1, 10000);
    out.present = ok;
    return ok;
  }

  bool story(const JsonValue& v, std::string_view path, Story& out) {
    if (!object(&v, path)) return false;
    bool ok = text(v, "headline", path, out.headline, true);
    ok = url(v, "url", path, out.url, true) && ok;
    text(v, "excerpt", path, out.excerpt);
    text(v, "id", path, out.id);
    date(v, "published", path, out.published);
    image(member(v, "image"), pointer_append(path, "image"), out.image);
    return ok;
  }

  void stories(const JsonValue& obj, const char* key, std::string_view parent,
               std::vector<Story>& out) {
    array(obj, key, parent, [&](const JsonValue& item, std::string_view path) {
      Story s;
      if (story(item, path, s)) out.push_back(std::move(s));
    });
  }

  void story_list(const JsonValue* v, std::string_view path, StoryList& out) {
    if (!object(v, path)) return;
    out.present = true;
    text(*v, "title", path, out.title);
    integer(*v, "count", path, out.count, 1, 100);
    stories(*v, "items", path, out.items);
  }

  void block(const JsonValue& v, std::string_view path, std::vector<Block>& out) {
    if (!object(&v, path)) return;
    std::string type;
    if (!text(v, "type", path, type, true)) return;
    Block b;
    b.path = path;
    text(v, "id", path, b.id);
    text(v, "lang", path, b.lang);
    one_of(v, "dir", path, b.dir, {"ltr", "rtl", "auto"});
    if (type == "markdown") {
      b.type = BlockType::kMarkdown;
      if (!text(v, "text", path, b.text, true)) return;
    } else if (type == "image") {
      b.type = BlockType::kImage;
      if (!image(&v, path, b.image)) return;
    } else if (type == "gallery") {
      b.type = BlockType::kGallery;
      array(v, "images", path, [&](const JsonValue& item, std::string_view p) {
        Image img;
        if (image(&item, p, img)) b.images.push_back(std::move(img));
      });
    } else if (type == "pullquote") {
      b.type = BlockType::kPullquote;
      if (!text(v, "text", path, b.text, true)) return;
      text(v, "attribution", path, b.attribution);
    } else if (type == "embed") {
      b.type = BlockType::kEmbed;
      // Without a provider the block has nothing to render; say so instead of dropping it.
      if (!Reader::member(v, "provider")) {
        error("required", pointer_append(path, "provider"), "\"provider\" is required");
      }
      bool ok = one_of(v, "provider", path, b.provider,
                       {"youtube", "vimeo", "twitter", "instagram", "spotify"});
      ok = url(v, "url", path, b.url, true) && ok;
      text(v, "title", path, b.title);
      if (!ok) return;
    } else if (type == "ad") {
      b.type = BlockType::kAd;
      text(v, "slot", path, b.slot);
      ad_sizes(v, path, b.sizes);
    } else if (type == "related") {
      b.type = BlockType::kRelated;
      text(v, "title", path, b.title);
      stories(v, "items", path, b.items);
    } else if (type == "html") {
      b.type = BlockType::kHtml;
      if (!text(v, "html", path, b.text, true)) return;
    } else if (type == "divider") {
      b.type = BlockType::kDivider;
    } else {
      warn("unknown_block", pointer_append(path, "type"),
           "unknown block type \"" + type + "\"; skipped");
      return;
    }
    out.push_back(std::move(b));
  }

  void subscribe(const JsonValue* sub, std::string_view path, Subscribe& s) {
    if (!object(sub, path)) return;
    text(*sub, "title", path, s.title);
    text(*sub, "cta", path, s.cta);
    text(*sub, "label", path, s.label);
    text(*sub, "placeholder", path, s.placeholder);
    array(*sub, "benefits", path, [&](const JsonValue& item, std::string_view p) {
      if (item.is_string()) {
        s.benefits.push_back(item.string());
      } else {
        wrong_type(item, p, "a string");
      }
    });
    s.present = url(*sub, "action", path, s.action, true);
  }

  void set_site(std::string_view url) { urls_ = UrlPolicy(url); }

 private:
  std::vector<Diagnostic>& errors_;
  std::vector<Diagnostic>& warnings_;
  UrlPolicy urls_;
};

}  // namespace

std::string pointer_append(std::string_view path, std::string_view token) {
  std::string out(path);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

// "line L, column C (byte B)" of the byte the JSON parser stopped at (B counts from 1; columns
// count bytes, as the parser does): a person fixes a file by line and column, a program by byte.
std::string input_position(std::string_view input, size_t byte) {
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i + 1 < byte && i < input.size(); ++i) {
    if (input[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(byte - line_start) +
         " (byte " + std::to_string(byte) + ")";
}

// Parses the document into `root`; false (with an error) unless it is a JSON object.
bool parse_root(std::string_view input, JsonValue& root, Reader& r) {
  if (input.size() > kMaxInputBytes) {
    r.error("too_large", "", "article JSON larger than 8 MiB");
    return false;
  }
  JsonParseError syntax;
  if (!parse_json(input, root, syntax)) {
    if (syntax.too_deep) {
      r.error("too_large", "", "JSON nested deeper than 64 levels");
    } else {
      // nlohmann states the position only for some errors ("parse error at line 1, column 9: …",
      // not "number overflow …"): drop its own and state ours for every one.
      std::string_view what = syntax.message;
      if (what.rfind("parse error", 0) == 0 && what.find(": ") != std::string_view::npos) {
        what.remove_prefix(what.find(": ") + 2);
      }
      r.error("invalid_json", "",
              "not valid JSON at " + input_position(input, syntax.byte) + ": " + std::string(what));
    }
    return false;
  }
  if (!root.is_object()) {
    r.wrong_type(root, "", "an object");
    return false;
  }
  return true;
}

bool read_article(const JsonValue& root, Article& a, Reader& r, std::vector<Diagnostic>& errors);

}  // namespace

void read_messages(const JsonValue& parent, Messages& out, std::vector<Diagnostic>& errors) {
  std::vector<Diagnostic> warnings;  // text() has none
  Reader r(errors, warnings);
  const JsonValue* m = Reader::member(parent, "messages");
  if (!r.object(m, "/messages")) return;
  std::string_view name, english;
  for (const char* at = kLabels; *at;) {
    at = read_label(at, name, english);
    std::string text;
    if (r.text(*m, name.data(), "/messages", text)) {
      out.push_back(std::string(name));
      out.push_back(text);
    }
  }
}

bool parse_widget(std::string_view input, Widget widget, Article& a,
                  std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings) {
  Reader r(errors, warnings);
  JsonValue root;
  if (!parse_root(input, root, r)) return false;
  // A whole article feeds a widget as well as the widget's own configuration does.
  if (root.find("headline") != nullptr) return read_article(root, a, r, errors);
  r.url(root, "url", "", a.url);
  r.set_site(a.url);
  r.text(root, "id", "", a.id);
  switch (widget) {
    case Widget::kRelated:
      r.story_list(&root, "", a.related);
      break;
    case Widget::kLatest:
      r.story_list(&root, "", a.latest);
      break;
    case Widget::kSubscribe:
      r.subscribe(&root, "", a.subscribe);
      break;
    case Widget::kNone:
      break;
  }
  return errors.empty();
}

bool parse_article(std::string_view input, Article& a, std::vector<Diagnostic>& errors,
                   std::vector<Diagnostic>& warnings) {
  Reader r(errors, warnings);
  JsonValue root;
  if (!parse_root(input, root, r)) return false;
  return read_article(root, a, r, errors);
}

namespace {

bool read_article(const JsonValue& root, Article& a, Reader& r, std::vector<Diagnostic>& errors) {
  std::string version;
  if (r.text(root, "version", "", version)) {
    size_t dot = version.find('.');
    bool digits = dot != std::string::npos && dot > 0 && dot + 1 < version.size();
    for (size_t i = 0; digits && i < version.size(); ++i) {
      if (i != dot && !is_ascii_digit(version[i])) digits = false;
    }
    if (!digits) {
      r.error("invalid_value", "/version", "expected a version like \"1.0\"");
    } else if (version.substr(0, dot) != "1") {
      r.error("unsupported_version", "/version",
              "article format " + version + " is not supported; this broadsheet reads 1.x");
      return false;
    }
  }

  r.url(root, "url", "", a.url);
  r.set_site(a.url);
  r.text(root, "id", "", a.id);
  r.text(root, "lang", "", a.lang);
  r.one_of(root, "dir", "", a.dir, {"ltr", "rtl", "auto"});
  std::string trust;
  if (r.one_of(root, "trust", "", trust, {"publisher", "untrusted"})) {
    a.trust = trust == "untrusted" ? Trust::kUntrusted : Trust::kPublisher;
  }

  if (const JsonValue* site = Reader::member(root, "site"); r.object(site, "/site")) {
    r.text(*site, "name", "/site", a.site.label);
    r.url(*site, "url", "/site", a.site.url);
  }
  if (const JsonValue* tb = Reader::member(root, "topbar"); r.object(tb, "/topbar")) {
    a.topbar.present = true;
    r.text(*tb, "location", "/topbar", a.topbar.location);
    r.date(*tb, "date", "/topbar", a.topbar.date);
    if (const JsonValue* t = Reader::member(*tb, "temperature");
        r.object(t, "/topbar/temperature")) {
      const JsonValue* value = Reader::member(*t, "value");
      if (!value) {
        r.error("required", "/topbar/temperature/value", "\"value\" is required");
      } else if (!value->is_number()) {
        r.wrong_type(*value, "/topbar/temperature/value", "a number");
      } else {
        a.topbar.has_temperature = true;
        a.topbar.temperature = value->number();
        a.topbar.unit = "C";
        r.one_of(*t, "unit", "/topbar/temperature", a.topbar.unit, {"C", "F"});
        if (a.topbar.unit.empty()) a.topbar.unit = "C";
      }
    }
  }
  r.links(root, "breadcrumbs", "", a.breadcrumbs, "label");
  r.text(root, "headline", "", a.headline, true);
  r.text(root, "dek", "", a.dek);
  r.links(root, "authors", "", a.authors, "name");
  r.date(root, "published", "", a.published);
  r.date(root, "modified", "", a.modified);
  r.image(Reader::member(root, "hero"), "/hero", a.hero);

  if (const JsonValue* body = Reader::member(root, "body")) {
    if (body->is_string()) {
      Block b;
      b.path = "/body";
      r.text(root, "body", "", b.text);
      a.body.push_back(std::move(b));
    } else if (body->is_array()) {
      r.array(root, "body", "",
              [&](const JsonValue& item, std::string_view path) { r.block(item, path, a.body); });
    } else {
      r.wrong_type(*body, "/body", "a Markdown string or an array of blocks");
    }
  }

  if (const JsonValue* src = Reader::member(root, "source"); r.object(src, "/source")) {
    a.has_source = r.link(*src, "/source", a.source, "name");
  }
  r.links(root, "tags", "", a.tags, "name");
  r.story_list(Reader::member(root, "related"), "/related", a.related);
  r.story_list(Reader::member(root, "latest"), "/latest", a.latest);

  r.subscribe(Reader::member(root, "subscribe"), "/subscribe", a.subscribe);
  if (const JsonValue* ads = Reader::member(root, "ads"); r.object(ads, "/ads")) {
    if (!Reader::member(*ads, "every")) {
      r.error("required", "/ads/every", "\"every\" is required");
    }
    r.integer(*ads, "every", "/ads", a.ads.every, 1, 1000);
    r.integer(*ads, "after", "/ads", a.ads.after, 0, 1000);
    a.ads.has_max = r.integer(*ads, "max", "/ads", a.ads.max, 0, 1000);
    r.text(*ads, "label", "/ads", a.ads.label);
    r.ad_sizes(*ads, "/ads", a.ads.sizes);
  }
  if (const JsonValue* toc = Reader::member(root, "toc")) {
    if (toc->is_boolean()) {
      a.toc = toc->boolean() ? Toc::kOn : Toc::kOff;
    } else if (toc->is_string() && toc->string() == "auto") {
      a.toc = Toc::kAuto;
    } else if (toc->is_string()) {
      r.error("invalid_value", "/toc", "expected true, false or \"auto\"");
    } else {
      r.wrong_type(*toc, "/toc", "true, false or \"auto\"");
    }
  }
  r.text(root, "timezone", "", a.timezone);
  read_messages(root, a.messages, errors);
  std::string layout;
  if (r.one_of(root, "layout", "", layout, {"standard", "single"})) {
    a.layout = layout == "single" ? LayoutVariant::kSingle : LayoutVariant::kStandard;
  }
  return errors.empty();
}

}  // namespace

}  // namespace broadsheet
