// broadsheet — Markdown (md4c's parser callbacks) to the Writer.
#ifndef BROADSHEET_MARKDOWN_H
#define BROADSHEET_MARKDOWN_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"
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
  // heading or table cell (inline_context true: only phrasing elements may open there).
  virtual void feed(std::string_view html, Writer& writer, bool inline_context) = 0;
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

// Heading ids already given out ("user-content-<slug>", then "-1", "-2" … for a slug that repeats),
// so that generated ids stay unique. Claiming one takes amortized constant time: a hash set of the
// ids, and per id the next suffix to try, since a page of thousands of headings with the same
// text (a few kilobytes of Markdown) must not cost time quadratic or cubic in their number.
class HeadingIds {
 public:
  std::string claim(const std::string& slug);

 private:
  size_t* find(const std::string& id);  // its slot: index in ids_ + 1, or 0 where it would go
  std::vector<std::string> ids_;
  std::vector<size_t> next_suffix_;  // parallel to ids_: for a base, every suffix below is taken
  std::vector<size_t> slots_;  // open addressing, linear probing; a power of two, at most half full
};

// Told before each top-level block of a Markdown document (the layout places ads there).
class BlockObserver {
 public:
  virtual ~BlockObserver() = default;
  virtual void before_block(size_t index, Writer& writer) = 0;
};

struct MarkdownContext {
  Writer& writer;
  HtmlFilter& html;
  std::vector<Diagnostic>& warnings;
  std::string path;            // JSON pointer of the Markdown text, for warnings
  bool untrusted = false;      // links get rel="nofollow ugc" too
  unsigned heading_shift = 1;  // "# x" becomes <h2>: h1 belongs to the headline
  BlockObserver* observer = nullptr;
  // Heading ids already used on the page (shared by every Markdown block of one article), so
  // generated ids stay unique; nullptr: unique within this document only.
  HeadingIds* heading_ids = nullptr;
};

// Renders one Markdown document (CommonMark with tables, strikethrough, task lists, autolinks).
// Returns the number of top-level blocks rendered.
size_t render_markdown(std::string_view markdown, MarkdownContext& context);

// rel for a link: "noopener noreferrer" when it leaves the site, plus "nofollow ugc" when the
// content is untrusted; "" otherwise.
std::string_view link_rel(const UrlPolicy& urls, std::string_view sanitized_url, bool untrusted);

}  // namespace broadsheet

#endif  // BROADSHEET_MARKDOWN_H
