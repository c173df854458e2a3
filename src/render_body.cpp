// broadsheet — the body: each block as the plan placed it, and the ad slots between them.
#include "render.h"

namespace broadsheet {
namespace {

// Writes the slots the plan put between a Markdown text's own blocks.
class PlannedSlots final : public SlotWriter {
 public:
  explicit PlannedSlots(PageWriter& r) : r_(r) {}
  void write_slot(size_t slot, Writer&) override { r_.ad_slot(slot); }

 private:
  PageWriter& r_;
};

// Third-party players are never loaded by broadsheet: an embed is a link card that the page (or
// the embedding widget) may upgrade on a click, so nothing runs until the reader asks.
void write_embed(PageWriter& r, const Block& b) {
  static constexpr std::pair<std::string_view, std::string_view> kProviders[] = {
      {"youtube", "YouTube"},
      {"vimeo", "Vimeo"},
      {"twitter", "X (Twitter)"},
      {"instagram", "Instagram"},
      {"spotify", "Spotify"}};
  std::string_view provider = b.provider;
  for (const auto& p : kProviders) {
    if (p.first == b.provider) provider = p.second;
  }
  r.open(Tag::Figure, "bs-embed");
  r.w.attr(Attr::DataBroadsheet, "embed");
  std::string label = b.title.empty() ? std::string("View content") : b.title;
  label += " (";
  label += provider;
  label += ")";
  r.link("bs-embed-link", b.url, label);
  r.w.close();
}

// A raw HTML block, for the render and for check_body() alike.
void write_html_block(const Block& b, Writer& w, HtmlSanitizer& html) {
  w.open(Tag::Div);
  w.attr(Attr::Class, "bs-html");
  const size_t depth = w.depth();
  html.set_path(pointer_append(b.path, "html"));
  html.feed(b.text, w, false, false);
  html.finish(w);
  w.close_to(depth);
  w.close();
}

void write_block(PageWriter& r, const PlannedBlock& planned) {
  const Block& b = *planned.block;
  switch (b.type) {
    case BlockType::kMarkdown: {
      PlannedSlots slots(r);
      MarkdownContext ctx{r.w, r.html, r.warnings, b.path, r.plan.untrusted, 1};
      // Headings take the plan's ids when it looked into the text, else claim theirs here.
      ctx.plan = r.plan.markdown_planned ? &planned.markdown : nullptr;
      ctx.slots = &slots;
      ctx.ids = &r.plan.ids;
      render_markdown(b.text, ctx);
      break;
    }
    case BlockType::kHtml:
      write_html_block(b, r.w, r.html);
      break;
    case BlockType::kImage:
      r.figure(b.image, "bs-figure");
      break;
    case BlockType::kGallery:
      r.open(Tag::Div, "bs-gallery");
      for (const Image& img : b.images) r.figure(img, "bs-figure");
      r.w.close();
      break;
    case BlockType::kPullquote:
      r.open(Tag::Figure, "bs-pullquote");
      r.w.open(Tag::Blockquote);
      r.element(Tag::P, "", b.text);
      r.w.close();
      if (!b.attribution.empty()) r.element(Tag::Figcaption, "bs-attribution", b.attribution);
      r.w.close();
      break;
    case BlockType::kEmbed:
      write_embed(r, b);
      break;
    case BlockType::kAd:
      break;  // written by write_body(), outside any wrapper
    case BlockType::kRelated:
      write_story_list(r, planned.related, "bs-related bs-related-inline", {});
      break;
    case BlockType::kDivider:
      r.open(Tag::Hr, "bs-divider");
      r.w.close();
      break;
  }
}

}  // namespace

// The Writer's state is what decides (a link inside a raw-HTML link is not a link, nesting past
// kMaxDepth is flattened), so the Markdown and HTML blocks are written as render_page() writes
// them: one sanitizer for the whole body, inside <article> and div.bs-body, each in its wrapper.
// Slots, heading ids and every other block add elements that are closed again and warn of nothing.
void check_body(const Article& article, bool untrusted, std::vector<Diagnostic>& warnings) {
  DiscardSink sink;
  UrlPolicy urls(article.url.empty() ? article.site.url : article.url);
  Writer w(sink, urls);
  IdRegistry ids;
  HtmlSanitizer html(warnings, untrusted);
  html.set_ids(&ids);
  w.open(Tag::Article);
  w.open(Tag::Div);
  for (const Block& b : article.body) {
    if (wrapped(b)) w.open(Tag::Div);
    if (b.type == BlockType::kMarkdown) {
      MarkdownContext ctx{w, html, warnings, b.path, untrusted, 1};
      ctx.ids = &ids;
      render_markdown(b.text, ctx);
    } else if (b.type == BlockType::kHtml) {
      write_html_block(b, w, html);
    }
    w.close_to(2);
  }
}

// Every slot is a direct child of div.bs-body: never inside a block's wrapper, where it would
// inherit the block's lang and sit inside its id's element.
void write_body(PageWriter& r) {
  if (r.plan.body.empty()) return;
  r.open(Tag::Div, "bs-body");
  for (const PlannedBlock& planned : r.plan.body) {
    for (size_t slot : planned.before_slots) r.ad_slot(slot);
    const Block& b = *planned.block;
    if (b.type == BlockType::kAd) {
      r.ad_slot(planned.slot);
      continue;
    }
    if (planned.wrapped) {
      r.w.open(Tag::Div);
      if (!planned.id.empty()) r.w.attr(Attr::Id, planned.id);
      if (!b.lang.empty()) r.w.attr(Attr::Lang, b.lang);
      if (!b.dir.empty()) r.w.attr(Attr::Dir, b.dir);
    }
    write_block(r, planned);
    if (planned.wrapped) r.w.close();
  }
  r.w.close();
}

}  // namespace broadsheet
