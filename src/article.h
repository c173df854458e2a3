// broadsheet — the typed Article model that validation produces and layout consumes.
// URLs are kept as written; the Writer checks them when they reach output.
#ifndef BROADSHEET_ARTICLE_H
#define BROADSHEET_ARTICLE_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "broadsheet/broadsheet.h"

namespace broadsheet {
class JsonValue;
}

namespace broadsheet {

struct Link {
  std::string label;
  std::string url;  // may be empty: the label is shown as text
};

struct Image {
  bool present = false;
  std::string src, alt, srcset, caption, credit;
  uint32_t width = 0, height = 0;  // 0: not given
};

struct Story {
  std::string id, headline, excerpt, url, published;
  Image image;
};

struct StoryList {
  bool present = false;
  std::string title;  // "" : the plan gives the default title
  std::vector<Story> items;
  uint32_t count = 0;  // 0: show all
};

struct Topbar {
  bool present = false;
  std::string location, date;
  bool has_temperature = false;
  double temperature = 0;
  std::string unit;  // "C" or "F"
};

struct Subscribe {
  bool present = false;
  std::string title, action, cta, placeholder, label;  // "" (but action): the plan's defaults
  std::vector<std::string> benefits;
};

// The creative sizes an ad slot accepts, as the ad stack reads them: "300x250,336x280".
struct AdSizes {
  std::string list;     // "" : not given
  uint32_t height = 0;  // the tallest
};

// The article's automatic ad slots ("ads"): where the plan may put them, and how they look.
struct AdRules {
  uint32_t every = 0;  // 0: no automatic slots (explicit ad blocks still render)
  uint32_t after = 2;  // paragraphs before the first automatic slot
  uint32_t max = 0;    // 0: no limit
  bool has_max = false;
  std::string label;  // "" : the plan's default label
  AdSizes sizes;      // not given: the plan's default sizes
};

enum class BlockType {
  kMarkdown,
  kImage,
  kGallery,
  kPullquote,
  kEmbed,
  kAd,
  kRelated,
  kHtml,
  kDivider
};

struct Block {
  BlockType type = BlockType::kMarkdown;
  std::string path;  // JSON pointer of the block, for warnings raised while rendering
  std::string id, lang, dir;
  std::string text;                  // markdown text, pullquote text, html
  std::string attribution;           // pullquote
  std::string provider, url, title;  // embed
  std::string slot;                  // ad: its name for the ad stack ("" : the plan names it)
  AdSizes sizes;                     // ad (not given: the article's ads.sizes)
  Image image;                       // image
  std::vector<Image> images;         // gallery
  std::vector<Story> items;          // related
};

// A block with an id, lang or dir is wrapped in a <div> that carries them.
inline bool wrapped(const Block& b) { return !b.id.empty() || !b.lang.empty() || !b.dir.empty(); }

struct Article {
  std::string id, url, lang, dir;
  Trust trust = Trust::kPublisher;
  Link site;
  Topbar topbar;
  std::vector<Link> breadcrumbs;
  std::string headline, dek;
  std::vector<Link> authors;
  std::string published, modified;
  Image hero;
  std::vector<Block> body;  // a Markdown string body is one kMarkdown block
  bool has_source = false;
  Link source;
  std::vector<Link> tags;
  StoryList related, latest;
  Subscribe subscribe;
  AdRules ads;
  Toc toc = Toc::kUnset;
  LayoutVariant layout = LayoutVariant::kUnset;
  std::string timezone;  // IANA name dates are shown in ("Europe/Berlin"); "": as written
  Messages messages;     // labels for this article, over the render option's
};

// Parses the input of a standalone widget: a whole article, or just the widget's own object
// ({"title", "items", "count"} for related/latest; the subscribe object for subscribe).
bool parse_widget(std::string_view json, Widget widget, Article& article,
                  std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings);

// Parses and validates. Errors make the article unusable; warnings do not.
bool parse_article(std::string_view json, Article& article, std::vector<Diagnostic>& errors,
                   std::vector<Diagnostic>& warnings);

// Reads the labels in `parent`'s "messages" object (an article's, or the render options'): those
// the core writes (kLabels), each a string; a wrong type is an error with its path.
void read_messages(const JsonValue& parent, Messages& out, std::vector<Diagnostic>& errors);

// Appends one JSON-pointer reference token to `path` (escaping ~ and /).
std::string pointer_append(std::string_view path, std::string_view token);

}  // namespace broadsheet

#endif  // BROADSHEET_ARTICLE_H
