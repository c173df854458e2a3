// broadsheet — the layout plan: every decision about a page, made once, before anything is written.
//
//   Article + RenderOptions --plan_layout()--> LayoutPlan --renderers (render.h)--> Writer
//
// plan_layout() decides which stories each list shows (self-links dropped, `count` applied), the
// cut excerpts, the dates as readers see them, the reading time, the titles and labels, where each
// ad slot goes and what it is called, the contents list, and the id of every element that gets
// one. The renderers only read the plan: nothing below it decides again or calls back into it.
// Pure: the same article and options give the same plan, and tests can inspect it.
#ifndef BROADSHEET_PLAN_H
#define BROADSHEET_PLAN_H

#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "id_registry.h"
#include "markdown.h"

namespace broadsheet {

// One ad slot: an empty, labelled box that the page's ad stack fills.
struct AdSlot {
  std::string id;          // unique on the page ("bs-ad-inline-1")
  std::string name;        // data-ad-slot: the block's `slot`, or "inline-1", "inline-2", …
  std::string_view sizes;  // data-ad-sizes: "300x250,336x280"
  uint32_t height = 0;     // tallest size: the height the stylesheet reserves
};

struct PlannedStory {
  const Story* story;
  std::string excerpt;  // cut to the excerpt length
  std::string date;     // "November 8, 2024"; "" when the story has none
};

struct PlannedList {
  bool shown = false;
  std::string_view title;  // the article's, or the default
  std::string title_id;    // the heading's id: the list is labelled by it (aria-labelledby)
  std::vector<PlannedStory> stories;
};

// One block of the body. Slots go between blocks (before_slots) or, for Markdown, between its
// own top-level blocks (markdown.ads): never inside another block's element.
struct PlannedBlock {
  const Block* block = nullptr;
  std::vector<size_t> before_slots;  // indexes into LayoutPlan::ads, written before the block
  std::string id;                    // the wrapper's id ("" : none)
  bool wrapped = false;              // the block has id, lang or dir: a <div> carries them
  size_t slot = 0;                   // kAd: its slot
  MarkdownPlan markdown;             // kMarkdown
  PlannedList related;               // kRelated: its inline list
};

struct ContentsEntry {
  unsigned level;  // 2 or 3
  std::string text;
  std::string id;  // the heading's id, the link's fragment
};

struct LayoutPlan {
  bool untrusted = false;
  bool single_column = false;  // LayoutVariant::kSingle
  Widget widget = Widget::kNone;

  // The reader's language: the render option's locale, else the article's lang ("" : none given,
  // English). rtl: dir="rtl" is written (a right-to-left language and no dir in the article).
  std::string locale;
  bool rtl = false;

  // Header furniture, formatted by the host in the reader's language (language.h).
  std::string topbar_temperature;  // "9.8 °C"
  std::string topbar_date;         // "Friday, November 8, 2024"
  std::string published, modified;
  size_t reading_minutes = 0;
  std::string reading_time;  // "3 min read"

  // Labels: the article's messages, the option's, else English (language.cpp).
  std::string_view by, and_, comma, updated, source, breadcrumb, contents_label, tags_label;

  PlannedList related, latest;
  bool show_subscribe = false;
  std::string_view subscribe_title, subscribe_cta, subscribe_label, subscribe_placeholder;
  std::string subscribe_title_id;

  std::vector<PlannedBlock> body;
  std::vector<AdSlot> ads;
  std::string_view ad_label;

  bool contents = false;  // the contents list is shown
  std::string contents_id;
  std::vector<ContentsEntry> contents_entries;

  // Ids already given out; raw HTML met while rendering claims its ids here too, after all of the
  // planned ones (content from the least trusted source never takes an id the layout chose).
  IdRegistry ids;
};

// Plans one validated article (or, with options.widget, one widget of it).
void plan_layout(const Article& article, const RenderOptions& options, LayoutPlan& plan);

// The default excerpt cut: at most `limit` characters (code points) at a word boundary, with "...".
std::string truncate_excerpt(const std::string& text, unsigned limit);

}  // namespace broadsheet

#endif  // BROADSHEET_PLAN_H
