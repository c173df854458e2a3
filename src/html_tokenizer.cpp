// HTML tokenizer following the WHATWG tokenization states; see the header for the contract.
//
// Where several spec states only differ in which parse error they report, they are folded into
// one; every fold is noted where it happens. Text and attribute values are located first and
// character references decoded afterwards: a reference never spans '<', a quote, whitespace or
// '>', so decoding the delimited span gives what the spec's inline "character reference state"
// gives.

#include "html_tokenizer.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "entity.h"
}

#include "ascii.h"
#include "utf8.h"
#include "word_scan.h"

namespace broadsheet {
namespace {

constexpr uint32_t kReplacementCharacter = 0xFFFD;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// The names the HTML standard allows without a trailing ';' (the Latin-1 entities plus the
// upper-case AMP, COPY, GT, LT, QUOT, REG). Their values come from md4c's table ("&amp;" etc.).
// One string, each name ended by a space: a table of string_views costs more in the module, and
// the names are looked up only after a reference without ';' missed md4c's table.
constexpr std::string_view kLegacyNames =
    "AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT "
    "Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN "
    "Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar "
    "ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 "
    "gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute "
    "ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 "
    "sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml ";
constexpr std::size_t kLongestLegacyName = 6;  // "Aacute", "frac12", ...
// Longest name in the standard is "CounterClockwiseContourIntegral" (31); leave headroom.
constexpr std::size_t kLongestEntityName = 48;
// Most bytes a decoded string takes per byte of its source: a NUL becomes U+FFFD (3 bytes); a
// character reference is never longer decoded than written, but for "&nGt;" and "&nLt;" (5 bytes,
// two code points of 3 bytes each). Room for this many is reserved before anything is written.
constexpr std::size_t kMaxGrowth = 3;

// Bytes to reserve for `raw_size` bytes decoded. Inputs are capped at 8 MiB long before they get
// here (article.cpp, broadsheet.cpp), so the product cannot overflow; the check keeps that true
// for any caller of the tokenizer, which aborts as running out of memory does.
std::size_t decoded_room(std::size_t raw_size) {
  if (raw_size > SIZE_MAX / kMaxGrowth) std::abort();
  return raw_size * kMaxGrowth;
}

constexpr std::size_t legacy_name_count() {
  std::size_t n = 0;
  for (const char c : kLegacyNames) n += c == ' ';
  return n;
}
static_assert(legacy_name_count() == 106, "the HTML standard lists 106 legacy names");

// Windows-1252 meanings of numeric references 0x80-0x9F; 0 where the spec keeps the value.
constexpr uint16_t kC1Remap[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88-8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98-9F
};

// The tokenizer's whitespace: tab, LF, FF, space (CR is already LF after preprocessing).
bool is_html_space(char c) { return c == '\t' || c == '\n' || c == '\f' || c == ' '; }

bool is_legacy_name(std::string_view name) {
  for (std::size_t at = 0; at < kLegacyNames.size();) {
    const std::size_t end = kLegacyNames.find(' ', at);
    if (kLegacyNames.substr(at, end - at) == name) return true;
    at = end + 1;
  }
  return false;
}

// Looks up "&name;" in md4c's table. md4c compares with strncmp over the key's length, which is
// exact only because the key ends in ';' and names hold no ';' before the end.
const ENTITY* lookup_entity(std::string_view name) {
  if (name.empty() || name.size() > kLongestEntityName) return nullptr;
  char key[kLongestEntityName + 2];
  key[0] = '&';
  for (std::size_t i = 0; i < name.size(); ++i) key[i + 1] = name[i];
  key[name.size() + 1] = ';';
  return entity_lookup(key, name.size() + 2);
}

// Writes the UTF-8 encoding of `cp` at `w` (surrogates and values above 0x10FFFF as U+FFFD) and
// returns the end: the decoder writes through a pointer into room reserved up front, since a
// push_back per byte is a chain of calls in the size-optimized WebAssembly build.
char* put_utf8(char* w, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementCharacter;
  if (cp < 0x80) {
    *w++ = static_cast<char>(cp);
    return w;
  }
  int tail = cp < 0x800 ? 1 : (cp < 0x10000 ? 2 : 3);  // continuation bytes
  // The lead byte: 110xxxxx, 1110xxxx or 11110xxx (the char keeps the low eight bits).
  *w++ = static_cast<char>((0xF0 << (3 - tail)) | (cp >> (6 * tail)));
  while (tail-- > 0) *w++ = static_cast<char>(0x80 | ((cp >> (6 * tail)) & 0x3F));
  return w;
}

char* put_entity(char* w, const ENTITY& e) {
  w = put_utf8(w, e.codepoints[0]);
  return e.codepoints[1] != 0 ? put_utf8(w, e.codepoints[1]) : w;
}

char* put_bytes(char* w, const char* bytes, std::size_t n) {
  std::memcpy(w, bytes, n);
  return w + n;
}

// "&#..." at `amp`. Returns the index just past what was consumed.
std::size_t decode_numeric_reference(std::string_view in, std::size_t amp, char*& w) {
  std::size_t i = amp + 2;  // past "&#"
  uint32_t base = 10;
  if (i < in.size() && (in[i] == 'x' || in[i] == 'X')) {
    base = 16;
    ++i;
  }
  const bool has_digit =
      i < in.size() && (base == 16 ? is_ascii_hex_digit(in[i]) : is_ascii_digit(in[i]));
  if (!has_digit) {
    // "&#" or "&#x" with no digits is not a reference: copy it as it is.
    w = put_bytes(w, in.data() + amp, i - amp);
    return i;
  }
  uint32_t value = 0;
  for (; i < in.size(); ++i) {
    const char c = in[i];
    uint32_t digit;
    if (is_ascii_digit(c)) {
      digit = static_cast<uint32_t>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<uint32_t>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      break;
    }
    // Saturate: "&#99999999999;" must not wrap around into a valid (maybe '<') code point.
    value = std::min<uint32_t>(value * base + digit, 0x110000);
  }
  if (i < in.size() && in[i] == ';') ++i;
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    value = kReplacementCharacter;
  } else if (value >= 0x80 && value <= 0x9F && kC1Remap[value - 0x80] != 0) {
    value = kC1Remap[value - 0x80];
  }
  w = put_utf8(w, value);
  return i;
}

// "&" + alphanumeric at `amp`. Returns the index just past what was consumed.
std::size_t decode_named_reference(std::string_view in, std::size_t amp, char*& w,
                                   bool in_attribute) {
  const std::size_t name_begin = amp + 1;
  std::size_t name_end = name_begin;
  while (name_end < in.size() && is_ascii_alnum(in[name_end])) ++name_end;
  const std::string_view run(in.data() + name_begin, name_end - name_begin);

  // Names in the table end with ';', and ';' is not alphanumeric, so the only ';' candidate is
  // the whole run; when it matches it is also the longest match.
  if (name_end < in.size() && in[name_end] == ';') {
    if (const ENTITY* e = lookup_entity(run)) {
      w = put_entity(w, *e);
      return name_end + 1;
    }
  }
  // Otherwise the longest legacy name that prefixes the run ("&notit;" -> "&not" + "it;").
  for (std::size_t len = std::min(run.size(), kLongestLegacyName); len >= 2; --len) {
    const std::string_view name(run.data(), len);
    if (!is_legacy_name(name)) continue;
    const std::size_t after = name_begin + len;
    // In attributes "&copy=" and "&copyx" stay literal, so query strings like "?a=1&copy=2"
    // survive; the browser does the same, and a URL check must see what it sees.
    if (in_attribute && after < in.size() && (in[after] == '=' || is_ascii_alnum(in[after]))) {
      break;
    }
    const ENTITY* e = lookup_entity(name);
    if (e == nullptr) break;  // Cannot happen with md4c's table; stay literal rather than drop.
    w = put_entity(w, *e);
    return after;
  }
  // Not a reference: the '&' and the whole alphanumeric run are text.
  w = put_bytes(w, in.data() + amp, name_end - amp);
  return name_end;
}

// Decodes the references of `in` at `w`; returns the end. Never longer than kMaxGrowth bytes per
// byte of `in`.
char* decode_references(std::string_view in, char* w, bool in_attribute) {
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t amp = in.find('&', i);
    if (amp == std::string_view::npos) amp = in.size();
    w = put_bytes(w, in.data() + i, amp - i);
    if (amp == in.size()) break;
    const std::size_t after = amp + 1;
    if (after < in.size() && in[after] == '#') {
      i = decode_numeric_reference(in, amp, w);
    } else if (after < in.size() && is_ascii_alnum(in[after])) {
      i = decode_named_reference(in, amp, w, in_attribute);
    } else {
      *w++ = '&';
      i = after;
    }
  }
  return w;
}

// How put_text writes a string of a token.
enum TextRule : unsigned {
  kName = 0,         // a tag, attribute or DOCTYPE name: ASCII-lowercased, NUL as U+FFFD
  kDecode = 1,       // character references decoded
  kInAttribute = 2,  // ... by the attribute rules
  kData = 4,         // ordinary text: no NUL (dropped), no "</>" (a browser ignores it)
  kKeepCase = 8,     // not a name: letters as they are
  kValue = kDecode | kInAttribute | kKeepCase,
};

// Writes `raw` at `w` by `rules`, NUL as U+FFFD unless dropped. Splitting at NUL and at "</>" is
// what a browser's inline decoding does: neither is alphanumeric, so each ends any reference
// ("&am</>p;" stays "&amp;" as text). Returns the view written and moves `w` past it.
std::string_view put_text(char*& w, std::string_view raw, unsigned rules) {
  char* const start = w;
  const std::size_t n = raw.size();
  std::size_t chunk = 0;
  for (std::size_t i = 0;; ++i) {
    std::size_t skip = 0;  // bytes that end the chunk and are not copied
    if (i < n && raw[i] == '\0') {
      skip = 1;
    } else if ((rules & kData) && i + 2 < n && raw[i] == '<' && raw[i + 1] == '/' &&
               raw[i + 2] == '>') {
      skip = 3;
    } else if (i < n) {
      continue;
    }
    const std::string_view part(raw.data() + chunk, i - chunk);
    char* const part_start = w;
    w = (rules & kDecode) ? decode_references(part, w, rules & kInAttribute)
                          : put_bytes(w, part.data(), part.size());
    if (!(rules & kKeepCase)) {
      for (char* c = part_start; c < w; ++c) *c = to_ascii_lower(*c);
    }
    if (i == n) break;
    if (skip == 1 && !(rules & kData)) w = put_bytes(w, kReplacementUtf8.data(), 3);
    i += skip - 1;
    chunk = i + 1;
  }
  return {start, static_cast<std::size_t>(w - start)};
}

// What a byte does in text and inside a tag: one table lookup per byte of text, a name or a value
// (a chain of comparisons per byte otherwise).
enum TagByte : uint8_t {
  kEndsTagName = 1,        // whitespace, '/', '>'
  kEndsAttributeName = 2,  // ... and '='
  kChangesName = 4,        // put_text rewrites it in a name: upper-case letters and NUL
  kEndsUnquotedValue = 8,  // whitespace, '>'
  kChangesValue = 16,      // put_text rewrites it in a value: '&' (a reference) and NUL
  kEndsDoubleQuoted = 32,  // '"'
  kEndsSingleQuoted = 64,  // '\''
  kStopsText = 128,        // '<', '&', NUL: where text stops being a plain copy of the input
};
struct TagByteTable {
  uint8_t at[256];
};
constexpr TagByteTable make_tag_byte_table() {
  TagByteTable t{};
  for (const char c : {'\t', '\n', '\f', ' '}) {
    t.at[static_cast<unsigned char>(c)] = kEndsTagName | kEndsAttributeName | kEndsUnquotedValue;
  }
  t.at[static_cast<unsigned char>('/')] = kEndsTagName | kEndsAttributeName;
  t.at[static_cast<unsigned char>('>')] = kEndsTagName | kEndsAttributeName | kEndsUnquotedValue;
  t.at[static_cast<unsigned char>('=')] = kEndsAttributeName;
  t.at[static_cast<unsigned char>('"')] = kEndsDoubleQuoted;
  t.at[static_cast<unsigned char>('\'')] = kEndsSingleQuoted;
  t.at[static_cast<unsigned char>('&')] = kChangesValue | kStopsText;
  t.at[static_cast<unsigned char>('<')] = kStopsText;
  t.at[0] = kChangesName | kChangesValue | kStopsText;
  for (char c = 'A'; c <= 'Z'; ++c) t.at[static_cast<unsigned char>(c)] = kChangesName;
  return t;
}
constexpr TagByteTable kTagBytes = make_tag_byte_table();

// Where text that starts at `i` stops being a plain copy of the input: at '<', '&' or NUL (`n` if
// none). Eight bytes at a time while a word holds none of them (word_scan.h): the size-optimized
// WebAssembly build neither unrolls nor vectorizes the byte loop, and text is long runs of bytes
// that need no closer look.
std::size_t text_end(const char* p, std::size_t i, std::size_t n) {
  while (n - i >= 8) {
    const uint64_t word = load_word(p + i);
    if (has_byte(word, '<') | has_byte(word, '&') | has_zero_byte(word)) break;
    i += 8;
  }
  while (i < n && !(kTagBytes.at[static_cast<unsigned char>(p[i])] & kStopsText)) ++i;
  return i;
}

// Where the name or value that starts at `i` ends: at the first byte with a bit of `ends`
// (`n` if none). Sets `changes` if a byte before it has a bit of `changing`.
std::size_t tag_run_end(const char* p, std::size_t i, std::size_t n, unsigned ends,
                        unsigned changing, bool& changes) {
  unsigned seen = 0;
  for (; i < n; ++i) {
    const unsigned what = kTagBytes.at[static_cast<unsigned char>(p[i])];
    if (what & ends) break;
    seen |= what;
  }
  changes = changes || (seen & changing);
  return i;
}

// The browser's input stream: invalid UTF-8 becomes U+FFFD by the one cleaner (utf8.h, the WHATWG
// decoder's rule), then CR LF and CR become LF. Doing this up front means every token holds valid
// UTF-8 and we tokenize the same characters the browser does. NUL stays: the tokenizer replaces or
// drops it by context.
std::string preprocess_input(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  append_clean_utf8(out, in, NulByte::kKeep);
  std::size_t cr = out.find('\r');
  if (cr == std::string::npos) return out;
  std::size_t to = cr;
  for (std::size_t from = cr; from < out.size(); ++from) {
    if (out[from] != '\r') {
      out[to++] = out[from];
    } else {
      out[to++] = '\n';
      if (from + 1 < out.size() && out[from + 1] == '\n') ++from;
    }
  }
  out.resize(to);
  return out;
}

// First-wins removal of duplicate attribute names, as the spec does when it leaves the attribute
// name state. Quadratic for small tags; sorted for large ones so that "<a b c d ...>" with a
// million attributes stays O(n log n).
void remove_duplicate_attributes(std::vector<HtmlAttribute>& attributes) {
  const std::size_t count = attributes.size();
  if (count < 2) return;
  // One byte per attribute (a std::string: no std::vector<bool> code in the module for this).
  std::string keep(count, 1);
  if (count <= 16) {
    for (std::size_t i = 1; i < count; ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (keep[j] && attributes[j].name == attributes[i].name) {
          keep[i] = 0;
          break;
        }
      }
    }
  } else {
    // qsort (which md4c already links) on pointers into the vector, ties broken by address so
    // that the first of equal names sorts first: std::stable_sort costs 3 KB of WebAssembly.
    std::vector<const HtmlAttribute*> order(count);
    for (std::size_t i = 0; i < count; ++i) order[i] = &attributes[i];
    std::qsort(order.data(), count, sizeof(order[0]), [](const void* a, const void* b) {
      const HtmlAttribute* x = *static_cast<const HtmlAttribute* const*>(a);
      const HtmlAttribute* y = *static_cast<const HtmlAttribute* const*>(b);
      if (const int c = x->name.compare(y->name)) return c;
      return x < y ? -1 : (y < x ? 1 : 0);
    });
    for (std::size_t k = 1; k < count; ++k) {
      if (order[k]->name == order[k - 1]->name) keep[order[k] - attributes.data()] = 0;
    }
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!keep[i]) continue;
    attributes[out++] = attributes[i];
  }
  attributes.resize(out);
}

void reset_token(HtmlToken& token) {
  token.kind = HtmlToken::Kind::Text;
  token.name = {};
  token.attributes.clear();
  token.self_closing = false;
  token.data = {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Character references

void decode_character_references(std::string_view in, std::string& out, bool in_attribute) {
  const std::size_t old_size = out.size();
  out.resize(old_size + decoded_room(in.size()));
  char* const begin = &out[0];
  out.resize(
      static_cast<std::size_t>(decode_references(in, begin + old_size, in_attribute) - begin));
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

// What a '<' in the data state starts, decided from at most the two characters after it.
enum class HtmlTokenizer::Markup {
  LiteralLessThan,        // "<" + anything but a letter, '/', '!', '?': text "<".
  LiteralLessThanSlash,   // "</" at the end of input: text "</".
  IgnoredEndTag,          // "</>": dropped entirely.
  StartTag,               // "<" + letter.
  EndTag,                 // "</" + letter.
  BogusEndTagComment,     // "</" + anything else: bogus comment.
  Declaration,            // "<!": comment, DOCTYPE or bogus comment.
  ProcessingInstruction,  // "<?": bogus comment.
};

HtmlTokenizer::HtmlTokenizer(std::string_view input, bool input_is_clean) : input_(input) {
  // NDEBUG is off in the native tests and the fuzz build: the caller's word is checked there.
  assert(!input_is_clean || (clean_utf8_prefix(input, NulByte::kKeep) == input.size() &&
                             input.find('\r') == std::string_view::npos));
  if (input_is_clean) return;
  // Nearly all input is valid UTF-8 without CR already: then it is read where it lies.
  if (clean_utf8_prefix(input, NulByte::kKeep) == input.size() &&
      input.find('\r') == std::string_view::npos) {
    return;
  }
  preprocessed_ = preprocess_input(input);
  input_ = preprocessed_;
}

// Room for the current token's strings that differ from the input, all taken from `raw_size` bytes
// of it: reserved before any is written, so that the views already taken stay valid.
char* HtmlTokenizer::room(std::size_t raw_size) {
  const std::size_t size = decoded_room(raw_size);
  if (buffer_.size() < size) buffer_.resize(size);
  return &buffer_[0];
}

void HtmlTokenizer::set_content_model(ContentModel model, std::string_view end_tag_name) {
  model_ = model;
  end_tag_name_.clear();
  bool letters_only = true;
  for (char c : end_tag_name) letters_only = letters_only && is_ascii_alpha(c);
  if (letters_only) {
    for (char c : end_tag_name) end_tag_name_.push_back(to_ascii_lower(c));
  }
}

bool HtmlTokenizer::next(HtmlToken& out) {
  reset_token(out);
  const char* const p = input_.data();
  const std::size_t n = input_.size();

  if (model_ != ContentModel::Data) {
    const ContentModel model = model_;
    const std::size_t end = find_raw_text_end();
    const std::string_view raw(p + pos_, end - pos_);
    pos_ = end;
    if (model != ContentModel::PlainText) model_ = ContentModel::Data;
    if (!raw.empty()) {
      // A view of the input unless a NUL, or a reference in RCDATA, makes the text differ: the
      // sanitizer drops script and style content, and should not pay for a copy of it.
      const bool decode = model == ContentModel::RcData;
      bool changes = false;
      for (const char c : raw) changes = changes || c == '\0' || (decode && c == '&');
      out.data = raw;
      if (changes) {
        char* w = room(raw.size());
        out.data = put_text(w, raw, decode ? kDecode | kKeepCase : kKeepCase);
      }
      return true;
    }
  }

  // Text up to the next markup: a view of the input unless a reference, a NUL or an ignored "</>"
  // in it makes the token's text differ.
  std::size_t begin = pos_;
  bool changes = false;
  for (;;) {
    pos_ = text_end(p, pos_, n);
    if (pos_ < n && p[pos_] != '<') {
      changes = true;
      ++pos_;
      continue;
    }
    Markup markup = Markup::LiteralLessThan;
    if (pos_ < n) {
      markup = classify_markup(pos_);
      switch (markup) {
        case Markup::LiteralLessThan:
          pos_ += 1;
          continue;
        case Markup::LiteralLessThanSlash:
          pos_ += 2;
          continue;
        case Markup::IgnoredEndTag:
          // The browser drops "</>", so the text on both sides becomes one text node.
          changes = true;
          pos_ += 3;
          continue;
        default:
          break;
      }
    }
    std::string_view text(p + begin, pos_ - begin);
    if (changes) {
      char* w = room(text.size());
      text = put_text(w, text, kDecode | kData | kKeepCase);
    }
    if (pos_ >= n) {
      out.data = text;
      return !text.empty();
    }
    if (!text.empty()) {
      out.data = text;
      return true;  // The markup is lexed on the next call.
    }
    if (lex_markup(markup, out)) return true;
    // A tag cut off by the end of input is dropped; pos_ is now at the end.
    begin = pos_;
    changes = false;
  }
}

HtmlTokenizer::Markup HtmlTokenizer::classify_markup(std::size_t lt) const {
  const std::size_t n = input_.size();
  if (lt + 1 >= n) return Markup::LiteralLessThan;
  const char c = input_[lt + 1];
  if (is_ascii_alpha(c)) return Markup::StartTag;
  if (c == '!') return Markup::Declaration;
  if (c == '?') return Markup::ProcessingInstruction;
  if (c != '/') return Markup::LiteralLessThan;
  if (lt + 2 >= n) return Markup::LiteralLessThanSlash;
  const char c2 = input_[lt + 2];
  if (is_ascii_alpha(c2)) return Markup::EndTag;
  if (c2 == '>') return Markup::IgnoredEndTag;
  return Markup::BogusEndTagComment;
}

bool HtmlTokenizer::lex_markup(Markup markup, HtmlToken& out) {
  const std::size_t lt = pos_;
  switch (markup) {
    case Markup::StartTag:
      out.kind = HtmlToken::Kind::StartTag;
      pos_ = lt + 1;
      return lex_tag(out);
    case Markup::EndTag:
      out.kind = HtmlToken::Kind::EndTag;
      pos_ = lt + 2;
      return lex_tag(out);
    case Markup::BogusEndTagComment:
      out.kind = HtmlToken::Kind::Comment;
      pos_ = lt + 2;
      lex_bogus_comment(out);
      return true;
    case Markup::ProcessingInstruction:
      out.kind = HtmlToken::Kind::ProcessingInstruction;
      pos_ = lt + 1;  // The '?' is part of the data, as in the spec.
      lex_bogus_comment(out);
      return true;
    case Markup::Declaration:
      pos_ = lt + 2;
      if (starts_with_ascii_ci(input_, pos_, "--")) {
        out.kind = HtmlToken::Kind::Comment;
        pos_ += 2;
        lex_comment(out);
      } else if (starts_with_ascii_ci(input_, pos_, "doctype")) {
        out.kind = HtmlToken::Kind::Doctype;
        pos_ += 7;
        lex_doctype(out);
      } else {
        // Includes "<![CDATA[": outside svg/math it is a bogus comment up to the first '>', so
        // "<![CDATA[<img src=x onerror=...>]]>" hides nothing from us that a browser would see.
        out.kind = HtmlToken::Kind::Comment;
        lex_bogus_comment(out);
      }
      return true;
    default:
      return false;
  }
}

// Tag name, attributes and the closing '>' (tag name, before/after attribute name, attribute
// name, before attribute value, the three attribute value states, after attribute value (quoted)
// and self-closing start tag states). Returns false if the input ends first: the tag is dropped.
bool HtmlTokenizer::lex_tag(HtmlToken& out) {
  enum class State {
    TagName,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeAttributeValue,
    AttributeValueQuoted,
    AttributeValueUnquoted,
    AfterAttributeValueQuoted,
    SelfClosingStartTag,
  };
  const char* const p = input_.data();
  const std::size_t n = input_.size();
  const std::size_t begin = pos_;
  State state = State::TagName;
  char quote = '"';
  bool emit = false;
  // Names and values are views of the input until the tag is complete; if one of them differs
  // from its source (upper case or NUL in a name, a reference or NUL in a value), all are written
  // out then.
  bool changes = false;

  while (!emit && pos_ < n) {
    const char c = p[pos_];
    switch (state) {
      case State::TagName:
        if (is_html_space(c)) {
          state = State::BeforeAttributeName;
        } else if (c == '/') {
          state = State::SelfClosingStartTag;
        } else if (c == '>') {
          emit = true;
        } else {
          // Everything but whitespace, '/' and '>' is part of the name, '<' included:
          // "<scr<script>" is one tag named "scr<script".
          pos_ = tag_run_end(p, pos_, n, kEndsTagName, kChangesName, changes);
          out.name = std::string_view(p + begin, pos_ - begin);
          break;
        }
        ++pos_;
        break;

      case State::BeforeAttributeName:
        if (is_html_space(c)) {
          ++pos_;
        } else if (c == '/' || c == '>') {
          state = State::AfterAttributeName;  // Reconsume.
        } else {
          // Only here may '=' start a name: "<a =x>" has an attribute named "=x".
          const std::size_t length = c == '=' ? 1 : 0;
          out.attributes.push_back({std::string_view(p + pos_, length), {}});
          pos_ += length;
          state = State::AttributeName;
        }
        break;

      case State::AttributeName:
        // Quotes and '<' are name characters: "<img \"\"\">" has an attribute named "\"\"\"".
        if (is_html_space(c) || c == '/' || c == '>') {
          state = State::AfterAttributeName;  // Reconsume.
        } else if (c == '=') {
          state = State::BeforeAttributeValue;
          ++pos_;
        } else {
          std::string_view& name = out.attributes.back().name;
          pos_ = tag_run_end(p, pos_, n, kEndsAttributeName, kChangesName, changes);
          name = std::string_view(name.data(), static_cast<std::size_t>(p + pos_ - name.data()));
        }
        break;

      case State::AfterAttributeName:
        if (is_html_space(c)) {
          ++pos_;
        } else if (c == '/') {
          state = State::SelfClosingStartTag;
          ++pos_;
        } else if (c == '=') {
          state = State::BeforeAttributeValue;
          ++pos_;
        } else if (c == '>') {
          emit = true;
          ++pos_;
        } else {
          out.attributes.push_back({std::string_view(p + pos_, 0), {}});
          state = State::AttributeName;  // Reconsume.
        }
        break;

      case State::BeforeAttributeValue:
        if (is_html_space(c)) {
          ++pos_;
        } else if (c == '"' || c == '\'') {
          quote = c;
          state = State::AttributeValueQuoted;
          ++pos_;
        } else if (c == '>') {
          emit = true;  // Missing value: "<a href=>" has href="".
          ++pos_;
        } else {
          state = State::AttributeValueUnquoted;  // Reconsume.
        }
        break;

      case State::AttributeValueQuoted: {
        const std::size_t close =
            tag_run_end(p, pos_, n, quote == '"' ? kEndsDoubleQuoted : kEndsSingleQuoted,
                        kChangesValue, changes);
        if (close == n) {
          pos_ = n;  // Unclosed quote: the tag runs to the end of input and is dropped.
          break;
        }
        out.attributes.back().value = std::string_view(p + pos_, close - pos_);
        pos_ = close + 1;
        state = State::AfterAttributeValueQuoted;
        break;
      }

      case State::AttributeValueUnquoted: {
        // Ends only at whitespace or '>': quotes, '=', '`', '<' and '/' are value characters, so
        // "onerror=alert(1)//>" has the value "alert(1)//".
        const std::size_t end = tag_run_end(p, pos_, n, kEndsUnquotedValue, kChangesValue, changes);
        if (end == n) {
          pos_ = n;
          break;
        }
        out.attributes.back().value = std::string_view(p + pos_, end - pos_);
        pos_ = end + 1;
        if (p[end] == '>') {
          emit = true;
        } else {
          state = State::BeforeAttributeName;
        }
        break;
      }

      case State::AfterAttributeValueQuoted:
        if (is_html_space(c)) {
          state = State::BeforeAttributeName;
          ++pos_;
        } else if (c == '/') {
          state = State::SelfClosingStartTag;
          ++pos_;
        } else if (c == '>') {
          emit = true;
          ++pos_;
        } else {
          // 'a="1"b="2"' is two attributes.
          state = State::BeforeAttributeName;  // Reconsume.
        }
        break;

      case State::SelfClosingStartTag:
        if (c == '>') {
          out.self_closing = true;
          emit = true;
          ++pos_;
        } else {
          // A '/' not followed by '>' separates attributes: "<a/href=x>" has href="x".
          state = State::BeforeAttributeName;  // Reconsume.
        }
        break;
    }
  }
  if (!emit) {
    // End of input inside a tag: the browser emits nothing for it, and neither do we.
    return false;
  }
  if (out.kind == HtmlToken::Kind::EndTag) {
    out.attributes.clear();  // A browser ignores attributes on end tags.
  }
  if (changes) {
    // Every name and value lies inside the tag, so its length bounds what they take written out.
    char* w = room(pos_ - begin);
    out.name = put_text(w, out.name, kName);
    for (HtmlAttribute& a : out.attributes) {
      a.name = put_text(w, a.name, kName);
      a.value = put_text(w, a.value, kValue);
    }
  }
  remove_duplicate_attributes(out.attributes);
  return true;
}

// Comment start, comment start dash, comment, comment end dash, comment end and comment end bang
// states. The four "comment less-than sign" states only report nested-comment parse errors; they
// never change the data or where the comment ends, so they are folded into the comment state.
//
// Every character the spec appends to the data is the input's next one after the data so far (the
// dashes it holds back are appended only when they turn out to be data), so the data is a prefix
// of the comment's text: only where it ends is tracked, and the data is then a view of the input
// (written out only when a NUL in it becomes U+FFFD), never built a character at a time.
void HtmlTokenizer::lex_comment(HtmlToken& out) {
  enum class State { Start, StartDash, Comment, EndDash, End, EndBang };
  const std::size_t n = input_.size();
  const std::size_t begin = pos_;
  std::size_t data_end = begin;
  State state = State::Start;
  bool closed = false;
  while (!closed && pos_ < n) {
    const char c = input_[pos_];
    switch (state) {
      case State::Start:
        if (c == '-') {
          state = State::StartDash;
          ++pos_;
        } else if (c == '>') {
          ++pos_;  // "<!-->": abruptly closed, empty comment.
          return;
        } else {
          state = State::Comment;  // Reconsume.
        }
        break;
      case State::StartDash:
        if (c == '-') {
          state = State::End;
          ++pos_;
        } else if (c == '>') {
          ++pos_;  // "<!--->": abruptly closed, empty comment.
          return;
        } else {
          data_end = pos_;         // the '-'
          state = State::Comment;  // Reconsume.
        }
        break;
      case State::Comment:
        if (c == '-') {
          state = State::EndDash;
        } else {
          data_end = pos_ + 1;
        }
        ++pos_;
        break;
      case State::EndDash:
        if (c == '-') {
          state = State::End;
          ++pos_;
        } else {
          data_end = pos_;         // the '-'
          state = State::Comment;  // Reconsume.
        }
        break;
      case State::End:
        if (c == '>') {
          closed = true;
          ++pos_;
        } else if (c == '!') {
          state = State::EndBang;
          ++pos_;
        } else if (c == '-') {
          data_end = pos_ - 1;  // "--->": the first dash is data.
          ++pos_;
        } else {
          data_end = pos_;         // "--"
          state = State::Comment;  // Reconsume.
        }
        break;
      case State::EndBang:
        if (c == '-') {
          data_end = pos_;  // "--!"
          state = State::EndDash;
          ++pos_;
        } else if (c == '>') {
          closed = true;  // "--!>" closes a comment too.
          ++pos_;
        } else {
          data_end = pos_;         // "--!"
          state = State::Comment;  // Reconsume.
        }
        break;
    }
  }
  // At the end of input the browser emits the comment with what it has, as we do.
  const std::string_view data = input_.substr(begin, data_end - begin);
  if (data.find('\0') == std::string_view::npos) {
    out.data = data;
  } else {
    char* w = room(data.size());
    out.data = put_text(w, data, kKeepCase);
  }
}

// Bogus comment state: everything up to the first '>' (or the end of input) is the data.
void HtmlTokenizer::lex_bogus_comment(HtmlToken& out) {
  std::size_t end = input_.find('>', pos_);
  if (end == std::string_view::npos) end = input_.size();
  const std::string_view raw(input_.data() + pos_, end - pos_);
  char* w = room(raw.size());
  out.data = put_text(w, raw, kKeepCase);
  pos_ = end < input_.size() ? end + 1 : end;
}

// DOCTYPE: the name is read as in the spec; every later DOCTYPE state (public/system identifiers,
// quoted or not, and bogus DOCTYPE) ends the token at the first '>' or the end of input, even
// inside quotes, so the rest is skipped up to there.
void HtmlTokenizer::lex_doctype(HtmlToken& out) {
  const std::size_t n = input_.size();
  while (pos_ < n && is_html_space(input_[pos_])) ++pos_;
  const std::size_t begin = pos_;
  while (pos_ < n && !is_html_space(input_[pos_]) && input_[pos_] != '>') ++pos_;
  char* w = room(pos_ - begin);
  out.name = put_text(w, input_.substr(begin, pos_ - begin), kName);
  const std::size_t end = input_.find('>', pos_);
  pos_ = end == std::string_view::npos ? n : end + 1;
}

// ---------------------------------------------------------------------------------------------
// RCDATA, RAWTEXT, script data, PLAINTEXT

// "</name" + whitespace, '/' or '>' at `lt`: the "appropriate end tag" of the spec's
// *-end-tag-name states. "</script" at the very end of input is text, not an end tag.
bool HtmlTokenizer::is_end_tag_at(std::size_t lt) const {
  if (end_tag_name_.empty()) return false;
  const std::size_t n = input_.size();
  const std::size_t after = lt + 2 + end_tag_name_.size();
  if (after >= n || input_[lt + 1] != '/') return false;
  if (!starts_with_ascii_ci(input_, lt + 2, end_tag_name_)) return false;
  const char c = input_[after];
  return is_html_space(c) || c == '/' || c == '>';
}

std::size_t HtmlTokenizer::find_raw_text_end() const {
  const std::size_t n = input_.size();
  switch (model_) {
    case ContentModel::RcData:
    case ContentModel::RawText: {
      std::size_t i = pos_;
      for (;;) {
        const std::size_t lt = input_.find('<', i);
        if (lt == std::string::npos) return n;
        if (is_end_tag_at(lt)) return lt;
        i = lt + 1;
      }
    }
    case ContentModel::ScriptData:
      return find_script_data_end();
    case ContentModel::PlainText:
    case ContentModel::Data:
    default:
      return n;
  }
}

// Script data and its escaped / double-escaped states. In "<script><!--<script>" the browser
// stops honouring "</script>" until "-->" or a second "</script>", so a naive search for
// "</script" would end the script early. The dash states are kept because "-->" only leaves the
// escape after two dashes.
std::size_t HtmlTokenizer::find_script_data_end() const {
  enum class State {
    Data,
    Escaped,
    EscapedDash,
    EscapedDashDash,
    DoubleEscaped,
    DoubleEscapedDash,
    DoubleEscapedDashDash,
  };
  const std::string_view in(input_);
  const std::size_t n = in.size();
  State state = State::Data;
  std::size_t i = pos_;

  // Letters after "<" or "</" inside an escape; true if they spell "script" and are followed by
  // whitespace, '/' or '>' (the double escape start / end states). `i` is left on the character
  // after the letters; the caller decides whether it is consumed.
  auto letters_spell_script = [&](std::size_t from, std::size_t& after_letters) {
    std::size_t j = from;
    while (j < n && is_ascii_alpha(in[j])) ++j;
    after_letters = j;
    if (j - from != 6 || j >= n) return false;
    if (!starts_with_ascii_ci(in, from, "script")) return false;
    return is_html_space(in[j]) || in[j] == '/' || in[j] == '>';
  };

  while (i < n) {
    const char c = in[i];
    switch (state) {
      case State::Data:
        if (c == '<') {
          if (is_end_tag_at(i)) return i;
          if (starts_with_ascii_ci(in, i, "<!--")) {
            state = State::EscapedDashDash;  // Script data escape start (dash) states.
            i += 4;
            continue;
          }
        }
        ++i;
        break;

      case State::Escaped:
      case State::EscapedDash:
      case State::EscapedDashDash:
        if (c == '-') {
          state = state == State::Escaped ? State::EscapedDash : State::EscapedDashDash;
        } else if (c == '<') {
          if (is_end_tag_at(i)) return i;
          state = State::Escaped;
          std::size_t after_letters = i + 1;
          if (i + 1 < n && is_ascii_alpha(in[i + 1])) {
            if (letters_spell_script(i + 1, after_letters)) {
              state = State::DoubleEscaped;
              i = after_letters + 1;  // The delimiter is consumed.
            } else {
              i = after_letters;  // Letters are plain escaped text; reconsume the next one.
            }
            continue;
          }
        } else if (c == '>' && state == State::EscapedDashDash) {
          state = State::Data;  // "-->" leaves the escape.
        } else {
          state = State::Escaped;
        }
        ++i;
        break;

      case State::DoubleEscaped:
      case State::DoubleEscapedDash:
      case State::DoubleEscapedDashDash:
        if (c == '-') {
          state = state == State::DoubleEscaped ? State::DoubleEscapedDash
                                                : State::DoubleEscapedDashDash;
        } else if (c == '<') {
          state = State::DoubleEscaped;
          if (i + 1 < n && in[i + 1] == '/') {
            // Double escape end: "</script" + delimiter goes back to escaped, not to data.
            std::size_t after_letters = i + 2;
            if (letters_spell_script(i + 2, after_letters)) {
              state = State::Escaped;
              i = after_letters + 1;
            } else {
              i = after_letters;
            }
            continue;
          }
        } else if (c == '>' && state == State::DoubleEscapedDashDash) {
          state = State::Data;
        } else {
          state = State::DoubleEscaped;
        }
        ++i;
        break;
    }
  }
  return n;
}

}  // namespace broadsheet
