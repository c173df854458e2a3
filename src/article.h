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
  std::string title;
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
  std::string title, action, cta, placeholder, label;
  std::vector<std::string> benefits;
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
  std::string slot;                  // ad
  std::vector<std::string> sizes;    // ad
  Image image;                       // image
  std::vector<Image> images;         // gallery
  std::vector<Story> items;          // related
};

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
  uint32_t ads_every = 0;  // 0: no ad slots
  std::string ads_label;
};

// Parses the input of a standalone widget: a whole article, or just the widget's own object
// ({"title", "items", "count"} for related/latest; the subscribe object for subscribe).
bool parse_widget(std::string_view json, Widget widget, Article& article,
                  std::vector<Diagnostic>& errors, std::vector<Diagnostic>& warnings);

// Parses and validates. Errors make the article unusable; warnings do not.
bool parse_article(std::string_view json, Article& article, std::vector<Diagnostic>& errors,
                   std::vector<Diagnostic>& warnings);

// Appends one JSON-pointer reference token to `path` (escaping ~ and /).
std::string pointer_append(std::string_view path, std::string_view token);

}  // namespace broadsheet

#endif  // BROADSHEET_ARTICLE_H
