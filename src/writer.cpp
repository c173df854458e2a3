// broadsheet — Writer and its two sinks.
#include "writer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include "word_scan.h"

namespace broadsheet {

// ---- ByteBuffer ----

ByteBuffer::~ByteBuffer() { std::free(data_); }

char* ByteBuffer::release() {
  char* data = data_;
  data_ = nullptr;
  size_ = capacity_ = 0;
  return data;
}

thread_local bool g_output_overflowed = false;

void ByteBuffer::grow(size_t more) {
  if (more > SIZE_MAX / 4 - size_) std::abort();  // no doubling below can overflow
  if (size_ + more > kMaxOutputBytes) {
    g_output_overflowed = true;
    size_ = 0;
    if (more <= capacity_) return;
  }
  size_t capacity = capacity_ ? capacity_ : 256;
  while (capacity - size_ < more) capacity *= 2;
  char* data = static_cast<char*>(std::realloc(data_, capacity));
  if (data == nullptr) std::abort();
  data_ = data;
  capacity_ = capacity;
}

void ByteBuffer::insert(size_t at, const void* bytes, size_t n) {
  if (n > capacity_ - size_) grow(n);
  if (at > size_) return;
  std::memmove(data_ + at + n, data_ + at, size_ - at);
  std::memcpy(data_ + at, bytes, n);
  size_ += n;
}

// ---- HtmlSink ----

namespace {

// Bytes where the escaper must look closer: & < > always, " in attribute values, and 0xC2 (the
// lead byte of U+00A0).
struct StopTable {
  bool at[256];
};
constexpr StopTable make_stop_table(bool attribute) {
  StopTable t{};
  t.at[static_cast<unsigned char>('&')] = true;
  t.at[static_cast<unsigned char>('<')] = true;
  t.at[static_cast<unsigned char>('>')] = true;
  t.at[0xC2] = true;
  if (attribute) t.at[static_cast<unsigned char>('"')] = true;
  return t;
}
constexpr StopTable kStopText = make_stop_table(false);
constexpr StopTable kStopAttribute = make_stop_table(true);

// Whether a word of input may hold a byte of either stop table (word_scan.h): most words of text
// and attribute values hold none and are copied whole. '<' and '>' differ only in bit 1, and '"'
// and '&' only in bit 2, so setting that bit in every byte finds either of a pair in one test. A
// '"' in text is no stop there: its word takes the byte loop, where the table decides.
inline bool word_may_stop(uint64_t word) {
  return has_byte(word | (kEveryByte * 0x02), '>') | has_byte(word | (kEveryByte * 0x04), '&') |
         has_byte(word, 0xC2);
}

// The one HTML escaper. `attribute` selects the attribute-value set. It writes into the buffer
// through a pointer, with room for the worst case made per chunk of input: in the WebAssembly build
// a memcpy call per run between two escaped characters cost more than the copy itself. A word
// without a stop byte is copied as one; the word that holds one is escaped a byte at a time.
void append_escaped(ByteBuffer& out, std::string_view s, bool attribute) {
  constexpr size_t kChunk = 256;
  constexpr size_t kLongest = 6;  // "&quot;" for '"'; "&nbsp;" for U+00A0's two bytes
  const bool* stop = attribute ? kStopAttribute.at : kStopText.at;
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char* const chunk_end = p + std::min<size_t>(static_cast<size_t>(end - p), kChunk);
    char* w = out.room(static_cast<size_t>(chunk_end - p) * kLongest);
    while (p < chunk_end) {
      if (chunk_end - p >= 8) {
        const uint64_t word = load_word(p);
        if (!word_may_stop(word)) {
          std::memcpy(w, &word, sizeof word);
          w += 8;
          p += 8;
          continue;
        }
      }
      const char* const slow_end = p + std::min<size_t>(static_cast<size_t>(chunk_end - p), 8);
      while (p < slow_end) {
        const char c = *p++;
        const char* escaped = nullptr;
        if (stop[static_cast<unsigned char>(c)]) {
          switch (c) {
            case '&':
              escaped = "&amp;";
              break;
            case '<':
              escaped = "&lt;";
              break;
            case '>':
              escaped = "&gt;";
              break;
            case '"':  // a stop in attribute values only
              escaped = "&quot;";
              break;
            default:  // 0xC2: U+00A0 is written as the DOM serializer writes it
              if (p < end && *p == '\xA0') {
                escaped = "&nbsp;";
                ++p;
              }
          }
        }
        if (escaped == nullptr) {
          *w++ = c;
        } else {
          while (*escaped) *w++ = *escaped++;
        }
      }
    }
    out.commit(w);
  }
}

// A tag or attribute name at `w`, a byte at a time (names are a few bytes: less than a call).
BROADSHEET_BYTE_LOOPS char* put_name(char* w, std::string_view name) {
  for (const char ch : name) *w++ = ch;
  return w;
}

// " name=\"": an attribute's start, with one capacity check.
void append_attr_start(ByteBuffer& out, Attr attr) {
  const std::string_view name = attr_name(attr);
  char* w = out.room(name.size() + 3);
  *w++ = ' ';
  w = put_name(w, name);
  *w++ = '=';
  *w++ = '"';
  out.commit(w);
}

}  // namespace

void HtmlSink::finish_start_tag() {
  if (in_start_tag_) {
    out_.push_back('>');
    in_start_tag_ = false;
  }
}

void HtmlSink::open(Tag tag) {
  const std::string_view name = tag_name(tag);
  char* w = out_.room(name.size() + 2);
  if (in_start_tag_) *w++ = '>';
  *w++ = '<';
  out_.commit(put_name(w, name));
  in_start_tag_ = true;
  pre_start_ = tag == Tag::Pre;
}

void HtmlSink::attr(Attr attr, std::string_view value) {
  append_attr_start(out_, attr);
  append_escaped(out_, value, true);
  out_.push_back('"');
}

void HtmlSink::insert_attr(size_t position, Attr attr, std::string_view value) {
  ByteBuffer written;
  append_attr_start(written, attr);
  append_escaped(written, value, true);
  written.push_back('"');
  out_.insert(position, written.data(), written.size());
}

void HtmlSink::text(std::string_view text) {
  finish_start_tag();
  // A parser drops one newline right after <pre>: write one more so that the text parsed back is
  // the text the DOM gets from the op buffer.
  if (pre_start_ && !text.empty() && text[0] == '\n') out_.push_back('\n');
  pre_start_ = false;
  append_escaped(out_, text, false);
}

void HtmlSink::close(Tag tag) {
  pre_start_ = false;
  if (tag_flags(tag) & kTagVoid) {
    finish_start_tag();
    return;
  }
  const std::string_view name = tag_name(tag);
  char* w = out_.room(name.size() + 4);
  if (in_start_tag_) *w++ = '>';
  *w++ = '<';
  *w++ = '/';
  w = put_name(w, name);
  *w++ = '>';
  out_.commit(w);
  in_start_tag_ = false;
}

// ---- OpSink ----

std::pair<uint32_t, uint32_t> OpSink::add_string(std::string_view s) {
  uint32_t units = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) units += (c >= 0xF0) ? 2 : 1;  // 4-byte sequences are surrogate pairs
  }
  const uint32_t start = utf16_length_;
  utf16_length_ += units;
  strings_.append(s.data(), s.size());
  return {start, units};
}

void OpSink::push_string(std::string_view s) {
  const auto [start, units] = add_string(s);
  push_word(start);
  push_word(units);
}

// Strings may sit anywhere in the string region, so only the op words move.
void OpSink::insert_attr(size_t position, Attr attr, std::string_view value) {
  const auto [start, units] = add_string(value);
  const uint32_t op[3] = {kOpAttr | (static_cast<uint32_t>(attr) << 8), start, units};
  out_.insert(position, op, sizeof op);
}

// Room for the header, filled in by finish() once the sizes are known.
OpSink::OpSink(ByteBuffer& out) : out_(out), header_(out.size()) {
  const uint32_t room[3] = {};
  out.append(room, sizeof room);
}

void OpSink::open(Tag tag) { push_word(kOpOpen | (static_cast<uint32_t>(tag) << 8)); }

void OpSink::attr(Attr attr, std::string_view value) {
  push_word(kOpAttr | (static_cast<uint32_t>(attr) << 8));
  push_string(value);
}

void OpSink::text(std::string_view text) {
  push_word(kOpText);
  push_string(text);
}

void OpSink::close(Tag) { push_word(kOpClose); }

void OpSink::finish() {
  // Both targets (x86-64 and wasm32) are little-endian, as the op format is.
  const uint32_t header[3] = {kOpMagic, static_cast<uint32_t>((out_.size() - header_ - 12) / 4),
                              static_cast<uint32_t>(strings_.size())};
  std::memcpy(out_.data() + header_, header, sizeof header);
  out_.append(strings_.data(), strings_.size());
}

// ---- Writer ----

void Writer::open(Tag tag) {
  if (stack_.size() >= kMaxDepth || flattened_ > 0) {
    ++flattened_;
    attrs_open_ = false;
    return;
  }
  stack_.push_back(tag);
  sink_.open(tag);
  attrs_open_ = true;
}

bool Writer::inside(Tag tag) const {
  for (Tag t : stack_) {
    if (t == tag) return true;
  }
  return false;
}

namespace {

bool parse_number(std::string_view v, uint32_t max, uint32_t& out) {
  size_t i = 0;
  while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n')) ++i;
  if (i == v.size() || v[i] < '0' || v[i] > '9') return false;
  uint64_t n = 0;  // max * 10 + 9 fits: no overflow before the clamp
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
    n = n * 10 + static_cast<uint64_t>(v[i] - '0');
    if (n > max) n = max;
  }
  out = static_cast<uint32_t>(n);
  return true;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A srcset descriptor: a positive number followed by w or x ("640w", "1.5x").
bool valid_descriptor(std::string_view d) {
  if (d.size() < 2 || (d.back() != 'w' && d.back() != 'x')) return false;
  bool digit = false;
  bool dot = false;
  for (size_t i = 0; i + 1 < d.size(); ++i) {
    if (d[i] >= '0' && d[i] <= '9') {
      digit = true;
    } else if (d[i] == '.' && !dot && d.back() == 'x') {
      dot = true;
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace

// A checked URL is ASCII with nothing to clean (url_policy.h): it goes to the sink as it is.
bool Writer::url_attr(Attr attr, const CheckedUrl& url) {
  if (!attrs_open_ || attr_kind(attr) != AttrKind::kUrl) return false;
  sink_.attr(attr, url.value());
  return true;
}

bool Writer::attr(Attr attr, std::string_view value, bool clean) {
  if (!attrs_open_) return false;
  switch (attr_kind(attr)) {
    case AttrKind::kUrl: {
      CheckedUrl url;
      return urls_.check(value, url) && url_attr(attr, url);
    }
    case AttrKind::kNumber:
    case AttrKind::kOrdinal: {
      uint32_t n = 0;
      const uint32_t max = attr_kind(attr) == AttrKind::kNumber ? kMaxDimension : kMaxOrdinal;
      if (!parse_number(value, max, n)) return false;
      sink_.attr(attr, std::to_string(n));
      return true;
    }
    case AttrKind::kSrcset: {
      // Candidates are "url descriptor" separated by commas; each URL is checked on its own and
      // a candidate that fails is dropped, so no unsafe URL hides behind a safe first one.
      std::string result;
      CheckedUrl url;
      size_t i = 0;
      while (i < value.size()) {
        while (i < value.size() && (is_space(value[i]) || value[i] == ',')) ++i;
        size_t start = i;
        while (i < value.size() && !is_space(value[i])) ++i;
        std::string_view candidate_url = value.substr(start, i - start);
        bool trailing_comma = false;
        if (!candidate_url.empty() && candidate_url.back() == ',') {
          candidate_url.remove_suffix(1);
          trailing_comma = true;
        }
        std::string_view descriptor;
        if (!trailing_comma) {
          while (i < value.size() && is_space(value[i])) ++i;
          size_t d = i;
          while (i < value.size() && value[i] != ',') ++i;
          descriptor = value.substr(d, i - d);
          while (!descriptor.empty() && is_space(descriptor.back())) descriptor.remove_suffix(1);
        }
        if (candidate_url.empty()) continue;
        if (!descriptor.empty() && !valid_descriptor(descriptor)) continue;
        if (!urls_.check(candidate_url, url)) continue;
        // would split into two candidates
        if (url.value().find(',') != std::string_view::npos) continue;
        if (!result.empty()) result += ", ";
        result += url.value();
        if (!descriptor.empty()) {
          result.push_back(' ');
          result += descriptor;
        }
      }
      if (result.empty()) return false;
      sink_.attr(attr, result);  // checked URLs and descriptors: ASCII, nothing to clean
      return true;
    }
    case AttrKind::kText:
    case AttrKind::kEnum: {
      assert(!clean || clean_utf8_prefix(value) == value.size());
      std::string_view cleaned = value;  // the common case needs no cleaning copy
      if (!clean && clean_utf8_prefix(value) != value.size()) {
        scratch_.clear();
        append_clean_utf8(scratch_, value);
        cleaned = scratch_;
      }
      // Dropped whole, like an unsafe URL: a value that closes a comment, CDATA section or
      // raw-text element once re-serialized as XML (policy.h, BROADSHEET_XML_BREAKOUTS).
      if (!find_xml_breakout(cleaned).empty()) return false;
      sink_.attr(attr, cleaned);
      return true;
    }
  }
  return false;
}

void Writer::fill_attr(AttrSlot slot, Attr attr, std::string_view value) {
  if (!slot.valid || attr_kind(attr) != AttrKind::kText) return;
  std::string clean;
  append_clean_utf8(clean, value);
  if (!find_xml_breakout(clean).empty()) return;  // as in attr()
  sink_.insert_attr(slot.position, attr, clean);
}

void Writer::text(std::string_view text) {
  attrs_open_ = false;
  if (text.empty()) return;
  if (clean_utf8_prefix(text) == text.size()) {  // the common case needs no cleaning copy
    sink_.text(text);
    return;
  }
  scratch_.clear();
  append_clean_utf8(scratch_, text);
  sink_.text(scratch_);
}

void Writer::close() {
  attrs_open_ = false;
  if (flattened_ > 0) {
    --flattened_;
    return;
  }
  if (stack_.empty()) return;
  const Tag tag = stack_.back();
  stack_.pop_back();
  sink_.close(tag);
}

void Writer::close_to(size_t depth) {
  while (this->depth() > depth) close();
}

}  // namespace broadsheet
