// broadsheet — the widgets: story cards (related, latest, inline related) and the subscribe box.
#include "render.h"

namespace broadsheet {
namespace {

void write_card(PageWriter& r, const Story& s, const PlannedList& list, size_t i) {
  r.open(Tag::Li, "bs-card");
  CheckedUrl src;
  if (r.image_src(s.image, src)) r.image(s.image, src, "bs-card-image", {});
  r.open(Tag::H3, "bs-card-headline");
  // A story's headline may run the other way from the page (an English story listed on an Arabic
  // page): its own direction, isolated, so neither reorders the punctuation of the other.
  r.w.attr(Attr::Dir, "auto");
  r.link("", s.url, s.headline);
  r.w.close();
  if (!list.excerpt(i).empty()) r.element(Tag::P, "bs-card-excerpt", list.excerpt(i));
  if (!s.published.empty()) r.time("bs-card-date", s.published, list.date(i));
  r.w.close();
}

}  // namespace

// A landmark named by its visible heading (aria-labelledby), not by a copy of the title in an
// attribute: article text stays out of attribute values.
void write_story_list(PageWriter& r, const PlannedList& list, std::string_view cls,
                      std::string_view widget) {
  if (!list.shown) return;
  r.open(Tag::Aside, cls);
  r.w.attr(Attr::AriaLabelledby, list.title_id);
  if (!widget.empty()) r.w.attr(Attr::DataBroadsheet, widget);
  r.open(Tag::H2, "bs-section-title");
  r.w.attr(Attr::Id, list.title_id);
  r.w.text(list.title);
  r.w.close();
  r.open(Tag::Ul, "bs-cards");
  for (size_t i = 0; i < list.stories.size(); ++i)
    write_card(r, (*list.items)[list.stories[i]], list, i);
  r.w.close();
  r.w.close();
}

void write_subscribe(PageWriter& r) {
  const LayoutPlan& p = r.plan;
  if (!p.show_subscribe) return;
  const Subscribe& s = r.article.subscribe;
  r.open(Tag::Aside, "bs-subscribe");
  r.w.attr(Attr::AriaLabelledby, p.subscribe_title_id);
  r.w.attr(Attr::DataBroadsheet, "subscribe");
  r.open(Tag::H2, "bs-section-title");
  r.w.attr(Attr::Id, p.subscribe_title_id);
  r.w.text(p.subscribe_title);
  r.w.close();
  if (!s.benefits.empty()) {
    r.open(Tag::Ul, "bs-benefits");
    for (const std::string& b : s.benefits) r.element(Tag::Li, "", b);
    r.w.close();
  }
  CheckedUrl action;
  if (r.w.urls().check(s.action, action)) {
    // A plain form: it posts without JavaScript; the embedding layer may intercept it.
    r.open(Tag::Form, "bs-subscribe-form");
    r.w.attr(Attr::Method, "post");
    r.w.url_attr(Attr::Action, action);
    r.open(Tag::Label, "bs-subscribe-field");
    r.element(Tag::Span, "bs-subscribe-label", p.subscribe_label);
    r.open(Tag::Input, "bs-subscribe-email");
    r.w.attr(Attr::Type, "email");
    r.w.attr(Attr::Name, "email");
    r.w.attr(Attr::Autocomplete, "email");
    r.w.attr(Attr::Required, "");
    r.w.attr(Attr::Placeholder, p.subscribe_placeholder);
    r.w.close();
    r.w.close();
    r.open(Tag::Button, "bs-subscribe-button");
    r.w.attr(Attr::Type, "submit");
    r.w.text(p.subscribe_cta);
    r.w.close();
    r.open(Tag::P, "bs-subscribe-message");
    r.w.attr(Attr::Role, "status");
    r.w.attr(Attr::AriaLive, "polite");
    r.w.close();
    r.w.close();
  }
  r.w.close();
}

}  // namespace broadsheet
