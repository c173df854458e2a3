// broadsheet — HtmlSanitizer: raw HTML through the allowlist in policy.h.
#include "sanitizer.h"

#include "ascii.h"
#include "broadsheet/policy.h"

namespace broadsheet {
namespace {

using Model = HtmlTokenizer::ContentModel;

struct DroppedElement {
  std::string_view name;
  Model model;
};

#define BROADSHEET_DROPPED_ROW(name, model) {name, Model::model},
constexpr DroppedElement kDropped[] = {BROADSHEET_DROPPED_ELEMENTS(BROADSHEET_DROPPED_ROW)};
#undef BROADSHEET_DROPPED_ROW

// feed() looks for a dropped element only when the name is not an allowed one.
constexpr bool dropped_never_allowed() {
#define BROADSHEET_ALLOWED_CHECK(id, html_name, flags)                        \
  for (const DroppedElement& d : kDropped) {                                  \
    if (((flags)&kTagUserContent) && d.name == std::string_view(html_name)) { \
      return false;                                                           \
    }                                                                         \
  }
  BROADSHEET_TAGS(BROADSHEET_ALLOWED_CHECK)
#undef BROADSHEET_ALLOWED_CHECK
  return true;
}
static_assert(dropped_never_allowed(), "an element cannot be both allowed and dropped");

const DroppedElement* find_dropped(std::string_view name) {
  for (const auto& d : kDropped) {
    if (same_name(d.name, name)) return &d;
  }
  return nullptr;
}

constexpr size_t kMaxWarnings = 50;

// Phrasing content: the only elements allowed inside a Markdown paragraph, heading or table cell,
// where a block element would make the browser close the paragraph and restructure the tree.
bool is_phrasing(Tag t) {
  switch (t) {
    case Tag::A:
    case Tag::Abbr:
    case Tag::B:
    case Tag::Br:
    case Tag::Cite:
    case Tag::Code:
    case Tag::Del:
    case Tag::Dfn:
    case Tag::Em:
    case Tag::I:
    case Tag::Img:
    case Tag::Ins:
    case Tag::Kbd:
    case Tag::Mark:
    case Tag::Q:
    case Tag::Rp:
    case Tag::Rt:
    case Tag::Ruby:
    case Tag::S:
    case Tag::Samp:
    case Tag::Small:
    case Tag::Span:
    case Tag::Strong:
    case Tag::Sub:
    case Tag::Sup:
    case Tag::Time:
    case Tag::U:
    case Tag::Var:
    case Tag::Wbr:
      return true;
    default:
      return false;
  }
}

// Start tags before which an HTML parser closes an open <p> ("close a p element").
bool closes_p(Tag t) {
  switch (t) {
    case Tag::Blockquote:
    case Tag::Details:
    case Tag::Div:
    case Tag::Dl:
    case Tag::Dd:
    case Tag::Dt:
    case Tag::Figcaption:
    case Tag::Figure:
    case Tag::H2:
    case Tag::H3:
    case Tag::H4:
    case Tag::H5:
    case Tag::H6:
    case Tag::Hr:
    case Tag::Li:
    case Tag::Ol:
    case Tag::P:
    case Tag::Pre:
    case Tag::Table:
    case Tag::Ul:
    case Tag::Summary:
      return true;
    default:
      return false;
  }
}

bool is_heading(Tag t) {
  return t == Tag::H1 || t == Tag::H2 || t == Tag::H3 || t == Tag::H4 || t == Tag::H5 ||
         t == Tag::H6;
}

// Table structure elements, where any other content would be moved out ("foster parenting").
bool is_table_structure(Tag t) {
  return t == Tag::Table || t == Tag::Thead || t == Tag::Tbody || t == Tag::Tfoot || t == Tag::Tr;
}

bool is_table_section(Tag t) { return t == Tag::Thead || t == Tag::Tbody || t == Tag::Tfoot; }

// Elements that stop an <li>/<dd>/<dt> start tag from closing an open item further out
// (the parser's "special" category, less address, div and p).
bool stops_item_search(Tag t) { return !is_phrasing(t) && t != Tag::Div && t != Tag::P; }

// Containers that may stay open across Markdown blocks ("<div>\n\n*text*\n\n</div>"): Markdown
// blocks inside them parse back to the same tree.
bool is_flow_container(Tag t) {
  return t == Tag::Div || t == Tag::Details || t == Tag::Blockquote || t == Tag::Figure;
}

// Body headings start at h2 (h1 is the headline): raw <h1> becomes <h2>; other levels are kept as
// the author wrote them, so sanitizing broadsheet's own output again changes nothing.
Tag shift_heading(Tag t) { return t == Tag::H1 ? Tag::H2 : t; }

bool is_whitespace(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
  }
  return true;
}

bool equals_lower(std::string_view value, std::initializer_list<std::string_view> allowed,
                  std::string& out) {
  out.assign(value.data(), value.size());
  char* p = &out[0];  // (per-character push_back is slow in the size-optimized WebAssembly build)
  for (std::size_t i = 0, n = out.size(); i < n; ++i) {
    p[i] = to_ascii_lower(p[i]);
  }
  for (auto a : allowed) {
    if (out == a) return true;
  }
  return false;
}

}  // namespace

void HtmlSanitizer::warn(std::string message) {
  // Past the cap no earlier warning is compared: hostile input may drop thousands of attributes.
  if (warnings_.size() >= kMaxWarnings) return;
  for (const auto& w : warnings_) {
    if (w.message == message && w.path == path_ && w.code == "html_removed") return;
  }
  warnings_.push_back({"html_removed", path_, std::move(message)});
}

// The sanitizer's most frequent warning (every class, style and on* attribute): built in one
// string, and not at all past the cap.
void HtmlSanitizer::warn_attribute(const HtmlAttribute& a, const HtmlToken& t, const char* why,
                                   std::string_view detail, const char* why_end) {
  if (warnings_.size() >= kMaxWarnings) return;
  std::string message;
  message.reserve(96);  // one allocation for the usual message
  message.append("removed attribute \"")
      .append(a.name)
      .append("\" from <")
      .append(t.name)
      .append(">")
      .append(why);
  message.append(detail.data(), detail.size()).append(why_end);
  warn(std::move(message));
}

// "removed <name" + what + why + why_end.
void HtmlSanitizer::warn_element(const HtmlToken& t, const char* what, const char* why,
                                 const char* why_end) {
  warn(std::string("removed <").append(t.name).append(what).append(why).append(why_end));
}

void HtmlSanitizer::warn_breakout(const HtmlAttribute& a, const HtmlToken& t) {
  warn_attribute(a, t, ": its value holds \"", find_xml_breakout(a.value),
                 "\", markup once re-serialized as XML");
}

void HtmlSanitizer::warn_not_allowed(const HtmlAttribute& a, const HtmlToken& t) {
  if (warnings_.size() >= kMaxWarnings) return;
  const std::string_view element = t.name;
  const std::string_view name = a.name;
  if (element.size() > 255 || name.size() > 255) return warn_attribute(a, t, "");
  const char* r = reported_.data();
  for (const char* end = r + reported_.size(); r < end;) {
    const size_t element_size = static_cast<unsigned char>(r[0]);
    const size_t name_size = static_cast<unsigned char>(r[1 + element_size]);
    if (name_size == name.size() && element_size == element.size() &&
        same_name({r + 2 + element_size, name_size}, name) &&
        same_name({r + 1, element_size}, element)) {
      return;  // its warning is in warnings_ already
    }
    r += 2 + element_size + name_size;
  }
  reported_.push_back(static_cast<char>(element.size()));
  reported_.append(element.data(), element.size());
  reported_.push_back(static_cast<char>(name.size()));
  reported_.append(name.data(), name.size());
  warn_attribute(a, t, "");
}

void HtmlSanitizer::feed(std::string_view html, Writer& w, bool inline_context, bool clean) {
  HtmlTokenizer tokenizer(html, clean);
  if (drop_depth_ > 0 && drop_model_ != Model::Data) {
    tokenizer.set_content_model(drop_model_, drop_name_);
  }
  HtmlToken t;
  while (tokenizer.next(t)) {
    const bool was_pre_start = pre_start_;
    pre_start_ = false;
    if (drop_depth_ > 0) {
      // Inside a dropped element. Raw-text content ends only at its own end tag; markup content
      // ends when the same element's nesting closes.
      if (t.kind == HtmlToken::Kind::EndTag && same_name(t.name, drop_name_)) {
        --drop_depth_;
      } else if (t.kind == HtmlToken::Kind::StartTag && same_name(t.name, drop_name_) &&
                 drop_model_ == Model::Data && !t.self_closing) {
        ++drop_depth_;
      }
      if (drop_depth_ > 0 && drop_model_ != Model::Data) {
        tokenizer.set_content_model(drop_model_, drop_name_);
      }
      continue;
    }
    switch (t.kind) {
      case HtmlToken::Kind::StartTag: {
        Tag tag;
        const bool allowed = find_tag(t.name, tag) && (tag_flags(tag) & kTagUserContent);
        if (const DroppedElement* d = allowed ? nullptr : find_dropped(t.name)) {
          warn_element(t, "> with its content");
          // "<svg/>" is complete in foreign content: nothing to drop after it.
          if (t.self_closing && (same_name(t.name, "svg") || same_name(t.name, "math"))) break;
          drop_name_.assign(t.name.data(), t.name.size());
          drop_depth_ = 1;
          drop_model_ = d->model;
          if (d->model != Model::Data) tokenizer.set_content_model(d->model, t.name);
          break;
        }
        start_tag(t, allowed ? tag : Tag::kCount, w, inline_context);
        break;
      }
      case HtmlToken::Kind::EndTag:
        end_tag(t, w);
        break;
      case HtmlToken::Kind::Text: {
        std::string_view data = t.data;
        if (was_pre_start && !data.empty() && data[0] == '\n') data.remove_prefix(1);
        text(data, w);
        break;
      }
      default:
        break;  // comments, doctypes, processing instructions: never output
    }
  }
}

int HtmlSanitizer::find_open(Tag tag) const {
  for (size_t i = open_.size(); i-- > 0;) {
    if (open_[i].tag == tag) return static_cast<int>(i);
  }
  return -1;
}

bool HtmlSanitizer::close_own(size_t index, Writer& w) {
  // Only when everything above it on the Writer is ours: Markdown's elements are closed by the
  // Markdown renderer, never from inside raw HTML.
  if (index >= open_.size()) return false;
  if (w.depth() != open_.back().depth + 1) return false;
  for (size_t k = index + 1; k < open_.size(); ++k) {
    if (open_[k].depth != open_[k - 1].depth + 1) return false;
  }
  w.close_to(open_[index].depth);
  open_.resize(index);
  return true;
}

void HtmlSanitizer::closed_to(size_t depth) {
  while (!open_.empty() && open_.back().depth >= depth) open_.pop_back();
}

void HtmlSanitizer::end_block(Writer& w) {
  // Raw elements do not outlive their HTML block, except plain containers that Markdown blocks
  // may nest in without the parser moving them.
  while (!open_.empty() && !is_flow_container(open_.back().tag)) {
    if (!close_own(open_.size() - 1, w)) {
      open_.pop_back();
    }
  }
}

void HtmlSanitizer::finish(Writer& w) {
  while (!open_.empty()) {
    if (!close_own(open_.size() - 1, w)) open_.pop_back();
  }
  drop_depth_ = 0;
  drop_name_.clear();
  pre_start_ = false;
}

bool HtmlSanitizer::in_table_context(const Writer& w) const {
  return !open_.empty() && w.depth() == open_.back().depth + 1 &&
         is_table_structure(open_.back().tag);
}

// The tokenizer's text is clean UTF-8 without NUL (it cleaned its input once, as a browser decodes
// a page, and replaced or dropped every NUL), so the Writer does not check it again.
void HtmlSanitizer::text(std::string_view data, Writer& w) {
  if (data.empty()) return;
  // Text between table parts is moved out of the table by a parser; whitespace is kept in place.
  if (in_table_context(w) && !is_whitespace(data)) {
    warn("removed text inside a table but outside any cell");
    return;
  }
  w.clean_text(data);
}

void HtmlSanitizer::start_tag(const HtmlToken& t, Tag tag, Writer& w, bool inline_context) {
  if (tag == Tag::kCount) {
    if (same_name(t.name, "h1")) {
      tag = Tag::H1;  // shifted to h2 below
    } else {
      warn_element(t, "> tag and kept its text");
      return;
    }
  }
  tag = shift_heading(tag);
  auto unwrap = [&](const char* why) { warn_element(t, "> tag and kept its text (", why, ")"); };
  if (inline_context && !is_phrasing(tag)) return unwrap("a block element inside a paragraph");
  // A link inside a link is split in two by a parser; keep the outer one.
  if (tag == Tag::A && w.inside(Tag::A)) return unwrap("a link inside a link");

  const Tag current = w.current();
  const bool current_is_ours = !open_.empty() && w.depth() == open_.back().depth + 1;

  // Table parts go only where a parser keeps them; implied wrappers are written out.
  if (tag == Tag::Caption || is_table_section(tag)) {
    if (!(current == Tag::Table && current_is_ours)) return unwrap("outside a table");
  } else if (tag == Tag::Tr) {
    if (current_is_ours && current == Tag::Tr) close_own(open_.size() - 1, w);
    if (current_is_ours && w.current() == Tag::Table) {
      open_.push_back({Tag::Tbody, w.depth()});
      w.open(Tag::Tbody);
    }
    if (!(is_table_section(w.current()) && find_open(w.current()) >= 0)) {
      return unwrap("outside a table");
    }
  } else if (tag == Tag::Td || tag == Tag::Th) {
    if (current_is_ours && (current == Tag::Td || current == Tag::Th)) {
      close_own(open_.size() - 1, w);
    }
    const bool ours = !open_.empty() && w.depth() == open_.back().depth + 1;
    if (ours && w.current() == Tag::Table) {
      open_.push_back({Tag::Tbody, w.depth()});
      w.open(Tag::Tbody);
    }
    if (ours && is_table_section(w.current())) {
      open_.push_back({Tag::Tr, w.depth()});
      w.open(Tag::Tr);
    }
    if (!(w.current() == Tag::Tr && find_open(Tag::Tr) >= 0)) return unwrap("outside a table row");
  } else if (current_is_ours && is_table_structure(current)) {
    return unwrap("inside a table but outside any cell");
  } else if (tag == Tag::Table && is_table_structure(current)) {
    return unwrap("a table directly inside a table");
  }

  if (closes_p(tag)) {
    // Find a <p> in button scope; close it when it is ours, else keep the new element out.
    const auto& stack = w.stack();
    for (size_t i = stack.size(); i-- > 0;) {
      const Tag s = stack[i];
      if (s == Tag::Table || s == Tag::Td || s == Tag::Th || s == Tag::Caption) break;
      if (s == Tag::P) {
        const int own = find_open(Tag::P);
        if (own < 0 || !close_own(static_cast<size_t>(own), w)) {
          return unwrap("a block element inside a paragraph");
        }
        break;
      }
    }
  }
  if (is_heading(tag) && is_heading(w.current())) {
    if (!(current_is_ours && close_own(open_.size() - 1, w))) {
      return unwrap("a heading inside a heading");
    }
  }
  if (tag == Tag::Rt || tag == Tag::Rp) {
    // A parser closes whatever is open inside the <ruby> ("generate implied end tags") before an
    // annotation: allow one only directly inside a ruby, after closing the previous annotation.
    if (current_is_ours && (current == Tag::Rt || current == Tag::Rp)) {
      close_own(open_.size() - 1, w);
    }
    if (w.current() != Tag::Ruby) return unwrap("a ruby annotation outside a <ruby>");
  }
  if (tag == Tag::Li || tag == Tag::Dd || tag == Tag::Dt) {
    // A new item closes the open item of its kind, unless a list or other block is in between.
    const auto& stack = w.stack();
    for (size_t i = stack.size(); i-- > 0;) {
      const Tag s = stack[i];
      const bool same_kind = (tag == Tag::Li) ? s == Tag::Li : (s == Tag::Dd || s == Tag::Dt);
      if (same_kind) {
        int own = -1;
        for (size_t k = 0; k < open_.size(); ++k) {
          if (open_[k].depth == i) own = static_cast<int>(k);
        }
        if (own < 0 || !close_own(static_cast<size_t>(own), w)) {
          return unwrap("a list item inside a list item");
        }
        break;
      }
      if (stops_item_search(s)) break;
    }
  }
  open(tag, t, w);
}

void HtmlSanitizer::open(Tag tag, const HtmlToken& t, Writer& w) {
  const size_t depth = w.depth();
  w.open(tag);
  attributes(tag, t, w);
  if (tag_flags(tag) & kTagVoid) {
    w.close();
    return;
  }
  open_.push_back({tag, depth});
  pre_start_ = tag == Tag::Pre;
}

void HtmlSanitizer::attributes(Tag tag, const HtmlToken& t, Writer& w) {
  if (t.attributes.empty() && tag != Tag::Img) return;  // most tags: nothing to set up below
  std::string& value = value_;  // scratch kept from tag to tag: no string made per tag
  CheckedUrl& href = url_;
  for (const HtmlAttribute& a : t.attributes) {
    Attr attr;
    if (!find_user_attr(tag, a.name, attr)) {
      warn_not_allowed(a, t);
      continue;
    }
    // A text value holding an XML breakout is dropped by the Writer, which checks every value it
    // writes, and the warning below says why; an id is checked here, before it is rewritten.
    if (attr == Attr::Id && !find_xml_breakout(a.value).empty()) {
      warn_breakout(a, t);
      continue;
    }
    bool kept = true;
    switch (attr) {
      case Attr::Href: {
        std::string_view url = a.value;
        std::string prefixed;
        // Ids in content carry the prefix, so in-content fragment links must too.
        if (link_to_content_id(url, prefixed)) url = prefixed;
        kept = w.urls().check(url, href, true) && w.url_attr(Attr::Href, href);
        if (kept) {
          const std::string_view rel = link_rel(href, untrusted_);
          if (!rel.empty()) w.attr(Attr::Rel, rel);
        }
        break;
      }
      case Attr::Src:
      case Attr::Cite:
        kept = w.urls().check(a.value, href, true) && w.url_attr(attr, href);
        break;
      case Attr::Id: {
        // Already prefixed (broadsheet's own output fed back in) stays as it is: idempotent.
        std::string_view id = a.value;
        if (id.substr(0, kContentIdPrefix.size()) == kContentIdPrefix) {
          id.remove_prefix(kContentIdPrefix.size());
        }
        value = kContentIdPrefix;
        for (char c : id) {
          const bool ok = is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
          if (ok) value.push_back(c);
        }
        // The page's registry settles collisions with headings, blocks and other raw ids.
        if (value.size() > kContentIdPrefix.size() && ids_) value = ids_->claim(value);
        kept = value.size() > kContentIdPrefix.size() && w.attr(Attr::Id, value);
        break;
      }
      case Attr::Dir:
        kept = equals_lower(a.value, {"ltr", "rtl", "auto"}, value) && w.attr(attr, value);
        break;
      case Attr::Align:
        kept = equals_lower(a.value, {"left", "center", "right"}, value) && w.attr(attr, value);
        break;
      case Attr::Scope:
        kept = equals_lower(a.value, {"row", "col", "rowgroup", "colgroup"}, value) &&
               w.attr(attr, value);
        break;
      case Attr::Type:
        kept = (a.value == "1" || a.value == "a" || a.value == "A" || a.value == "i" ||
                a.value == "I") &&
               w.attr(attr, a.value);
        break;
      case Attr::Reversed:
      case Attr::Open:
        kept = w.attr(attr, "");
        break;
      default:
        kept = w.attr(attr, a.value, true);  // the tokenizer's values are clean UTF-8 (feed())
        break;
    }
    if (kept) continue;
    if (attr_kind(attr) == AttrKind::kText && !find_xml_breakout(a.value).empty()) {
      warn_breakout(a, t);
    } else {
      warn_attribute(a, t, " (unsafe or invalid value)");
    }
  }
  if (tag == Tag::Img) {
    w.attr(Attr::Loading, "lazy");
    w.attr(Attr::Decoding, "async");
  }
}

void HtmlSanitizer::end_tag(const HtmlToken& t, Writer& w) {
  // Only elements of ours can close, so the name is compared with theirs, innermost first (a
  // stray end tag matches none). "</h1>" closes the <h2> that "<h1>" opened.
  const std::string_view name = same_name(t.name, "h1") ? "h2" : std::string_view(t.name);
  for (size_t i = open_.size(); i-- > 0;) {
    if (same_name(tag_name(open_[i].tag), name)) {
      close_own(i, w);
      return;
    }
  }
}

}  // namespace broadsheet
