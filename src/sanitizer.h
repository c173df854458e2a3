// broadsheet — the raw-HTML sanitizer: tokens in, allowlisted elements out through the Writer.
#ifndef BROADSHEET_SANITIZER_H
#define BROADSHEET_SANITIZER_H

#include <string>
#include <vector>

#include "html_tokenizer.h"
#include "markdown.h"

namespace broadsheet {

// Filters raw HTML chunks against the policy (policy.h) and writes what survives:
//   - allowlisted elements (kTagUserContent) with their allowlisted attributes;
//   - elements in BROADSHEET_DROPPED_ELEMENTS are removed with everything inside;
//   - any other element is unwrapped: its tag goes, its text stays;
//   - comments, doctypes and processing instructions are removed.
// It also keeps the output stable under HTML parsing: what it emits, serialized and parsed again by
// a browser, gives the same tree as the op buffer builds (no block inside <p>, no <a> inside <a>,
// table parts only in tables, one list item per <li> …), so the two output paths cannot diverge.
class HtmlSanitizer final : public HtmlFilter {
 public:
  // `warnings` receives one "html_removed" entry per distinct removal, at `path`.
  HtmlSanitizer(std::vector<Diagnostic>& warnings, bool untrusted)
      : warnings_(warnings), untrusted_(untrusted) {}

  void set_path(std::string path) override {
    path_ = std::move(path);
    reported_.clear();
  }
  // Where kept ids are made unique (nullptr: ids are written as they are, after the prefix).
  void set_ids(IdRegistry* ids) { ids_ = ids; }
  void feed(std::string_view html, Writer& writer, bool inline_context, bool clean) override;
  bool dropping() const override { return drop_depth_ > 0; }
  void closed_to(size_t depth) override;
  void end_block(Writer& writer) override;
  void finish(Writer& writer) override;

 private:
  struct Open {
    Tag tag;
    size_t depth;  // Writer depth before the element was opened
  };
  // `tag`: the allowed element `token` names, Tag::kCount when it names none.
  void start_tag(const HtmlToken& token, Tag tag, Writer& w, bool inline_context);
  void end_tag(const HtmlToken& token, Writer& w);
  void text(std::string_view data, Writer& w);
  void open(Tag tag, const HtmlToken& token, Writer& w);
  void attributes(Tag tag, const HtmlToken& token, Writer& w);
  bool close_own(size_t index, Writer& w);  // closes open_[index] and what is inside it
  int find_open(Tag tag) const;             // innermost of ours, -1 if none
  bool in_table_context(const Writer& w) const;
  void warn(std::string message);
  void warn_element(const HtmlToken& t, const char* what, const char* why = "",
                    const char* why_end = "");
  // "removed attribute \"name\" from <tag>", given once per element and attribute name.
  void warn_not_allowed(const HtmlAttribute& a, const HtmlToken& t);
  // "removed attribute \"name\" from <tag>: its value holds \"...\"..." for an XML breakout.
  void warn_breakout(const HtmlAttribute& a, const HtmlToken& t);
  // "removed attribute \"name\" from <tag>" + why + detail + why_end.
  void warn_attribute(const HtmlAttribute& a, const HtmlToken& t, const char* why,
                      std::string_view detail = {}, const char* why_end = "");

  std::vector<Diagnostic>& warnings_;
  bool untrusted_;
  IdRegistry* ids_ = nullptr;
  std::string path_;
  // The attributes reported as not allowed at path_, each as the element's name and the
  // attribute's, each after its length in a byte: a body drops the same few (class, style, on*
  // handlers) on most of its elements, and the warning, given once, need not be built for each.
  std::string reported_;
  std::vector<Open> open_;
  // Inside an element dropped with its content: its name, nesting of the same name, and how the
  // tokenizer must read what follows (raw text continues across chunks).
  std::string drop_name_;
  size_t drop_depth_ = 0;
  HtmlTokenizer::ContentModel drop_model_ = HtmlTokenizer::ContentModel::Data;
  bool pre_start_ = false;  // just opened <pre>: a browser drops one leading newline
  // attributes()'s scratch: an attribute value being rewritten (an id, a keyword), a checked URL.
  std::string value_;
  CheckedUrl url_;
};

}  // namespace broadsheet

#endif  // BROADSHEET_SANITIZER_H
