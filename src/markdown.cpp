// broadsheet — Markdown renderer: one consumer of md4c's enter/leave/text callbacks.
// md4c-html is deliberately not used: it passes raw HTML and javascript: links through.
#include "markdown.h"

#include <md4c.h>

#include <cstdint>

#include "html_tokenizer.h"
#include "md4c_flags.h"
#include "utf8.h"

namespace broadsheet {

std::string_view link_rel(const CheckedUrl& url, bool untrusted) {
  if (!url.external()) return {};
  return untrusted ? "noopener noreferrer nofollow ugc" : "noopener noreferrer";
}

// "user-content-" + a slug of the heading text: ASCII letters and digits lowercased, other ASCII
// runs become one '-', non-ASCII kept. The prefix keeps content ids from clobbering the host
// page's ids and globals.
std::string heading_id(std::string_view raw) {
  // The slug is made from clean UTF-8 and cut between characters, so that it is the id's final
  // value: two headings whose invalid bytes differ would otherwise get two ids that the registry
  // tells apart and the writer's cleaning then makes equal (found by the fuzz oracle's
  // unique-id check).
  std::string text;
  append_clean_utf8(text, raw);
  std::string slug(kContentIdPrefix);
  const size_t prefix = slug.size();
  bool dash = false;
  for (unsigned char c : text) {
    const bool continuation = (c & 0xC0) == 0x80;
    if (!continuation && slug.size() >= prefix + 64) break;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      if (dash && slug.size() > prefix) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      if (dash && slug.size() > prefix) slug.push_back('-');
      dash = false;
      slug.push_back(static_cast<char>(c + 32));
    } else if (c != '\'' && c != '"') {
      dash = true;  // spaces and punctuation separate words
    }
  }
  if (slug.size() == prefix) slug += "section";
  return slug;
}

namespace {

constexpr unsigned kMdFlags = BROADSHEET_MD_FLAGS;

class MarkdownRenderer {
 public:
  explicit MarkdownRenderer(MarkdownContext& c) : c_(c), w_(c.writer) {}

  void run(std::string_view markdown) {
    MD_PARSER parser{};  // no debug_log: md4c is built without its log (scripts/gen_md4c.mjs)
    parser.abi_version = 0;
    parser.flags = kMdFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
      return static_cast<MarkdownRenderer*>(u)->enter_block(t, d);
    };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) {
      return static_cast<MarkdownRenderer*>(u)->leave_block(t, d);
    };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
      return static_cast<MarkdownRenderer*>(u)->enter_span(t, d);
    };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* u) {
      return static_cast<MarkdownRenderer*>(u)->leave_span(t, d);
    };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
      return static_cast<MarkdownRenderer*>(u)->text(t, std::string_view(s, n));
    };
    base_ = w_.depth();
    c_.html.set_path(c_.path);
    // md4c reads only markdown[0, size): 0.4.8 read one byte past the end on some malformed links
    // (tests/fuzz/corpus/regress-md4c-read-past-end-link) and needed a NUL-terminated copy;
    // 0.5.2 does not, and the fuzzer passes exact-size buffers to keep it so.
    document_ = markdown;
    document_clean_ = clean_utf8_prefix(markdown) == markdown.size();
    md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this);
    flush_html();
    c_.html.finish(w_);
    w_.close_to(base_);
    c_.html.closed_to(base_);
  }

 private:
  // Every Markdown element remembers the Writer depth it opened at (or kNotOpened when it chose not
  // to open anything, e.g. a link whose URL was refused), so that leaving it closes exactly what it
  // and any raw HTML inside it opened.
  static constexpr size_t kNotOpened = static_cast<size_t>(-1);
  struct Mark {
    size_t depth;
    bool block;  // a block's mark; spans are closed before their block, even unbalanced ones
  };

  void open(Tag tag, bool block = false) {
    marks_.push_back({w_.depth(), block});
    w_.open(tag);
  }
  void open_block(Tag tag) { open(tag, true); }
  void open_none(bool block = false) { marks_.push_back({kNotOpened, block}); }
  void close_mark() {
    if (marks_.empty()) return;
    const size_t mark = marks_.back().depth;
    marks_.pop_back();
    if (mark == kNotOpened) return;
    w_.close_to(mark + 1);
    c_.html.closed_to(mark + 1);
    w_.close();
  }
  // md4c can leave a block while a span inside it is still open (an unbalanced emphasis around a
  // link): close those spans first, so nothing outlives its block.
  void close_spans() {
    while (!marks_.empty() && !marks_.back().block) close_mark();
  }

  static Tag heading_tag(unsigned level) {
    static constexpr Tag kHeadings[] = {Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6};
    unsigned n = level < 1 ? 1 : level;
    return kHeadings[n - 1];
  }

  static std::string_view align_name(MD_ALIGN a) {
    switch (a) {
      case MD_ALIGN_LEFT:
        return "left";
      case MD_ALIGN_CENTER:
        return "center";
      case MD_ALIGN_RIGHT:
        return "right";
      default:
        return {};
    }
  }

  // An md4c attribute (link destination, title) with its entities decoded: the text itself when it
  // is one plain run (most are), else decoded into `buffer`.
  static std::string_view attribute(const MD_ATTRIBUTE& a, std::string& buffer) {
    if (a.text == nullptr || a.size == 0) return {};
    if (a.substr_offsets[1] >= a.size && a.substr_types[0] == MD_TEXT_NORMAL) {
      return std::string_view(a.text, a.size);
    }
    buffer.clear();
    for (unsigned i = 0; a.substr_offsets[i] < a.size; ++i) {
      const MD_OFFSET begin = a.substr_offsets[i];
      const MD_OFFSET end = a.substr_offsets[i + 1];
      const std::string_view part(a.text + begin, end - begin);
      switch (a.substr_types[i]) {
        case MD_TEXT_ENTITY:
          decode_character_references(part, buffer, false);
          break;
        case MD_TEXT_NULLCHAR:
          buffer += "\xEF\xBF\xBD";
          break;
        default:
          buffer.append(part.data(), part.size());
      }
    }
    return buffer;
  }

  // A top-level block starts: the outline records it; an article's body writes the ad slot the
  // plan put before it, when nothing of the text's raw HTML is open around this place.
  void top_level(MD_BLOCKTYPE type) {
    const size_t index = units_++;
    const bool at_top = w_.depth() == base_;
    if (c_.outline) {
      c_.outline->units.push_back(static_cast<size_t>(unit_kind(type)) |
                                  (at_top ? MarkdownOutline::kAtTop : 0));
      return;
    }
    if (!c_.plan || !c_.slots) return;
    const std::vector<size_t>& ads = c_.plan->ad_units;
    while (next_ad_ < ads.size() && ads[next_ad_] < index) ++next_ad_;
    // The plan only chose places the outline found at the top; the check keeps the promise that a
    // slot is a direct child of the body even if the two passes ever disagreed.
    if (next_ad_ < ads.size() && ads[next_ad_] == index && at_top) {
      c_.slots->write_slot(c_.plan->first_slot + next_ad_++, w_);
    }
  }

  static UnitKind unit_kind(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_H:
        return UnitKind::kHeading;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        return UnitKind::kList;
      case MD_BLOCK_QUOTE:
        return UnitKind::kQuote;
      case MD_BLOCK_CODE:
        return UnitKind::kCode;
      case MD_BLOCK_TABLE:
        return UnitKind::kTable;
      case MD_BLOCK_HR:
        return UnitKind::kRule;
      case MD_BLOCK_HTML:
        return UnitKind::kHtml;
      default:
        return UnitKind::kParagraph;
    }
  }

  // md4c reports raw HTML in pieces (a tag split over lines arrives line by line): collect the
  // consecutive pieces and hand them to the filter as one chunk. The pieces of a clean document
  // make a clean chunk: md4c cuts them at ASCII (a line's start and end, a tag's '<' and '>'),
  // ends its lines at CR and LF and reports each line break as its own "\n", so the chunk is
  // valid UTF-8 without NUL or CR (the tokenizer checks it in the native tests and the fuzz build).
  void flush_html() {
    if (html_.empty()) return;
    c_.html.feed(html_, w_, !in_html_block_, document_clean_);
    html_.clear();
  }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    flush_html();
    if (block_depth_++ == 1) top_level(type);  // depth 0 is the document itself
    switch (type) {
      case MD_BLOCK_DOC:
        break;
      case MD_BLOCK_QUOTE:
        open_block(Tag::Blockquote);
        break;
      case MD_BLOCK_UL:
        open_block(Tag::Ul);
        break;
      case MD_BLOCK_OL: {
        open_block(Tag::Ol);
        const auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
        if (d->start != 1) w_.attr(Attr::Start, std::to_string(d->start));
        break;
      }
      case MD_BLOCK_LI: {
        open_block(Tag::Li);
        const auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
        if (d->is_task) {
          w_.attr(Attr::Class, "task-list-item");
          w_.open(Tag::Input);
          w_.attr(Attr::Type, "checkbox");
          w_.attr(Attr::Class, "task-list-item-checkbox");
          w_.attr(Attr::Disabled, "");
          const bool done = d->task_mark == 'x' || d->task_mark == 'X';
          if (done) w_.attr(Attr::Checked, "");
          // A checkbox needs a name for assistive technology; the item's text follows it.
          w_.attr(Attr::AriaLabel, done ? "Done" : "Not done");
          w_.close();
        }
        break;
      }
      case MD_BLOCK_HR:
        open_block(Tag::Hr);
        break;
      case MD_BLOCK_H: {
        const auto* d = static_cast<MD_BLOCK_H_DETAIL*>(detail);
        unsigned level = d->level + c_.heading_shift;
        level = level > 6 ? 6 : level;
        open_block(heading_tag(level));
        heading_text_.clear();
        if (c_.plan) {
          // An article: the plan chose every heading's id from the outline of this same text.
          if (headings_ < c_.plan->heading_ids.size()) {
            w_.attr(Attr::Id, c_.plan->heading_ids[headings_]);
          }
        } else {
          // The id is a slug of the heading's text, written into its start tag when it ends.
          heading_slot_ = w_.reserve_attr();
          in_heading_ = true;
        }
        heading_level_ = level;
        ++headings_;
        if (c_.outline) in_heading_ = true;
        break;
      }
      case MD_BLOCK_CODE:
        open_block(Tag::Pre);
        open_block(Tag::Code);
        break;
      case MD_BLOCK_HTML:
        open_none(true);
        in_html_block_ = true;
        break;
      case MD_BLOCK_P:
        open_block(Tag::P);
        break;
      case MD_BLOCK_TABLE:
        open_block(Tag::Table);
        break;
      case MD_BLOCK_THEAD:
        open_block(Tag::Thead);
        break;
      case MD_BLOCK_TBODY:
        open_block(Tag::Tbody);
        break;
      case MD_BLOCK_TR:
        open_block(Tag::Tr);
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        open_block(type == MD_BLOCK_TH ? Tag::Th : Tag::Td);
        const auto align = align_name(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
        if (!align.empty()) w_.attr(Attr::Align, align);
        break;
      }
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    flush_html();
    if (type == MD_BLOCK_H && in_heading_) {
      in_heading_ = false;
      if (c_.outline) {
        c_.outline->headings.push_back({heading_level_, heading_text_, {}});
      } else {
        const std::string id = heading_id(heading_text_);
        w_.fill_attr(heading_slot_, Attr::Id, c_.ids->claim(id));
      }
    }
    --block_depth_;
    if (type == MD_BLOCK_HTML) {
      in_html_block_ = false;
      c_.html.end_block(w_);
    }
    if (image_nesting_ > 0) {  // an image left unclosed: write it with the alt text so far
      image_nesting_ = 0;
      emit_image();
    }
    close_spans();
    if (type == MD_BLOCK_DOC) return 0;
    if (type == MD_BLOCK_CODE) close_mark();
    close_mark();
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    flush_html();
    if (type == MD_SPAN_CODE) code_span_ = CodeSpan{true};
    if (image_nesting_ > 0) {  // inside an image's alt text: only text counts
      if (type == MD_SPAN_IMG) ++image_nesting_;
      return 0;
    }
    switch (type) {
      case MD_SPAN_EM:
        open(Tag::Em);
        break;
      case MD_SPAN_STRONG:
        open(Tag::Strong);
        break;
      case MD_SPAN_CODE:
        open(Tag::Code);
        break;
      case MD_SPAN_DEL:
        open(Tag::Del);
        break;
      case MD_SPAN_U:
        open(Tag::U);
        break;
      case MD_SPAN_A: {
        const auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
        if (w_.inside(Tag::A)) {  // a link inside a raw-HTML link: a parser would split them
          open_none();
          break;
        }
        std::string_view destination = attribute(d->href, attribute_);
        // Ids in content carry the prefix, so in-content fragment links carry it too.
        if (link_to_content_id(destination, attribute_)) destination = attribute_;
        CheckedUrl& href = href_;  // kept between links: its string's room is reused
        if (!w_.urls().check(destination, href, true)) {
          c_.warnings.push_back({"unsafe_url", c_.path,
                                 "a link's URL scheme is not allowed; the link text was kept"});
          open_none();
          break;
        }
        open(Tag::A);
        w_.url_attr(Attr::Href, href);
        const std::string_view title = attribute(d->title, attribute_);
        if (!title.empty()) w_.attr(Attr::Title, title);
        const std::string_view rel = link_rel(href, c_.untrusted);
        if (!rel.empty()) w_.attr(Attr::Rel, rel);
        break;
      }
      case MD_SPAN_IMG: {
        const auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        image_src_ = attribute(d->src, attribute_);
        image_title_ = attribute(d->title, attribute_);
        image_alt_.clear();
        image_nesting_ = 1;
        break;
      }
      default:
        open_none();
        break;  // LaTeX and wiki links are not enabled
    }
    return 0;
  }

  // The detail is not read here, and for a link or an image md4c as built passes an empty one
  // (scripts/gen_md4c.mjs builds a link's attributes for the enter callback only).
  int leave_span(MD_SPANTYPE type, void*) {
    flush_html();
    if (type == MD_SPAN_CODE) {
      // A line ending right before the closing backticks is the space CommonMark strips when the
      // content also starts with one; otherwise it stays.
      if (code_span_.space_pending && !code_span_.leading_space_stripped) emit_text(" ");
      code_span_ = CodeSpan{};
    }
    if (image_nesting_ > 0) {
      if (type == MD_SPAN_IMG && --image_nesting_ == 0) emit_image();
      return 0;
    }
    if (!marks_.empty() && !marks_.back().block) close_mark();  // ignore an unmatched leave
    return 0;
  }

  void emit_image() {
    CheckedUrl src;
    if (!w_.urls().check(image_src_, src, true)) {
      // The image cannot be shown; its description stays readable.
      c_.warnings.push_back(
          {"unsafe_url", c_.path, "an image's URL scheme is not allowed; its alt text was kept"});
      w_.text(image_alt_);
      return;
    }
    w_.open(Tag::Img);
    w_.url_attr(Attr::Src, src);
    w_.attr(Attr::Alt, image_alt_);
    if (!image_title_.empty()) w_.attr(Attr::Title, image_title_);
    w_.attr(Attr::Loading, "lazy");
    w_.attr(Attr::Decoding, "async");
    w_.close();
  }

  void emit_text(std::string_view s) {
    if (image_nesting_ > 0) {
      append_clean_utf8(image_alt_, s);
    } else {
      w_.text(s);
    }
  }

  // A heading's plain text, for its id: text, code and references; breaks as spaces; no markup.
  void collect_heading_text(MD_TEXTTYPE type, std::string_view s) {
    if (type == MD_TEXT_ENTITY) {
      decode_character_references(s, heading_text_, false);
    } else if (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE) {
      heading_text_.append(s.data(), s.size());
    } else if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR) {
      heading_text_.push_back(' ');
    }
  }

  int text(MD_TEXTTYPE type, std::string_view s) {
    if (in_heading_) collect_heading_text(type, s);
    if (type == MD_TEXT_HTML) {
      if (image_nesting_ > 0) {
        emit_text(s);  // alt text is text: markup inside it is shown as written
      } else {
        html_.append(s.data(), s.size());
      }
      return 0;
    }
    if (type == MD_TEXT_NULLCHAR && (in_html_block_ || !html_.empty())) {
      html_.push_back('\0');  // part of the raw HTML: the tokenizer decides what a NUL is there
      return 0;
    }
    flush_html();
    if (c_.html.dropping()) return 0;
    if (code_span_.open) note_code_span_text(s);
    switch (type) {
      case MD_TEXT_NULLCHAR:
        emit_text("\xEF\xBF\xBD");
        break;
      case MD_TEXT_BR:
        if (image_nesting_ > 0) {
          emit_text(" ");
        } else {
          w_.leaf(Tag::Br);
          w_.text("\n");
        }
        break;
      case MD_TEXT_SOFTBR:
        emit_text(image_nesting_ > 0 ? " " : "\n");
        break;
      case MD_TEXT_ENTITY: {
        entity_.clear();
        decode_character_references(s, entity_, false);
        emit_text(entity_);
        break;
      }
      default:
        if (image_nesting_ == 0 && is_clean_document_text(s)) {
          w_.clean_text(s);
        } else {
          emit_text(s);
        }
        break;
    }
    if (code_span_.open) code_span_.space_pending = ends_line_in_blanks(s);
    return 0;
  }

  // Inside a code span a line ending becomes a space (CommonMark 6.1). md4c 0.5.2 leaves that space
  // out when the line ends in blanks: it reports the blanks, then skips the space
  // (md_process_inlines tests `off == line->end` after moving `off` past them). So after such
  // blanks the space is owed: it is written before the span's next text, or at its end unless
  // CommonMark strips it there.
  struct CodeSpan {
    bool open = false;
    bool started = false;                 // some of its text has been seen
    bool leading_space_stripped = false;  // its content began with a space md4c left out
    bool space_pending = false;           // its last text was blanks ending a line
  };

  void note_code_span_text(std::string_view s) {
    if (code_span_.space_pending) {
      code_span_.space_pending = false;
      emit_text(" ");
    }
    if (code_span_.started) return;
    code_span_.started = true;
    // The first text starts right after the backticks, unless md4c left a space out before it
    // (CommonMark strips one from each side when both are spaces).
    const size_t at = offset_in_document(s);
    code_span_.leading_space_stripped = at != kNotInDocument && at > 0 && document_[at - 1] != '`';
  }

  // Whether `s` is text of the document that is all blanks and ends where a line does.
  bool ends_line_in_blanks(std::string_view s) const {
    const size_t at = offset_in_document(s);
    if (s.empty() || at == kNotInDocument || at + s.size() >= document_.size()) return false;
    const char next = document_[at + s.size()];
    return (next == '\n' || next == '\r') && s.find_first_not_of(" \t") == std::string_view::npos;
  }

  // Whether `s` is a whole-character piece of the document, which run() found clean UTF-8 without
  // NUL: then it is clean too, and the Writer need not check it again. md4c cuts text at ASCII
  // syntax characters, so this holds for nearly every run; the two boundary tests keep it true
  // for any cut, even one inside a character.
  bool is_clean_document_text(std::string_view s) const {
    if (!document_clean_) return false;
    const size_t at = offset_in_document(s);
    if (at == kNotInDocument || s.empty() || at + s.size() > document_.size()) return false;
    const auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    return !continuation(s[0]) &&
           (at + s.size() == document_.size() || !continuation(document_[at + s.size()]));
  }

  // Where `s` starts in the document, or kNotInDocument for text md4c made up (a " " for a line
  // ending); compared as numbers, since such text is not in the document's array.
  static constexpr size_t kNotInDocument = static_cast<size_t>(-1);
  size_t offset_in_document(std::string_view s) const {
    const auto at = reinterpret_cast<std::uintptr_t>(s.data());
    const auto begin = reinterpret_cast<std::uintptr_t>(document_.data());
    if (at < begin || at - begin > document_.size()) return kNotInDocument;
    return static_cast<size_t>(at - begin);
  }

  MarkdownContext& c_;
  Writer& w_;
  std::vector<Mark> marks_;
  unsigned block_depth_ = 0;
  size_t base_ = 0;      // Writer depth where this text starts
  size_t units_ = 0;     // top-level blocks so far
  size_t next_ad_ = 0;   // into c_.plan->ad_units
  size_t headings_ = 0;  // headings so far
  unsigned heading_level_ = 0;
  unsigned image_nesting_ = 0;
  std::string image_src_, image_title_, image_alt_, entity_;
  std::string attribute_;  // a link's or image's attribute being decoded (attribute())
  CheckedUrl href_;        // the link being opened
  std::string html_;       // raw HTML pieces not yet handed to the filter
  bool in_heading_ = false;
  std::string heading_text_;  // the open heading's text so far
  Writer::AttrSlot heading_slot_;
  bool in_html_block_ = false;
  CodeSpan code_span_;
  std::string_view document_;    // the Markdown md4c is parsing
  bool document_clean_ = false;  // valid UTF-8 without NUL (is_clean_document_text())
};

}  // namespace

void render_markdown(std::string_view markdown, MarkdownContext& context) {
  MarkdownRenderer renderer(context);
  renderer.run(markdown);
}

}  // namespace broadsheet
