// HTML tokenizer for the raw-HTML chunks that md4c reports, and the character-reference decoder
// shared by the rest of the core.
//
// The sanitizer decides what survives by looking at these tokens, so the tokenizer must see the
// same tags, attributes and comments a browser would: it follows the WHATWG HTML tokenization
// rules, state by state, for everything that changes where a token starts or ends. It does not
// build a tree, and it knows nothing about foreign content (svg/math are dropped by the policy),
// so "<![CDATA[" is always a bogus comment.
//
// Input handling, as a browser does before tokenizing:
//   - CR LF and lone CR become LF;
//   - invalid UTF-8 becomes U+FFFD (one per maximal invalid subsequence, WHATWG Encoding rules),
//     so every string in a token is valid UTF-8.
// NUL bytes: U+FFFD in tag names, attribute names and values, comments, DOCTYPE names and
// RCDATA/RAWTEXT/script/PLAINTEXT text; dropped from ordinary text (a browser's tree builder
// ignores them "in body").
//
// Guarantees: no recursion, no exceptions, linear time in the input size, never reads past the
// end of the input.

#ifndef BROADSHEET_HTML_TOKENIZER_H
#define BROADSHEET_HTML_TOKENIZER_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet {

// A token's strings are views into the tokenizer's input, or into its own buffer where a string
// differs from the input (a name with upper-case letters or NUL, a value or text with character
// references or NUL): valid until the next call to next(). Most tokens copy nothing.
struct HtmlAttribute {
  std::string_view name;   // ASCII-lowercased; may hold any character except whitespace, '/', '>'.
  std::string_view value;  // Character references decoded with the attribute rules; "" if missing.
};

struct HtmlToken {
  enum class Kind {
    // "<name ...>". `name`, `attributes`, `self_closing` are set.
    StartTag,
    // "</name ...>". `name` and `self_closing` are set; attributes a browser would ignore are
    // dropped, so `attributes` is always empty.
    EndTag,
    // Character data, `data` decoded: valid UTF-8 without NUL (dropped or replaced). Adjacent
    // text is merged, so two Text tokens never follow each other, and a Text token is never empty.
    Text,
    // "<!-- ... -->", and the bogus comments a browser makes from "<!x...>", "<![CDATA[...>" and
    // "</ x...>". `data` is the comment text (for bogus comments: everything after "<!" or "</" up
    // to the first '>', so a CDATA one starts with "[CDATA[").
    Comment,
    // "<!DOCTYPE name ...>". `name` is the lowercased name ("" if missing); `data` is empty.
    Doctype,
    // "<?...>": a bogus comment in HTML. `data` is everything from the '?' up to the first '>'.
    ProcessingInstruction,
  };
  Kind kind = Kind::Text;
  std::string_view name;                  // StartTag, EndTag, Doctype: ASCII-lowercased.
  std::vector<HtmlAttribute> attributes;  // StartTag only, source order; duplicates: first wins.
  bool self_closing = false;              // "<br/>"; for an EndTag a browser ignores it.
  std::string_view data;                  // Text, Comment, ProcessingInstruction.
};

class HtmlTokenizer {
 public:
  // `input` must outlive the tokenizer: tokens may point into it. `input_is_clean`: the caller
  // knows `input` to be valid UTF-8 without CR (raw HTML cut from a Markdown document that was
  // found clean), so the browser's input cleaning, a pass over every byte, is left out (checked in
  // the native tests and the fuzz build).
  explicit HtmlTokenizer(std::string_view input, bool input_is_clean = false);
  HtmlTokenizer(const HtmlTokenizer&) = delete;
  HtmlTokenizer& operator=(const HtmlTokenizer&) = delete;

  // Fills `out` (every field is reset) with the next token. Returns false at the end of input.
  //
  // A tag still open at the end of input ("<a href=x", "<img src='x") is dropped: no token is
  // returned for it, exactly as a browser creates no element for it. Comments and DOCTYPEs open
  // at the end of input are returned, as a browser does.
  bool next(HtmlToken& out);

  // How the text after the last start tag is to be read.
  enum class ContentModel {
    Data,        // Ordinary markup (the default).
    RcData,      // title, textarea: no tags, character references decoded.
    RawText,     // style, xmp, iframe, noembed, noframes, noscript: no tags, no references.
    ScriptData,  // script: RawText plus the "<!--" / "<script" escaping rules of script data.
    PlainText,   // plaintext: everything to the end of input is text; no end tag.
  };

  // Called by the sanitizer right after it receives a start tag whose element holds raw text in a
  // browser. The next call to next() returns everything up to the end tag "</end_tag_name"
  // (ASCII case-insensitive) followed by whitespace, '/' or '>' as one Text token (none if that
  // text is empty), and the call after that returns the end tag itself; the tokenizer is then
  // back in Data. With no such end tag, the text runs to the end of input. PlainText ignores
  // `end_tag_name`; so does Data. A name that is empty or not all ASCII letters can never match
  // (as in a browser, whose end-tag names here are letters only), so the text runs to the end.
  void set_content_model(ContentModel model, std::string_view end_tag_name);

 private:
  enum class Markup;
  Markup classify_markup(std::size_t lt) const;
  bool lex_markup(Markup markup, HtmlToken& out);
  bool lex_tag(HtmlToken& out);
  void lex_comment(HtmlToken& out);
  void lex_bogus_comment(HtmlToken& out);
  void lex_doctype(HtmlToken& out);
  std::size_t find_raw_text_end() const;
  std::size_t find_script_data_end() const;
  bool is_end_tag_at(std::size_t lt) const;

  char* room(std::size_t raw_size);

  std::string preprocessed_;  // The input cleaned as a browser does, when that changes it.
  std::string_view input_;    // Preprocessed: newlines normalized, valid UTF-8.
  std::string buffer_;        // The current token's strings that differ from the input.
  std::size_t pos_ = 0;
  ContentModel model_ = ContentModel::Data;
  std::string end_tag_name_;  // Lowercased; empty when no end tag can match.
};

// Decodes character references in `in` and appends the result to `out`, per the HTML rules:
// "&name;" for every name in the HTML standard; the 106 legacy names that may appear without ';'
// (&amp &lt &copy &nbsp ...) with the longest match ("&notit;" -> "¬it;"); "&#123;" and "&#x1F;"
// with ';' optional. Numeric: 0, surrogates and values above 0x10FFFF become U+FFFD, and
// 0x80-0x9F are remapped as Windows-1252 ("&#x80;" -> "€"). Anything that is not a reference is
// copied unchanged. With `in_attribute`, a legacy reference without ';' followed by '=' or an
// ASCII alphanumeric is left as is ("?a=1&copy=2" keeps "&copy"), as browsers do in attributes.
// Output is UTF-8; bytes outside references are copied as they are (no UTF-8 validation).
void decode_character_references(std::string_view in, std::string& out, bool in_attribute);

}  // namespace broadsheet

#endif  // BROADSHEET_HTML_TOKENIZER_H
