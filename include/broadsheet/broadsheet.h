// broadsheet — article JSON in, sanitized markup out.
//
// This header is the whole public C++ API. Read top to bottom:
//   1. Diagnostic: what is wrong with an input, with a stable code and a JSON-pointer path.
//   2. RenderOptions: the few knobs a caller has.
//   3. The entry points: validate, render to HTML, render to the browser op buffer, Markdown alone.
// Nothing here throws or aborts on bad input: errors come back as data.
#ifndef BROADSHEET_BROADSHEET_H
#define BROADSHEET_BROADSHEET_H

#include <string>
#include <string_view>
#include <vector>

namespace broadsheet {

// One problem found in an input.
//   code:    stable identifier a program can switch on (see docs/errors.md), e.g. "invalid_type";
//   path:    JSON pointer (RFC 6901) to the offending value, "" for the document itself;
//   message: one English sentence for a person.
struct Diagnostic {
  std::string code;
  std::string path;
  std::string message;
};

// How much the article's author is trusted. Links in an untrusted article also get
// rel="nofollow ugc" (comments, syndicated or user-submitted content).
enum class Trust { kPublisher, kUntrusted };

// A widget rendered on its own (render option "widget"), outside the article.
enum class Widget { kNone, kRelated, kLatest, kSubscribe };

// Whether the article gets a contents list (a <nav> of links to its h2/h3 headings).
//   kUnset: the article's own "toc" decides (absent: no list);  kAuto: when it has 3 or more h2.
enum class Toc { kUnset, kOff, kOn, kAuto };

// Where the widgets go. kStandard: related stories in a side column on wide screens (from 64em),
// latest stories after the article; kSingle: one column, related and latest after the body.
// kUnset: the article's own "layout" decides (absent: kStandard).
enum class LayoutVariant { kUnset, kStandard, kSingle };

// Reader-facing labels by name ("by", "relatedStories", …; see locales/en.json), names and texts
// alternating: {"by", "Von ", "tags", "Schlagwörter"}; of two equal names, the later wins. A plural
// label has one entry per Intl.PluralRules category, the name and category joined by '.':
// "readingTime.one", "readingTime.other". (A flat string vector: the module has its code already.)
using Messages = std::vector<std::string>;

struct RenderOptions {
  // Overrides the article's own "trust" field when set to kUntrusted; a caller can lower trust,
  // never raise it above what the article says.
  Trust trust = Trust::kPublisher;
  // Largest excerpt shown in a related/latest card, in characters; longer ones are cut at a word
  // boundary and end with "...". 0 keeps excerpts whole.
  unsigned excerpt_length = 160;
  // Section widgets to leave out of the article render (for pages that mount them elsewhere).
  bool related = true;
  bool latest = true;
  bool subscribe = true;
  // Largest number of stories in a related/latest list; 0 keeps the article's own "count".
  unsigned count = 0;
  // Render only this widget, as one <div class="bs-widget"> (the input may be a whole article or
  // just the widget's object).
  Widget widget = Widget::kNone;
  // Override the article's own "toc" and "layout" fields when set.
  Toc toc = Toc::kUnset;
  LayoutVariant layout = LayoutVariant::kUnset;
  // The reader's language (BCP 47) when it is not the article's "lang": dates, numbers and labels
  // follow it, and it is written as the article's lang attribute.
  std::string locale;
  // Labels over the built-in English ones (web/ passes the language's catalogue here, under the
  // caller's own messages); an article's "messages" and its own titles win over these.
  Messages messages;
};

struct Result {
  bool ok = false;                   // false: `errors` says why and `output` is empty
  std::vector<Diagnostic> errors;    // the input cannot be rendered
  std::vector<Diagnostic> warnings;  // rendered, but something was dropped or ignored
  std::string output;                // HTML fragment, or op buffer (render_article_ops)
};

// Checks an article JSON document without rendering it.
Result validate_article(std::string_view json);

// Renders an article JSON document to an HTML fragment (one <article> element).
Result render_article_html(std::string_view json, const RenderOptions& options = {});

// Renders an article to the op buffer that web/dom.js turns into DOM nodes (layout in writer.h).
Result render_article_ops(std::string_view json, const RenderOptions& options = {});

// Renders a Markdown string alone, through the same policy, to HTML or to ops.
Result render_markdown_html(std::string_view markdown, const RenderOptions& options = {});
Result render_markdown_ops(std::string_view markdown, const RenderOptions& options = {});

// Parses render options from JSON ({"trust": "untrusted", "excerptLength": 120, "related": false,
// "count": 3, "widget": "related", "toc": "auto", "layout": "single", "locale": "de",
// "messages": {"by": "Von ", "readingTime.one": "{n} Minute", "readingTime.other": "{n} Minuten"}).
// Unknown keys are ignored; a wrongly typed value is an error with its path.
bool parse_render_options(std::string_view json, RenderOptions& options,
                          std::vector<Diagnostic>& errors);

// Serializes diagnostics as JSON: {"ok":…,"errors":[{code,path,message}],"warnings":[…]}.
std::string diagnostics_json(const Result& result);

}  // namespace broadsheet

#endif  // BROADSHEET_BROADSHEET_H
