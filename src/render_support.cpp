// broadsheet — the elements every renderer writes (see render.h), and the page's order.
#include "render.h"

namespace broadsheet {

void PageWriter::open(Tag tag, std::string_view cls) {
  w.open(tag);
  if (!cls.empty()) w.attr(Attr::Class, cls);
}

void PageWriter::element(Tag tag, std::string_view cls, std::string_view text) {
  open(tag, cls);
  w.text(text);
  w.close();
}

void PageWriter::time(std::string_view cls, std::string_view iso, std::string_view shown) {
  open(Tag::Time, cls);
  w.attr(Attr::Datetime, iso);
  w.text(shown);
  w.close();
}

void PageWriter::link(std::string_view cls, const std::string& url, std::string_view label) {
  CheckedUrl href;
  if (url.empty() || !w.urls().check(url, href)) {
    if (cls.empty()) {
      w.text(label);
    } else {
      element(Tag::Span, cls, label);
    }
    return;
  }
  open(Tag::A, cls);
  w.url_attr(Attr::Href, href);
  const std::string_view rel = link_rel(href, plan.untrusted);
  if (!rel.empty()) w.attr(Attr::Rel, rel);
  w.text(label);
  w.close();
}

bool PageWriter::image_src(const Image& img, CheckedUrl& src) const {
  return img.present && w.urls().check(img.src, src);
}

void PageWriter::image(const Image& img, const CheckedUrl& src, std::string_view cls,
                       std::string_view sizes, bool eager) {
  open(Tag::Img, cls);
  w.url_attr(Attr::Src, src);
  w.attr(Attr::Alt, img.alt);
  // Width and height let the browser reserve the box before the image arrives: no layout shift.
  if (img.width) w.attr(Attr::Width, std::to_string(img.width));
  if (img.height) w.attr(Attr::Height, std::to_string(img.height));
  if (!img.srcset.empty() && w.attr(Attr::Srcset, img.srcset) && !sizes.empty()) {
    w.attr(Attr::Sizes, sizes);
  }
  w.attr(Attr::Loading, eager ? "eager" : "lazy");
  if (eager) w.attr(Attr::Fetchpriority, "high");
  w.attr(Attr::Decoding, "async");
  w.close();
}

void PageWriter::figure(const Image& img, std::string_view cls, bool eager) {
  CheckedUrl src;
  if (!image_src(img, src)) return;
  open(Tag::Figure, cls);
  image(img, src, "", "(min-width: 60em) 60em, 100vw", eager);
  if (!img.caption.empty() || !img.credit.empty()) {
    open(Tag::Figcaption, "bs-caption");
    w.text(img.caption);
    if (!img.credit.empty()) {
      if (!img.caption.empty()) w.text(" ");
      element(Tag::Small, "bs-credit", img.credit);
    }
    w.close();
  }
  w.close();
}

// A plain placeholder for the page's ad stack, not a landmark: a page has many of them, and
// repeated landmarks with one name are noise for screen-reader navigation. data-ad-height is the
// tallest creative: the stylesheet reserves it, so a late fill shifts nothing below.
void PageWriter::ad_slot(size_t slot) {
  const AdSizes* sizes = plan.ad_sizes[slot];
  open(Tag::Div, "bs-ad");
  w.attr(Attr::Id, plan.ad_texts[2 * slot]);
  w.attr(Attr::DataBroadsheet, "ad");
  w.attr(Attr::DataAdSlot, plan.ad_texts[2 * slot + 1]);
  w.attr(Attr::DataAdSizes, sizes ? std::string_view(sizes->list) : kDefaultAdSizes);
  w.attr(Attr::DataAdHeight, std::to_string(sizes ? sizes->height : kDefaultAdHeight));
  element(Tag::Span, "bs-ad-label", plan.ad_label);
  w.close();
}

void render_page(const Article& article, LayoutPlan& plan, Writer& writer,
                 std::vector<Diagnostic>& warnings) {
  PageWriter r(article, plan, writer, warnings);
  const bool widget = plan.widget != Widget::kNone;
  r.open(widget ? Tag::Div : Tag::Article, widget               ? "bs-widget"
                                           : plan.single_column ? "bs-article bs-single"
                                                                : "bs-article");
  writer.attr(Attr::DataBroadsheet, widget ? "widget" : "article");
  if (!plan.locale.empty()) writer.attr(Attr::Lang, plan.locale);
  if (!article.dir.empty() || plan.rtl) writer.attr(Attr::Dir, plan.rtl ? "rtl" : article.dir);
  if (widget) {
    write_story_list(r, plan.related, "bs-related", "related");
    write_story_list(r, plan.latest, "bs-latest", "latest");
    write_subscribe(r);
  } else {
    write_topbar(r);
    write_breadcrumbs(r);
    write_header(r);
    write_hero(r);
    // Standard: related stories beside the story on wide screens, so they come first; single
    // column: after it, where a reader who finished the story looks for more.
    if (!plan.single_column) write_story_list(r, plan.related, "bs-related", "related");
    write_contents(r);
    write_body(r);
    write_source(r);
    write_tags(r);
    if (plan.single_column) write_story_list(r, plan.related, "bs-related", "related");
    write_subscribe(r);
    write_story_list(r, plan.latest, "bs-latest", "latest");
  }
  writer.close();
}

void render_markdown_alone(std::string_view markdown, Writer& writer, const RenderOptions& options,
                           std::vector<Diagnostic>& warnings) {
  const bool untrusted = options.trust == Trust::kUntrusted;
  IdRegistry ids;
  HtmlSanitizer html(warnings, untrusted);
  html.set_ids(&ids);
  MarkdownContext ctx{writer, html, warnings, "", untrusted, 1};
  ctx.ids = &ids;
  render_markdown(markdown, ctx);
}

}  // namespace broadsheet
