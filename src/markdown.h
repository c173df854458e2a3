// broadsheet — Markdown (md4c's parser callbacks) to the Writer.
#ifndef BROADSHEET_MARKDOWN_H
#define BROADSHEET_MARKDOWN_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"
#include "id_registry.h"
#include "writer.h"

namespace broadsheet {

// Where raw HTML goes: md4c reports HTML blocks and inline HTML as chunks; the filter decides what
// of them reaches the Writer. It keeps state across chunks of one document (an element opened in
// one chunk and closed in another).
class HtmlFilter {
 public:
  virtual ~HtmlFilter() = default;
  // JSON pointer of the content being rendered, for warnings.
  virtual void set_path(std::string path) = 0;
  // Raw HTML: a whole HTML block (inline_context false), or one inline tag inside a paragraph,
  // heading or table cell (inline_context true: only phrasing elements may open there). `clean`:
  // `html` is known to be valid UTF-8 without NUL or CR (HtmlTokenizer's `input_is_clean`).
  virtual void feed(std::string_view html, Writer& writer, bool inline_context, bool clean) = 0;
  // True while inside an element dropped with its content: Markdown text is dropped too.
  virtual bool dropping() const = 0;
  // The Writer closed everything from `depth` up (the enclosing Markdown element ended); the
  // filter forgets the elements it had opened there.
  virtual void closed_to(size_t depth) = 0;
  // An HTML block ended: close what should not stay open around the Markdown that follows.
  virtual void end_block(Writer& writer) = 0;
  // The document ended: close everything and forget any element being dropped.
  virtual void finish(Writer& writer) = 0;
};

// The top-level blocks of a Markdown text, as the plan sees them.
enum class UnitKind : uint8_t {
  kParagraph,
  kHeading,
  kList,
  kQuote,
  kCode,
  kTable,
  kRule,
  kHtml,  // a raw HTML block
};

// What the plan needs to know about a Markdown text before anything is written: filled by a
// render into a sink that keeps nothing (plan.cpp), so it is exactly what the real render will do.
struct MarkdownOutline {
  // One per top-level block: its UnitKind, plus kAtTop when nothing of the text's raw HTML is
  // still open where it starts (a raw <div> can stay open around the Markdown blocks that follow
  // it), so that a slot placed there is a direct child of the body. (A number per block rather
  // than a struct: the module already has this vector type's code.)
  static constexpr size_t kAtTop = 0x100;
  static UnitKind kind(size_t unit) { return static_cast<UnitKind>(unit & 0xFF); }
  struct Heading {
    unsigned level;    // after the shift: "# x" is 2
    std::string text;  // plain text, for its id and the contents list
    std::string id;    // "" here; the plan fills it in (the contents list links it)
  };
  std::vector<size_t> units;
  std::vector<Heading> headings;
};

// Writes the ad slot the plan put at a place in a Markdown text.
class SlotWriter {
 public:
  virtual ~SlotWriter() = default;
  virtual void write_slot(size_t slot, Writer& writer) = 0;
};

// What the plan decided for one Markdown text of an article.
struct MarkdownPlan {
  // The top-level blocks (indexes into MarkdownOutline::units, never 0, ascending) before which
  // an ad slot goes; the slots are first_slot, first_slot + 1, … in that order.
  std::vector<size_t> ad_units;
  size_t first_slot = 0;                 // passed to SlotWriter::write_slot, + 1 for each next
  std::vector<std::string> heading_ids;  // one per heading, in document order
};

struct MarkdownContext {
  Writer& writer;
  HtmlFilter& html;
  std::vector<Diagnostic>& warnings;
  std::string path;            // JSON pointer of the Markdown text, for warnings
  bool untrusted = false;      // links get rel="nofollow ugc" too
  unsigned heading_shift = 1;  // "# x" becomes <h2>: h1 belongs to the headline
  // One of three modes (`ids` is required but for an outline, and ignored when `plan` is set):
  //   outline: record the text's structure (the plan's look-ahead);
  //   plan + slots: an article's body, ids and ad slots decided by the plan;
  //   ids: heading ids claimed from `ids` as headings end (Markdown alone, or an article body
  //        the plan had no decision to make in).
  MarkdownOutline* outline = nullptr;
  const MarkdownPlan* plan = nullptr;
  SlotWriter* slots = nullptr;
  IdRegistry* ids = nullptr;
};

// Renders one Markdown document (CommonMark with tables, strikethrough, task lists, autolinks).
void render_markdown(std::string_view markdown, MarkdownContext& context);

// rel for a link: "noopener noreferrer" when it leaves the site, plus "nofollow ugc" when the
// content is untrusted; "" otherwise.
std::string_view link_rel(const CheckedUrl& url, bool untrusted);

// A heading's id before the registry makes it unique: "user-content-" + a slug of its text.
std::string heading_id(std::string_view text);

}  // namespace broadsheet

#endif  // BROADSHEET_MARKDOWN_H
