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

// What most ad stacks serve in an article's column, a medium rectangle or a large one: the sizes
// of a slot that neither its block nor the article's ads.sizes gives.
constexpr std::string_view kDefaultAdSizes = "300x250,336x280";
constexpr uint32_t kDefaultAdHeight = 280;

struct PlannedList {
  bool shown = false;
  std::string_view title;  // the article's, or the default
  std::string title_id;    // the heading's id: the list is labelled by it (aria-labelledby)
  const std::vector<Story>* items = nullptr;  // the article's list
  // Indexes of the stories shown, into the list's items (vectors of plain types: the module
  // already has their code).
  std::vector<size_t> stories;
  // For each story shown, two texts: its excerpt cut to the excerpt length, and its date as
  // readers see it ("November 8, 2024"; "" when the story has none).
  std::vector<std::string> texts;
  const std::string& excerpt(size_t i) const { return texts[2 * i]; }
  const std::string& date(size_t i) const { return texts[2 * i + 1]; }
};

// One block of the body. Slots go between blocks (before_slots) or, for Markdown, between its
// own top-level blocks (markdown.ad_units): never inside another block's element.
struct PlannedBlock {
  const Block* block = nullptr;
  std::vector<size_t> before_slots;  // indexes into LayoutPlan::ads, written before the block
  std::string id;                    // the wrapper's id ("" : none)
  bool wrapped = false;              // the block has id, lang or dir: a <div> carries them
  size_t slot = 0;                   // kAd: its slot
  MarkdownPlan markdown;             // kMarkdown
  PlannedList related;               // kRelated: its inline list
};

// A heading of the contents list (level 2 or 3), with the id the link goes to. The outline's own
// type, so one vector type serves both.
using ContentsEntry = MarkdownOutline::Heading;

struct LayoutPlan {
  // Labels are views into `catalogue`, whose bytes a copy or a move would not keep in place (a
  // short string lives inside the object): a plan is built where it is used.
  LayoutPlan() = default;
  LayoutPlan(const LayoutPlan&) = delete;
  LayoutPlan& operator=(const LayoutPlan&) = delete;

  bool untrusted = false;
  bool single_column = false;  // LayoutVariant::kSingle
  Widget widget = Widget::kNone;

  // The reader's language: the render option's locale, else the article's lang ("" : none given,
  // English). rtl: dir="rtl" is written (a right-to-left language and no dir in the article).
  std::string locale;
  bool rtl = false;
  // The host's catalogue for that language (language.h kCatalogue), which labels may point into.
  std::string catalogue;

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
  // The plan looked into the body's Markdown (the outline pass), because the article asks for
  // automatic ad slots or a contents list: each MarkdownPlan holds its heading ids and slots.
  // Otherwise headings take their ids from `ids` as they are rendered, in document order.
  bool markdown_planned = false;
  // Ad slots (empty, labelled boxes the page's ad stack fills), in document order. Slot i:
  //   ad_texts[2i]      its id, unique on the page ("bs-ad-inline-1");
  //   ad_texts[2i + 1]  its name, data-ad-slot: the block's `slot`, or "inline-1", "inline-2", …;
  //   ad_sizes[i]       its sizes (data-ad-sizes, and the tallest the stylesheet reserves), or
  //                     nullptr for kDefaultAdSizes.
  // (Vectors of plain types: the module already has their code.)
  std::vector<std::string> ad_texts;
  std::vector<const AdSizes*> ad_sizes;
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
