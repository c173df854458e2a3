// broadsheet — the article's furniture: top bar, breadcrumbs, header, hero, contents, source, tags.
#include "render.h"

namespace broadsheet {

void write_topbar(PageWriter& r) {
  const Topbar& t = r.article.topbar;
  if (!t.present) return;
  r.open(Tag::Div, "bs-topbar");
  if (!r.plan.topbar_temperature.empty()) {
    r.element(Tag::Span, "bs-topbar-temperature", r.plan.topbar_temperature);
  }
  if (!t.location.empty()) r.element(Tag::Span, "bs-topbar-location", t.location);
  if (!t.date.empty()) r.time("bs-topbar-date", t.date, r.plan.topbar_date);
  r.w.close();
}

namespace {

// A navigation landmark holding a list of links (breadcrumbs, tags).
void write_link_list(PageWriter& r, std::string_view cls, std::string_view label, Tag list,
                     const std::vector<Link>& links, std::string_view link_cls) {
  if (links.empty()) return;
  r.open(Tag::Nav, cls);
  r.w.attr(Attr::AriaLabel, label);
  r.w.open(list);
  for (const Link& l : links) {
    r.w.open(Tag::Li);
    r.link(link_cls, l.url, l.label);
    r.w.close();
  }
  r.w.close();
  r.w.close();
}

}  // namespace

void write_breadcrumbs(PageWriter& r) {
  write_link_list(r, "bs-breadcrumbs", r.plan.breadcrumb, Tag::Ol, r.article.breadcrumbs, "");
}

void write_header(PageWriter& r) {
  const Article& a = r.article;
  const LayoutPlan& p = r.plan;
  r.open(Tag::Header, "bs-header");
  r.element(Tag::H1, "bs-headline", a.headline);
  if (!a.dek.empty()) r.element(Tag::P, "bs-dek", a.dek);
  if (!a.authors.empty()) {
    r.open(Tag::P, "bs-byline");
    r.w.text(p.by);
    for (size_t i = 0; i < a.authors.size(); ++i) {
      if (i > 0) r.w.text(i + 1 == a.authors.size() ? p.and_ : p.comma);
      r.link("bs-author", a.authors[i].url, a.authors[i].label);
    }
    r.w.close();
  }
  r.open(Tag::P, "bs-dateline");
  if (!a.published.empty()) r.time("bs-published", a.published, p.published);
  if (!a.modified.empty()) {
    if (!a.published.empty()) r.w.text(" \xC2\xB7 ");
    r.w.text(p.updated);
    r.time("bs-modified", a.modified, p.modified);
  }
  if (p.reading_minutes > 0) {
    if (!a.published.empty() || !a.modified.empty()) r.w.text(" \xC2\xB7 ");
    r.element(Tag::Span, "bs-reading-time", p.reading_time);
  }
  r.w.close();
  r.w.close();
}

// The hero is the page's largest paint: it loads eagerly, at high priority.
void write_hero(PageWriter& r) { r.figure(r.article.hero, "bs-hero", true); }

// Links to the body's h2 and h3 headings; an h3 nests under the h2 before it.
void write_contents(PageWriter& r) {
  const LayoutPlan& p = r.plan;
  if (!p.contents) return;
  r.open(Tag::Nav, "bs-contents");
  r.w.attr(Attr::Id, p.contents_id);
  r.w.attr(Attr::AriaLabel, p.contents_label);
  r.w.open(Tag::Ol);
  bool h2_open = false;   // the last h2's item, kept open for the h3s after it
  bool sub_open = false;  // the list of those h3s
  for (const ContentsEntry& e : p.contents_entries) {
    if (e.level == 2 || !h2_open) {
      if (sub_open) r.w.close();
      if (h2_open) r.w.close();
      sub_open = false;
      r.w.open(Tag::Li);
      r.link("", "#" + e.id, e.text);
      h2_open = e.level == 2;
      if (!h2_open) r.w.close();  // an h3 before any h2 stands on its own
      continue;
    }
    if (!sub_open) r.w.open(Tag::Ol);
    sub_open = true;
    r.w.open(Tag::Li);
    r.link("", "#" + e.id, e.text);
    r.w.close();
  }
  if (sub_open) r.w.close();
  if (h2_open) r.w.close();
  r.w.close();
  r.w.close();
}

void write_source(PageWriter& r) {
  if (!r.article.has_source) return;
  r.open(Tag::P, "bs-source");
  r.w.text(r.plan.source);
  r.link("", r.article.source.url, r.article.source.label);
  r.w.close();
}

void write_tags(PageWriter& r) {
  write_link_list(r, "bs-tags", r.plan.tags_label, Tag::Ul, r.article.tags, "bs-tag");
}

}  // namespace broadsheet
