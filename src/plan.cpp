// broadsheet — plan_layout(): the decisions, in the order a reader meets them (see plan.h).
#include "plan.h"

#include <cmath>

#include "language.h"
#include "sanitizer.h"

namespace broadsheet {
namespace {

constexpr unsigned kWordsPerMinute = 200;

// 9.8 -> "9.8", 10 -> "10", -0.04 -> "0": one decimal at most, without printf (whose floating
// point formatting would add kilobytes to the module). The host localises the digits.
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

// What an ad slot may not stand next to: a heading belongs with the text below it; lists,
// figures, quotes and other boxes read as part of the story, and two ads in a row read as one.
enum class Neighbour { kParagraph, kBlocking, kOther };

Neighbour neighbour(UnitKind kind) {
  switch (kind) {
    case UnitKind::kParagraph:
      return Neighbour::kParagraph;
    case UnitKind::kHeading:
    case UnitKind::kList:
      return Neighbour::kBlocking;
    default:
      return Neighbour::kOther;
  }
}

Neighbour neighbour(BlockType type) {
  switch (type) {
    case BlockType::kImage:
    case BlockType::kGallery:
    case BlockType::kPullquote:
    case BlockType::kEmbed:
    case BlockType::kAd:
    case BlockType::kRelated:
      return Neighbour::kBlocking;
    default:
      return Neighbour::kOther;
  }
}

// A slot's name as an id: letters, digits, '-' and '_' kept, anything else '-'.
std::string slot_id(std::string_view name) {
  std::string id = "bs-ad-";
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    id.push_back(ok ? c : '-');
  }
  return id;
}

class Planner {
 public:
  Planner(const Article& a, const RenderOptions& o, LayoutPlan& p) : a_(a), o_(o), p_(p) {}

  void run() {
    p_.untrusted = a_.trust == Trust::kUntrusted || o_.trust == Trust::kUntrusted;
    const LayoutVariant variant = o_.layout != LayoutVariant::kUnset ? o_.layout : a_.layout;
    p_.single_column = variant == LayoutVariant::kSingle;
    p_.widget = o_.widget;
    const bool whole = o_.widget == Widget::kNone;

    language();
    furniture();
    // Ids in document order, so that the first of two equal names keeps it as written.
    const Toc toc = o_.toc != Toc::kUnset ? o_.toc : a_.toc;
    if (whole && toc != Toc::kUnset && toc != Toc::kOff)
      p_.contents_id = p_.ids.claim("bs-contents");
    if (whole ? o_.related : o_.widget == Widget::kRelated) {
      list(a_.related, "relatedStories", "bs-related-title", p_.related);
    }
    if (whole) body();
    if (whole ? o_.subscribe : o_.widget == Widget::kSubscribe) subscribe();
    if (whole ? o_.latest : o_.widget == Widget::kLatest) {
      list(a_.latest, "latestStories", "bs-latest-title", p_.latest);
    }
    if (!p_.contents_id.empty()) contents(toc);
  }

 private:
  // The reader's language: the option over the article's lang. Labels are looked up in the
  // article's messages, then the option's, then the host's catalogue for the language, then the
  // English built in; dates and numbers come from the host in that language.
  void language() {
    p_.locale = !o_.locale.empty() ? o_.locale : a_.lang;
    // No lang: English. A tag Intl refuses ("__proto__", "en\nfr") is English too, decided by the
    // host (web/core.js), which takes the tag as a separate argument, so any text is harmless.
    host_locale_ = p_.locale.empty() ? std::string_view("en") : std::string_view(p_.locale);
    p_.rtl = a_.dir.empty() && is_rtl_language(p_.locale);
    p_.catalogue = host_format(HostFormat::kCatalogue, host_locale_, {});
    // Two NULs after the host's answer: a label cut short or a text holding a NUL then still
    // ends inside the string, and the lookup (language.cpp) stops at an empty name.
    p_.catalogue.append(2, '\0');
    p_.by = message("by");
    p_.and_ = message("and");
    p_.comma = message("comma");
    p_.updated = message("updated");
    p_.source = message("source");
    p_.breadcrumb = message("breadcrumb");
    p_.contents_label = message("contents");
    p_.tags_label = message("tags");
  }

  std::string_view message(std::string_view key) const {
    for (const Messages* m : {&a_.messages, &o_.messages}) {
      // The last of two equal keys wins, as in a JSON object.
      for (size_t i = m->size(); i >= 2; i -= 2) {
        if ((*m)[i - 2] == key) return (*m)[i - 1];
      }
    }
    return catalogue_or_english(p_.catalogue.c_str(), key);
  }

  std::string date(std::string_view iso, HostFormat style) const {
    return iso.empty() ? std::string() : host_format(style, host_locale_, iso, a_.timezone);
  }

  void furniture() {
    const Topbar& t = a_.topbar;
    if (t.has_temperature) {
      // "other 9,8": the digits after the plural category, then the unit the article gives.
      const std::string number =
          host_format(HostFormat::kNumber, host_locale_, one_decimal(t.temperature));
      p_.topbar_temperature = number.substr(number.find(' ') + 1) + " \xC2\xB0" + t.unit;
    }
    p_.topbar_date = date(t.date, HostFormat::kFullDate);
    p_.published = date(a_.published, HostFormat::kLongDate);
    p_.modified = date(a_.modified, HostFormat::kLongDate);
    size_t words = 0;
    for (const Block& b : a_.body) {
      if (b.type == BlockType::kMarkdown || b.type == BlockType::kPullquote) {
        words += count_words(b.text);
      }
    }
    p_.reading_minutes = (words + kWordsPerMinute - 1) / kWordsPerMinute;
    if (p_.reading_minutes) {
      // "other 3": the count's plural category, then the count as the language writes it.
      const std::string counted =
          host_format(HostFormat::kNumber, host_locale_, std::to_string(p_.reading_minutes));
      const size_t space = counted.find(' ');
      std::string_view text = message("readingTime." + counted.substr(0, space));
      if (text.empty()) text = message("readingTime.other");
      const size_t at = text.find("{n}");
      p_.reading_time = std::string(text.substr(0, at));
      if (at != std::string_view::npos) {
        if (space != std::string::npos) p_.reading_time += counted.substr(space + 1);
        p_.reading_time += text.substr(at + 3);
      }
    }
  }

  // The current article is never listed as related to itself.
  bool is_self(const Story& s) const {
    return (!a_.id.empty() && s.id == a_.id) || (!a_.url.empty() && s.url == a_.url);
  }

  void stories(const std::vector<Story>& items, uint32_t count, PlannedList& out) {
    out.items = &items;
    for (size_t i = 0; i < items.size(); ++i) {
      const Story& s = items[i];
      if (is_self(s)) continue;
      if (count && out.stories.size() == count) break;
      out.stories.push_back(i);
      out.texts.push_back(truncate_excerpt(s.excerpt, o_.excerpt_length));
      out.texts.push_back(date(s.published, HostFormat::kLongDate));
    }
  }

  void list(const StoryList& list, const char* title_key, const char* id, PlannedList& out) {
    if (!list.present) return;
    out.shown = true;
    out.title = list.title.empty() ? message(title_key) : list.title;
    out.title_id = p_.ids.claim(id);
    stories(list.items, o_.count ? o_.count : list.count, out);
  }

  void subscribe() {
    const Subscribe& s = a_.subscribe;
    if (!s.present) return;
    p_.show_subscribe = true;
    p_.subscribe_title = s.title.empty() ? message("subscribe") : std::string_view(s.title);
    p_.subscribe_title_id = p_.ids.claim("bs-subscribe-title");
    p_.subscribe_cta = s.cta.empty() ? message("subscribeButton") : std::string_view(s.cta);
    p_.subscribe_label = s.label.empty() ? message("emailLabel") : std::string_view(s.label);
    p_.subscribe_placeholder =
        s.placeholder.empty() ? message("emailPlaceholder") : std::string_view(s.placeholder);
  }

  // Renders one Markdown text into nothing, for its top-level blocks and headings: the outline
  // the real render will follow, raw HTML included.
  void markdown_outline(const Block& b, MarkdownOutline& out) {
    DiscardSink sink;
    UrlPolicy urls(a_.url.empty() ? a_.site.url : a_.url);
    Writer writer(sink, urls);
    std::vector<Diagnostic> ignored;  // the real render reports them
    HtmlSanitizer html(ignored, p_.untrusted);
    MarkdownContext ctx{writer, html, ignored, b.path, p_.untrusted, 1};
    ctx.outline = &out;
    render_markdown(b.text, ctx);
  }

  size_t add_slot(std::string name, const AdSizes& sizes) {
    if (name.empty()) name = "inline-" + std::to_string(++unnamed_slots_);
    const AdSizes& given = !sizes.list.empty() ? sizes : a_.ads.sizes;
    p_.ad_texts.push_back(p_.ids.claim(slot_id(name)));
    p_.ad_texts.push_back(std::move(name));
    p_.ad_sizes.push_back(given.list.empty() ? nullptr : &given);
    return p_.ad_sizes.size() - 1;
  }

  // The body, block by block, in one pass: each top-level unit (a Markdown text's own blocks, or
  // another block whole) is a place where the ad rules may put a slot before it.
  void body() {
    p_.ad_label = a_.ads.label.empty() ? message("advertisement") : std::string_view(a_.ads.label);
    p_.body = std::vector<PlannedBlock>(a_.body.size());
    // The outline pass is a second render of each Markdown text: done only when a decision needs
    // it (automatic slots go between its blocks; the contents list comes before them).
    p_.markdown_planned = a_.ads.every || !p_.contents_id.empty();
    for (size_t i = 0; i < a_.body.size(); ++i) {
      const Block& b = a_.body[i];
      PlannedBlock& planned = p_.body[i];
      planned.block = &b;
      planned.wrapped = wrapped(b);
      if (b.type != BlockType::kMarkdown) {
        if (slot_fits(neighbour(b.type), true)) planned.before_slots.push_back(auto_slot());
        passed(neighbour(b.type), false, b.type == BlockType::kAd);
      }
      if (!b.id.empty()) planned.id = p_.ids.claim(std::string(kContentIdPrefix) + b.id);
      if (b.type == BlockType::kAd) {
        planned.slot = add_slot(b.slot, b.sizes);
      } else if (b.type == BlockType::kRelated) {
        planned.related.shown = true;
        planned.related.title =
            b.title.empty() ? message("relatedStories") : std::string_view(b.title);
        planned.related.title_id = p_.ids.claim("bs-related-inline-title");
        stories(b.items, 0, planned.related);
      } else if (b.type == BlockType::kMarkdown && p_.markdown_planned) {
        MarkdownOutline outline;
        markdown_outline(b, outline);
        for (size_t u = 0; u < outline.units.size(); ++u) {
          const UnitKind kind = MarkdownOutline::kind(outline.units[u]);
          const bool at_top = outline.units[u] & MarkdownOutline::kAtTop;
          // Inside a wrapper a slot would inherit the block's lang and id: only its edges qualify.
          if (slot_fits(neighbour(kind), u == 0 || (!planned.wrapped && at_top))) {
            const size_t slot = auto_slot();
            if (u == 0) {
              planned.before_slots.push_back(slot);
            } else {
              if (planned.markdown.ad_units.empty()) planned.markdown.first_slot = slot;
              planned.markdown.ad_units.push_back(u);
            }
          }
          passed(neighbour(kind), kind == UnitKind::kParagraph, false);
        }
        for (MarkdownOutline::Heading& h : outline.headings) {
          h.id = p_.ids.claim(heading_id(h.text));
          planned.markdown.heading_ids.push_back(h.id);
          if (h.level <= 3) headings_.push_back(std::move(h));
        }
      }
    }
  }

  // The ad rules, over the body's top-level units in order: a slot after every `every`
  // paragraphs, never before `after` paragraphs, never after the last unit, never next to a
  // heading, list, figure, pull quote, box or another ad, at most `max` automatic slots. A place
  // that breaks a rule moves the slot to the next one that keeps them all. An explicit ad block
  // takes the automatic slot's place: the paragraph count starts again after it.
  bool slot_fits(Neighbour next, bool direct_child) const {
    const AdRules& rules = a_.ads;
    return units_ > 0 && rules.every && paragraphs_ >= rules.after && since_slot_ >= rules.every &&
           (!rules.has_max || placed_ < rules.max) && direct_child &&
           previous_ != Neighbour::kBlocking && next != Neighbour::kBlocking;
  }
  size_t auto_slot() {
    since_slot_ = 0;
    ++placed_;
    return add_slot({}, AdSizes());
  }
  void passed(Neighbour kind, bool paragraph, bool explicit_ad) {
    ++units_;
    previous_ = kind;
    paragraphs_ += paragraph;
    since_slot_ += paragraph;
    if (explicit_ad) since_slot_ = 0;
  }

  void contents(Toc toc) {
    size_t h2 = 0;
    for (const ContentsEntry& e : headings_) h2 += e.level == 2;
    p_.contents = !headings_.empty() && (toc == Toc::kOn || h2 >= 3);
    if (p_.contents) p_.contents_entries = std::move(headings_);
  }

  const Article& a_;
  const RenderOptions& o_;
  LayoutPlan& p_;
  std::vector<ContentsEntry> headings_;
  std::string_view host_locale_;  // the locale as the host gets it (p_.locale, or "en")
  size_t unnamed_slots_ = 0;
  // The ad rules' count so far.
  size_t units_ = 0, paragraphs_ = 0, since_slot_ = 0, placed_ = 0;
  Neighbour previous_ = Neighbour::kOther;
};

}  // namespace

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

__attribute__((noinline)) void plan_layout(const Article& article, const RenderOptions& options,
                                           LayoutPlan& plan) {
  Planner(article, options, plan).run();
}

}  // namespace broadsheet
