// broadsheet — the Writer: the only way anything reaches output.
//
// Layout and Markdown code describe a tree with open / attr / text / close. The Writer checks each
// step against the policy (policy.h) and hands it to a Sink:
//   HtmlSink     escapes into an HTML string (server rendering, CLI, snapshot tests);
//   OpSink       fills a compact op buffer that web/dom.js turns into DOM nodes;
//   DiscardSink  keeps nothing (the plan's outline pass, validate()'s look at the body).
// HtmlSink and OpSink write into a ByteBuffer the caller owns, after what it already holds: the
// WebAssembly bridge puts its result header there and hands the buffer to JS as it is, uncopied.
// There is no call that takes markup, so no caller can produce a tag, attribute or URL that the
// policy does not allow, whatever its input.
#ifndef BROADSHEET_WRITER_H
#define BROADSHEET_WRITER_H

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "broadsheet/policy.h"
#include "url_policy.h"
#include "utf8.h"

// clang turns a byte-copy loop back into a memcpy call unless the function says not to; GCC
// (native builds only) has no such attribute and needs none.
#if defined(__clang__)
#define BROADSHEET_BYTE_LOOPS __attribute__((no_builtin("memcpy")))
#else
#define BROADSHEET_BYTE_LOOPS
#endif

namespace broadsheet {

// A growable byte buffer for the sinks, which append for every element and every piece of text:
// an append is a capacity check and a memcpy. (In the size-optimized WebAssembly build libc++'s
// string functions are not inlined, and each append through them is a chain of calls.) Running out
// of memory aborts, as std::string does without exceptions.
//
// A buffer holds at most kMaxOutputBytes: Markdown can amplify (a 10 KB reference definition used a
// hundred thousand times), and without a cap a few hundred KB of input ran the WebAssembly memory
// out. A buffer that would pass it starts again from empty and sets g_output_overflowed, which the
// render entry points (broadsheet.cpp) turn into a too_large error. The check is in grow(), off
// the append path.
constexpr size_t kMaxOutputBytes = size_t{64} << 20;
extern thread_local bool g_output_overflowed;
class ByteBuffer {
 public:
  ByteBuffer() = default;
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;
  ~ByteBuffer();

  // Short pieces (names, punctuation, most text between marks) are copied byte by byte: a call to
  // the WebAssembly module's memcpy costs more than such a copy.
  BROADSHEET_BYTE_LOOPS void append(const void* bytes, size_t n) {
    if (n > capacity_ - size_) grow(n);
    char* to = data_ + size_;
    const char* from = static_cast<const char*>(bytes);
    if (n <= 16) {
      for (size_t i = 0; i < n; ++i) to[i] = from[i];
    } else {
      std::memcpy(to, from, n);
    }
    size_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  void push_back(char c) {
    if (size_ == capacity_) grow(1);
    data_[size_++] = c;
  }
  // Room for `n` more bytes at the end, written through the pointer returned; commit() takes the
  // end of what was written (at most `n` bytes) as the new end of the buffer.
  char* room(size_t n) {
    if (n > capacity_ - size_) grow(n);
    return data_ + size_;
  }
  void commit(const char* end) { size_ = static_cast<size_t>(end - data_); }
  // Inserts `n` bytes at `at` (at most size()), moving what follows. Ignored for a position the
  // buffer no longer reaches (after it started again from empty).
  void insert(size_t at, const void* bytes, size_t n);
  size_t size() const { return size_; }
  char* data() { return data_; }
  const char* data() const { return data_; }
  // Hands the bytes (from malloc; free them with free) to the caller and leaves this empty.
  char* release();

 private:
  void grow(size_t more);
  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

// Receives a checked element tree. Text and attribute values arrive as valid UTF-8 with NUL
// replaced by U+FFFD; URL values were already checked and re-serialized.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void open(Tag tag) = 0;
  virtual void attr(Attr attr, std::string_view value) = 0;
  virtual void text(std::string_view text) = 0;
  virtual void close(Tag tag) = 0;
  // Where the element opened last would take its next attribute (call right after open() or
  // attr()); insert_attr() adds one there later, whatever was written since.
  virtual size_t attr_position() const = 0;
  virtual void insert_attr(size_t position, Attr attr, std::string_view value) = 0;
};

// Serializes to HTML the way a browser serializes the equivalent DOM (innerHTML), so that the
// string and the DOM built from ops agree: text escapes & < > and U+00A0; attribute values escape
// & " < > and U+00A0; void elements get no end tag; empty attributes are written as name="".
class HtmlSink final : public Sink {
 public:
  explicit HtmlSink(ByteBuffer& out) : out_(out) {}
  void open(Tag tag) override;
  void attr(Attr attr, std::string_view value) override;
  void text(std::string_view text) override;
  void close(Tag tag) override;
  size_t attr_position() const override { return out_.size(); }
  void insert_attr(size_t position, Attr attr, std::string_view value) override;

 private:
  void finish_start_tag();
  ByteBuffer& out_;
  bool in_start_tag_ = false;
  bool pre_start_ = false;  // just wrote <pre>: see text()
};

// Op buffer layout (little-endian u32 words, then UTF-8 string bytes), read by web/dom.js:
//   header: [kOpMagic, word_count, string_bytes]
//   ops:    kOpOpen | tag << 8
//           kOpAttr | attr << 8, start, length
//           kOpText, start, length
//           kOpClose
// start/length index the string region decoded once as UTF-16 (JS string units), so the JS side
// does a single TextDecoder.decode and then slices. scripts/gen_tables.mjs copies OpCode and
// kOpMagic into web/codes.js: keep each enumerator's value explicit.
enum OpCode : uint32_t { kOpOpen = 1, kOpAttr = 2, kOpText = 3, kOpClose = 4 };
constexpr uint32_t kOpMagic = 0x42534F31;  // "BSO1"

// The ops go straight into the caller's buffer after the header; the strings gather on the side and
// finish() appends them: the one copy left, of the string region only.
class OpSink final : public Sink {
 public:
  explicit OpSink(ByteBuffer& out);
  void open(Tag tag) override;
  void attr(Attr attr, std::string_view value) override;
  void text(std::string_view text) override;
  void close(Tag tag) override;
  size_t attr_position() const override { return out_.size(); }
  void insert_attr(size_t position, Attr attr, std::string_view value) override;
  // Appends the strings and fills in the header (close everything first: Writer::close_to(0)).
  void finish();

 private:
  // Appends `s` to the string region; returns its start and length in UTF-16 units.
  std::pair<uint32_t, uint32_t> add_string(std::string_view s);
  void push_word(uint32_t word) { out_.append(&word, 4); }  // little-endian, like the format
  void push_string(std::string_view s);
  ByteBuffer& out_;
  size_t header_;  // where the header starts in out_
  ByteBuffer strings_;
  uint32_t utf16_length_ = 0;
};

// A Sink that keeps nothing, for a render done only for what it finds out (structure, warnings).
class DiscardSink final : public Sink {
 public:
  void open(Tag) override {}
  void attr(Attr, std::string_view) override {}
  void text(std::string_view) override {}
  void close(Tag) override {}
  size_t attr_position() const override { return 0; }
  void insert_attr(size_t, Attr, std::string_view) override {}
};

class Writer {
 public:
  Writer(Sink& sink, const UrlPolicy& urls) : sink_(sink), urls_(urls) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Opens an element. Past kMaxDepth the element is flattened: its attributes are ignored and its
  // content goes to the parent, so hostile nesting degrades instead of exhausting anything.
  void open(Tag tag);
  // Adds an attribute to the element just opened (ignored anywhere else). URL attributes go through
  // UrlPolicy and are dropped when unsafe (returns false); numbers are clamped to kMaxDimension;
  // text and keyword values holding an XML breakout (policy.h) are dropped (returns false).
  // `clean`: the caller knows `value` is valid UTF-8 without NUL (the raw-HTML tokenizer's values),
  // so it is not checked again (but in the native tests and the fuzz build).
  bool attr(Attr attr, std::string_view value, bool clean = false);
  // A URL attribute whose URL the caller checked (urls().check()) to decide what to write around
  // it, written without a second check. Ignored (false) where attr() would be.
  bool url_attr(Attr attr, const CheckedUrl& url);
  void text(std::string_view text);
  // Text the caller knows to be valid UTF-8 without NUL (a whole-character piece of a document
  // clean_utf8_prefix() accepted), written without checking it again.
  void clean_text(std::string_view text) {
    // Checked in the native tests and the fuzz build (NDEBUG is off there), free in the module.
    assert(clean_utf8_prefix(text) == text.size());
    attrs_open_ = false;
    if (!text.empty()) sink_.text(text);
  }
  // Room for one more attribute of the element just opened, for a value known only once its
  // content is written (a heading's id is a slug of its text). fill_attr() writes it there; text
  // attributes (AttrKind::kText) only, dropped like attr() drops them. Invalid, and filled with
  // nothing, where attr() would be ignored.
  struct AttrSlot {
    size_t position = 0;
    bool valid = false;
  };
  AttrSlot reserve_attr() const { return {attrs_open_ ? sink_.attr_position() : 0, attrs_open_}; }
  void fill_attr(AttrSlot slot, Attr attr, std::string_view value);
  // Closes the innermost open element.
  void close();
  // Closes elements until only `depth` remain open.
  void close_to(size_t depth);
  // An element with attributes and no content, e.g. leaf(Tag::Br).
  void leaf(Tag tag) {
    open(tag);
    close();
  }

  size_t depth() const { return stack_.size() + flattened_; }
  // Innermost element actually open (kCount when none).
  Tag current() const { return stack_.empty() ? Tag::kCount : stack_.back(); }
  bool inside(Tag tag) const;
  // Elements actually open, outermost first (flattened ones are not listed).
  const std::vector<Tag>& stack() const { return stack_; }
  const UrlPolicy& urls() const { return urls_; }

 private:
  Sink& sink_;
  const UrlPolicy& urls_;
  std::vector<Tag> stack_;
  size_t flattened_ = 0;  // opens past kMaxDepth, still to be matched by close()
  bool attrs_open_ = false;
  std::string scratch_;
};

}  // namespace broadsheet

#endif  // BROADSHEET_WRITER_H
