// broadsheet — page layout: plans where things go (ad slots, truncation, reading time) and
// renders the article furniture and widgets through the Writer.
#include "layout.h"

#include <cmath>

#include "markdown.h"
#include "sanitizer.h"

namespace broadsheet {
namespace {

constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
constexpr std::string_view kWeekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
constexpr unsigned kWordsPerMinute = 200;

int number(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Day of the week of a Gregorian date, 0 = Sunday (Sakamoto's method).
int weekday(int y, int m, int d) {
  static constexpr int kOffsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + kOffsets[m - 1] + d) % 7;
}

// "2024-11-08…" (validated earlier) -> "November 8, 2024", or with the weekday in front.
std::string human_date(std::string_view iso, bool with_weekday) {
  const int y = number(iso, 0, 4);
  const int m = number(iso, 5, 2);
  const int d = number(iso, 8, 2);
  std::string out;
  if (with_weekday) {
    out += kWeekdays[weekday(y, m, d)];
    out += ", ";
  }
  out += kMonths[m - 1];
  out += ' ';
  out += std::to_string(d);
  out += ", ";
  out += std::to_string(y);
  return out;
}

// 9.8 -> "9.8", 10 -> "10", -0.04 -> "0": one decimal at most, without printf.
std::string one_decimal(double v) {
  long tenths = std::lround(v * 10);
  std::string out;
  if (tenths < 0) {
    out.push_back('-');
    tenths = -tenths;
  }
  out += std::to_string(tenths / 10);
  if (tenths % 10) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + tenths % 10));
  }
  return out;
}

size_t count_words(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// Cuts text to at most `limit` characters (code points) at a word boundary, ending in "...".
std::string truncate_excerpt(const std::string& text, unsigned limit) {
  if (limit == 0) return text;
  size_t chars = 0;
  size_t cut = std::string::npos;
  size_t last_space = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == limit) {
      cut = i;
      break;
    }
    if (c == ' ') last_space = i;
    ++chars;
  }
  if (cut == std::string::npos) return text;
  size_t end = (last_space != std::string::npos && last_space > 0) ? last_space : cut;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',' || text[end - 1] == '.')) --end;
  return text.substr(0, end) + "...";
}

class Layout final : public BlockObserver {
 public:
  Layout(const Article& a, Writer& w, const RenderOptions& o, std::vector<Diagnostic>& warnings)
      : a_(a),
        w_(w),
        o_(o),
        warnings_(warnings),
        untrusted_(a.trust == Trust::kUntrusted || o.trust == Trust::kUntrusted),
        html_(warnings, untrusted_) {}

  void article() {
    w_.open(Tag::Article);
    w_.attr(Attr::Class, "bs-article");
    w_.attr(Attr::DataBroadsheet, "article");
    if (!a_.lang.empty()) w_.attr(Attr::Lang, a_.lang);
    if (!a_.dir.empty()) w_.attr(Attr::Dir, a_.dir);
    topbar();
    breadcrumbs();
    header();
    hero();
    if (o_.related) stories(a_.related, "bs-related", "related");
    body();
    source();
    tags();
    if (o_.subscribe) subscribe();
    if (o_.latest) stories(a_.latest, "bs-latest", "latest");
    w_.close();
  }

  // One widget alone, for pages that place it outside the article.
  void widget(Widget kind) {
    open(Tag::Div, "bs-widget");
    w_.attr(Attr::DataBroadsheet, "widget");
    if (!a_.lang.empty()) w_.attr(Attr::Lang, a_.lang);
    if (!a_.dir.empty()) w_.attr(Attr::Dir, a_.dir);
    switch (kind) {
      case Widget::kRelated:
        stories(a_.related, "bs-related", "related");
        break;
      case Widget::kLatest:
        stories(a_.latest, "bs-latest", "latest");
        break;
      case Widget::kSubscribe:
        subscribe();
        break;
      case Widget::kNone:
        break;
    }
    w_.close();
  }

  void before_block(size_t index, Writer&) override {
    // An ad slot after every `every` top-level blocks, never before the first nor after the last.
    if (a_.ads_every && index > 0 && index % a_.ads_every == 0) ad_slot({}, {});
  }

  // Markdown alone (renderMarkdown): no furniture, no ads.
  void markdown_only(std::string_view text) {
    MarkdownContext ctx{w_, html_, warnings_, "", untrusted_, 1, nullptr};
    render_markdown(text, ctx);
  }

 private:
  void open(Tag tag, std::string_view cls) {
    w_.open(tag);
    if (!cls.empty()) w_.attr(Attr::Class, cls);
  }
  void element(Tag tag, std::string_view cls, std::string_view text) {
    open(tag, cls);
    w_.text(text);
    w_.close();
  }
  void time(std::string_view cls, std::string_view iso, bool with_weekday) {
    open(Tag::Time, cls);
    w_.attr(Attr::Datetime, iso);
    w_.text(human_date(iso, with_weekday));
    w_.close();
  }

  // A link when the URL passes the policy, otherwise the label alone (text is never lost).
  void link(std::string_view cls, const std::string& url, std::string_view label) {
    std::string href;
    if (url.empty() || !w_.urls().sanitize(url, href)) {
      if (cls.empty()) {
        w_.text(label);
      } else {
        element(Tag::Span, cls, label);
      }
      return;
    }
    open(Tag::A, cls);
    w_.url_attr(Attr::Href, href);
    const std::string_view rel = link_rel(w_.urls(), href, untrusted_);
    if (!rel.empty()) w_.attr(Attr::Rel, rel);
    w_.text(label);
    w_.close();
  }

  void image(const Image& img, std::string_view cls, std::string_view sizes = {}) {
    open(Tag::Img, cls);
    w_.attr(Attr::Src, img.src);
    w_.attr(Attr::Alt, img.alt);
    if (img.width) w_.attr(Attr::Width, std::to_string(img.width));
    if (img.height) w_.attr(Attr::Height, std::to_string(img.height));
    if (!img.srcset.empty() && w_.attr(Attr::Srcset, img.srcset) && !sizes.empty()) {
      w_.attr(Attr::Sizes, sizes);
    }
    w_.attr(Attr::Loading, "lazy");
    w_.attr(Attr::Decoding, "async");
    w_.close();
  }

  bool image_allowed(const Image& img) {
    std::string ignored;
    return img.present && w_.urls().sanitize(img.src, ignored);
  }

  void figure(const Image& img, std::string_view cls) {
    if (!image_allowed(img)) return;
    open(Tag::Figure, cls);
    image(img, "", "(min-width: 60em) 60em, 100vw");
    if (!img.caption.empty() || !img.credit.empty()) {
      open(Tag::Figcaption, "bs-caption");
      w_.text(img.caption);
      if (!img.credit.empty()) {
        if (!img.caption.empty()) w_.text(" ");
        element(Tag::Small, "bs-credit", img.credit);
      }
      w_.close();
    }
    w_.close();
  }

  void topbar() {
    const Topbar& t = a_.topbar;
    if (!t.present) return;
    open(Tag::Div, "bs-topbar");
    if (t.has_temperature) {
      element(Tag::Span, "bs-topbar-temperature",
              one_decimal(t.temperature) + " \xC2\xB0" + (t.unit == "F" ? "F" : "C"));
    }
    if (!t.location.empty()) element(Tag::Span, "bs-topbar-location", t.location);
    if (!t.date.empty()) time("bs-topbar-date", t.date, true);
    w_.close();
  }

  void breadcrumbs() {
    if (a_.breadcrumbs.empty()) return;
    open(Tag::Nav, "bs-breadcrumbs");
    w_.attr(Attr::AriaLabel, "Breadcrumb");
    w_.open(Tag::Ol);
    for (const Link& l : a_.breadcrumbs) {
      w_.open(Tag::Li);
      link("", l.url, l.label);
      w_.close();
    }
    w_.close();
    w_.close();
  }

  void header() {
    open(Tag::Header, "bs-header");
    element(Tag::H1, "bs-headline", a_.headline);
    if (!a_.dek.empty()) element(Tag::P, "bs-dek", a_.dek);
    if (!a_.authors.empty()) {
      open(Tag::P, "bs-byline");
      w_.text("By ");
      for (size_t i = 0; i < a_.authors.size(); ++i) {
        if (i > 0) w_.text(i + 1 == a_.authors.size() ? " and " : ", ");
        link("bs-author", a_.authors[i].url, a_.authors[i].label);
      }
      w_.close();
    }
    open(Tag::P, "bs-dateline");
    if (!a_.published.empty()) {
      time("bs-published", a_.published, false);
    }
    if (!a_.modified.empty()) {
      if (!a_.published.empty()) w_.text(" \xC2\xB7 ");
      w_.text("Updated ");
      time("bs-modified", a_.modified, false);
    }
    const size_t minutes = reading_minutes();
    if (minutes > 0) {
      if (!a_.published.empty() || !a_.modified.empty()) w_.text(" \xC2\xB7 ");
      element(Tag::Span, "bs-reading-time", std::to_string(minutes) + " min read");
    }
    w_.close();
    w_.close();
  }

  size_t reading_minutes() const {
    size_t words = 0;
    for (const Block& b : a_.body) {
      if (b.type == BlockType::kMarkdown || b.type == BlockType::kPullquote) {
        words += count_words(b.text);
      }
    }
    if (words == 0) return 0;
    return (words + kWordsPerMinute - 1) / kWordsPerMinute;
  }

  void hero() { figure(a_.hero, "bs-hero"); }

  void card(const Story& s) {
    open(Tag::Li, "bs-card");
    if (image_allowed(s.image)) image(s.image, "bs-card-image");
    open(Tag::H3, "bs-card-headline");
    link("", s.url, s.headline);
    w_.close();
    if (!s.excerpt.empty()) {
      element(Tag::P, "bs-card-excerpt", truncate_excerpt(s.excerpt, o_.excerpt_length));
    }
    if (!s.published.empty()) time("bs-card-date", s.published, false);
    w_.close();
  }

  // The current article is never listed as related to itself.
  bool is_self(const Story& s) const {
    return (!a_.id.empty() && s.id == a_.id) || (!a_.url.empty() && s.url == a_.url);
  }

  void story_cards(const std::vector<Story>& items, uint32_t count) {
    open(Tag::Ul, "bs-cards");
    uint32_t shown = 0;
    for (const Story& s : items) {
      if (is_self(s)) continue;
      if (count && shown == count) break;
      card(s);
      ++shown;
    }
    w_.close();
  }

  void stories(const StoryList& list, std::string_view cls, std::string_view widget) {
    if (!list.present) return;
    open(Tag::Aside, cls);
    w_.attr(Attr::AriaLabel, list.title);
    w_.attr(Attr::DataBroadsheet, widget);
    element(Tag::H2, "bs-section-title", list.title);
    story_cards(list.items, o_.count ? o_.count : list.count);
    w_.close();
  }

  // A plain placeholder for the page's ad script, not a landmark: a page has many of them, and
  // repeated landmarks with one name are noise for screen-reader navigation.
  void ad_slot(std::string_view slot, const std::vector<std::string>& sizes) {
    open(Tag::Div, "bs-ad");
    w_.attr(Attr::DataBroadsheet, "ad");
    if (!slot.empty()) w_.attr(Attr::DataSlot, slot);
    if (!sizes.empty()) {
      std::string joined;
      for (const auto& s : sizes) {
        if (!joined.empty()) joined += ' ';
        joined += s;
      }
      w_.attr(Attr::DataSizes, joined);
    }
    element(Tag::Span, "bs-ad-label", a_.ads_label.empty() ? "Advertisement" : a_.ads_label);
    w_.close();
  }

  void body() {
    if (a_.body.empty()) return;
    open(Tag::Div, "bs-body");
    size_t top_level = 0;
    for (const Block& b : a_.body) {
      const bool wrapped = !b.id.empty() || !b.lang.empty() || !b.dir.empty();
      if (wrapped) {
        w_.open(Tag::Div);
        // Block ids share the page's id space: the prefix keeps them from clobbering the host's.
        if (!b.id.empty()) w_.attr(Attr::Id, "user-content-" + b.id);
        if (!b.lang.empty()) w_.attr(Attr::Lang, b.lang);
        if (!b.dir.empty()) w_.attr(Attr::Dir, b.dir);
      }
      if (b.type == BlockType::kMarkdown) {
        // Ads count Markdown's own top-level blocks, continuing across blocks of the body.
        BlockOffset counter(*this, top_level);
        MarkdownContext ctx{w_, html_, warnings_, b.path, untrusted_, 1, &counter, &heading_ids_};
        top_level += render_markdown(b.text, ctx);
      } else {
        // An explicit ad block takes the automatic slot's place instead of doubling it.
        if (b.type == BlockType::kAd) {
          ++top_level;
        } else {
          before_block(top_level++, w_);
        }
        block(b);
      }
      if (wrapped) w_.close();
    }
    w_.close();
  }

  // Shifts the block index of one Markdown block by the blocks before it.
  struct BlockOffset final : BlockObserver {
    BlockOffset(Layout& l, size_t offset) : layout(l), offset(offset) {}
    void before_block(size_t index, Writer& w) override { layout.before_block(offset + index, w); }
    Layout& layout;
    size_t offset;
  };

  void block(const Block& b) {
    switch (b.type) {
      case BlockType::kMarkdown:
        break;  // handled by body()
      case BlockType::kImage:
        figure(b.image, "bs-figure");
        break;
      case BlockType::kGallery:
        open(Tag::Div, "bs-gallery");
        for (const Image& img : b.images) figure(img, "bs-figure");
        w_.close();
        break;
      case BlockType::kPullquote:
        open(Tag::Figure, "bs-pullquote");
        w_.open(Tag::Blockquote);
        element(Tag::P, "", b.text);
        w_.close();
        if (!b.attribution.empty()) element(Tag::Figcaption, "bs-attribution", b.attribution);
        w_.close();
        break;
      case BlockType::kEmbed:
        embed(b);
        break;
      case BlockType::kAd:
        ad_slot(b.slot, b.sizes);
        break;
      case BlockType::kRelated: {
        open(Tag::Aside, "bs-related bs-related-inline");
        const std::string title = b.title.empty() ? "Related stories" : b.title;
        w_.attr(Attr::AriaLabel, title);
        element(Tag::H2, "bs-section-title", title);
        story_cards(b.items, 0);
        w_.close();
        break;
      }
      case BlockType::kHtml: {
        open(Tag::Div, "bs-html");
        const size_t depth = w_.depth();
        html_.set_path(pointer_append(b.path, "html"));
        html_.feed(b.text, w_, false);
        html_.finish(w_);
        w_.close_to(depth);
        w_.close();
        break;
      }
      case BlockType::kDivider:
        open(Tag::Hr, "bs-divider");
        w_.close();
        break;
    }
  }

  // Third-party players are never loaded by broadsheet: an embed is a link card that the page (or
  // the embedding widget) may upgrade on a click, so nothing runs until the reader asks.
  void embed(const Block& b) {
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
    open(Tag::Figure, "bs-embed");
    w_.attr(Attr::DataBroadsheet, "embed");
    std::string label = b.title.empty() ? std::string("View content") : b.title;
    label += " (";
    label += provider;
    label += ")";
    link("bs-embed-link", b.url, label);
    w_.close();
  }

  void source() {
    if (!a_.has_source) return;
    open(Tag::P, "bs-source");
    w_.text("Source: ");
    link("", a_.source.url, a_.source.label);
    w_.close();
  }

  void tags() {
    if (a_.tags.empty()) return;
    open(Tag::Nav, "bs-tags");
    w_.attr(Attr::AriaLabel, "Tags");
    w_.open(Tag::Ul);
    for (const Link& t : a_.tags) {
      w_.open(Tag::Li);
      link("bs-tag", t.url, t.label);
      w_.close();
    }
    w_.close();
    w_.close();
  }

  void subscribe() {
    const Subscribe& s = a_.subscribe;
    if (!s.present) return;
    open(Tag::Aside, "bs-subscribe");
    w_.attr(Attr::AriaLabel, s.title);
    w_.attr(Attr::DataBroadsheet, "subscribe");
    element(Tag::H2, "bs-section-title", s.title);
    if (!s.benefits.empty()) {
      open(Tag::Ul, "bs-benefits");
      for (const std::string& b : s.benefits) element(Tag::Li, "", b);
      w_.close();
    }
    std::string action;
    if (w_.urls().sanitize(s.action, action)) {
      // A plain form: it posts without JavaScript; the embedding layer may intercept it.
      open(Tag::Form, "bs-subscribe-form");
      w_.attr(Attr::Method, "post");
      w_.url_attr(Attr::Action, action);
      open(Tag::Label, "bs-subscribe-field");
      element(Tag::Span, "bs-subscribe-label", s.label);
      open(Tag::Input, "bs-subscribe-email");
      w_.attr(Attr::Type, "email");
      w_.attr(Attr::Name, "email");
      w_.attr(Attr::Autocomplete, "email");
      w_.attr(Attr::Required, "");
      if (!s.placeholder.empty()) w_.attr(Attr::Placeholder, s.placeholder);
      w_.close();
      w_.close();
      open(Tag::Button, "bs-subscribe-button");
      w_.attr(Attr::Type, "submit");
      w_.text(s.cta);
      w_.close();
      open(Tag::P, "bs-subscribe-message");
      w_.attr(Attr::Role, "status");
      w_.attr(Attr::AriaLive, "polite");
      w_.close();
      w_.close();
    }
    w_.close();
  }

  const Article& a_;
  Writer& w_;
  const RenderOptions& o_;
  std::vector<Diagnostic>& warnings_;
  bool untrusted_;
  HtmlSanitizer html_;
  HeadingIds heading_ids_;  // unique across the article's Markdown blocks
};

}  // namespace

void render_layout(const Article& article, Writer& writer, const RenderOptions& options,
                   std::vector<Diagnostic>& warnings) {
  Layout layout(article, writer, options, warnings);
  if (options.widget == Widget::kNone) {
    layout.article();
  } else {
    layout.widget(options.widget);
  }
}

void render_markdown_alone(std::string_view markdown, Writer& writer, const RenderOptions& options,
                           std::vector<Diagnostic>& warnings) {
  Article empty;
  Layout(empty, writer, options, warnings).markdown_only(markdown);
}

}  // namespace broadsheet
