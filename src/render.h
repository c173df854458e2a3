// broadsheet — the renderers: each writes one region of the page from the plan (plan.h).
//
//   render_page()       the <article> (or one widget), in the variant's order, calling:
//   write_furniture_*   top bar, breadcrumbs, header, hero, contents, source, tags
//                       (render_furniture.cpp)
//   write_body          the body's blocks and the ad slots between them (render_body.cpp)
//   write_story_list    related and latest cards; write_subscribe the subscribe box
//                       (render_widgets.cpp)
// They only read the plan and the article; every choice was made in plan_layout().
#ifndef BROADSHEET_RENDER_H
#define BROADSHEET_RENDER_H

#include <string_view>
#include <vector>

#include "article.h"
#include "plan.h"
#include "sanitizer.h"
#include "writer.h"

namespace broadsheet {

// What every renderer writes with: the plan, the article, the Writer, and small helpers for the
// elements they all use (render_support.cpp).
class PageWriter {
 public:
  PageWriter(const Article& a, LayoutPlan& p, Writer& w, std::vector<Diagnostic>& warnings)
      : article(a), plan(p), w(w), warnings(warnings), html(warnings, p.untrusted) {
    html.set_ids(&p.ids);
  }

  const Article& article;
  LayoutPlan& plan;  // read only, but for raw HTML's ids in plan.ids
  Writer& w;
  std::vector<Diagnostic>& warnings;
  HtmlSanitizer html;

  void open(Tag tag, std::string_view cls);
  void element(Tag tag, std::string_view cls, std::string_view text);
  void time(std::string_view cls, std::string_view iso, std::string_view shown);
  // A link when the URL passes the policy, otherwise the label alone (text is never lost).
  void link(std::string_view cls, const std::string& url, std::string_view label);
  // Whether the image is there and its URL passes the policy (checked into `src`, for image()).
  bool image_src(const Image& img, CheckedUrl& src) const;
  // An image with its size and lazy loading; `eager` for the page's largest paint (the hero).
  void image(const Image& img, const CheckedUrl& src, std::string_view cls, std::string_view sizes,
             bool eager = false);
  void figure(const Image& img, std::string_view cls, bool eager = false);
  void ad_slot(size_t slot);  // slot i of the plan's ad slots
};

void render_page(const Article& article, LayoutPlan& plan, Writer& writer,
                 std::vector<Diagnostic>& warnings);

// What validate() adds to the parser's warnings without a plan or any output: the warnings a
// render_page() of the article would give. Only the body's Markdown and raw HTML lose anything to
// the policy while rendering, so only they are rendered, into a DiscardSink (render_body.cpp).
void check_body(const Article& article, bool untrusted, std::vector<Diagnostic>& warnings);

// Renders a Markdown string alone (no furniture, no ad slots).
void render_markdown_alone(std::string_view markdown, Writer& writer, const RenderOptions& options,
                           std::vector<Diagnostic>& warnings);

void write_topbar(PageWriter& r);
void write_breadcrumbs(PageWriter& r);
void write_header(PageWriter& r);
void write_hero(PageWriter& r);
void write_contents(PageWriter& r);
void write_source(PageWriter& r);
void write_tags(PageWriter& r);
void write_body(PageWriter& r);
void write_story_list(PageWriter& r, const PlannedList& list, std::string_view cls,
                      std::string_view widget);
void write_subscribe(PageWriter& r);

}  // namespace broadsheet

#endif  // BROADSHEET_RENDER_H
