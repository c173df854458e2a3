// broadsheet — JsonValue, filled from nlohmann/json's SAX parser. The only file that includes
// nlohmann/json.
#include "json_tree.h"

#include <nlohmann/json.hpp>

#include "utf8.h"

namespace broadsheet {

using json = nlohmann::json;
using JsonInput =
    decltype(nlohmann::detail::input_adapter(std::string_view().begin(), std::string_view().end()));

}  // namespace broadsheet

// Two explicit specializations of members of the one nlohmann lexer broadsheet instantiates. They
// depend on nlohmann::detail (3.11): a version without these members fails to compile here.
//
// The text that a syntax error quotes ("last read: '…'"), with control characters as <U+001F>.
// nlohmann writes those with snprintf, the only use of printf in the WebAssembly module, which
// pulls in all of printf's formatting (6 KB); this writes the same text by hand. The quote ends
// with the byte that failed, which may be ill-formed UTF-8: it becomes U+FFFD, so that an error
// message is valid UTF-8 for every caller (found by tests/fuzz/fuzz_article.cpp).
namespace nlohmann {
namespace detail {
template <>
std::string lexer<broadsheet::json, broadsheet::JsonInput>::get_token_string() const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string result;
  for (const char c : token_string) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x1F) {
      result += "<U+00";
      result.push_back(kHex[byte >> 4]);
      result.push_back(kHex[byte & 15]);
      result.push_back('>');
    } else {
      result.push_back(c);
    }
  }
  std::string clean;
  broadsheet::append_clean_utf8(clean, result);
  return clean;
}

// Numbers with a fraction or an exponent: json_number_to_double instead of std::strtod, whose
// long double arithmetic is software floating point in WebAssembly (see json_number.cpp).
template <>
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((nonnull(2)))  // GCC wants the attribute of the declaration repeated
#endif
void lexer<broadsheet::json, broadsheet::JsonInput>::strtof(double& f, const char* str,
                                                            char** endptr) noexcept {
  const char* end = str;
  f = broadsheet::json_number_to_double(str, &end);
  *endptr = const_cast<char*>(end);
}
}  // namespace detail
}  // namespace nlohmann

namespace broadsheet {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (size_t i = keys_.size(); i-- > 0;) {
    if (keys_[i] == key) return &items_[i];
  }
  return nullptr;
}

// The SAX handler (nlohmann::json_sax's interface, met statically). Strings are moved out of the
// lexer's buffer, which it clears before reading the next token.
class JsonTreeBuilder {
 public:
  JsonTreeBuilder(JsonValue& root, JsonParseError& error) : root_(root), error_(error) {}

  bool null() {
    add(JsonValue::Type::kNull);
    return true;
  }
  bool boolean(bool b) {
    add(JsonValue::Type::kBoolean).boolean_ = b;
    return true;
  }
  bool number_integer(json::number_integer_t n) {
    add(JsonValue::Type::kNumber).number_ = static_cast<double>(n);
    return true;
  }
  bool number_unsigned(json::number_unsigned_t n) {
    JsonValue& v = add(JsonValue::Type::kNumber);
    v.number_ = static_cast<double>(n);
    v.is_unsigned_integer_ = true;
    v.unsigned_integer_ = n;
    return true;
  }
  bool number_float(json::number_float_t d, const json::string_t& /*text*/) {
    add(JsonValue::Type::kNumber).number_ = d;
    return true;
  }
  bool string(json::string_t& s) {
    add(JsonValue::Type::kString).string_ = std::move(s);
    return true;
  }
  bool binary(json::binary_t& /*bytes*/) { return false; }  // JSON text has no binary values
  bool start_object(std::size_t /*size*/) { return open(JsonValue::Type::kObject); }
  bool key(json::string_t& k) {
    open_.back()->keys_.push_back(std::move(k));
    return true;
  }
  bool end_object() {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) { return open(JsonValue::Type::kArray); }
  bool end_array() {
    open_.pop_back();
    return true;
  }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*token*/, const Exception& ex) {
    error_.byte = position;
    error_.message = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …": keep
    // the part after the bracketed id.
    const size_t bracket = error_.message.find("] ");
    if (bracket != std::string::npos) error_.message.erase(0, bracket + 2);
    return false;
  }

 private:
  // A new value: the root, or the next item of the innermost open array or object. Values are
  // appended only to the innermost container, so the pointers in open_ stay valid.
  JsonValue& add(JsonValue::Type type) {
    JsonValue* v = &root_;
    if (!open_.empty()) v = &open_.back()->items_.emplace_back();
    v->type_ = type;
    return *v;
  }
  bool open(JsonValue::Type type) {
    if (open_.size() >= kMaxJsonNesting) {
      error_.too_deep = true;
      return false;
    }
    open_.push_back(&add(type));
    return true;
  }

  JsonValue& root_;
  JsonParseError& error_;
  std::vector<JsonValue*> open_;
};

bool parse_json(std::string_view input, JsonValue& root, JsonParseError& error) {
  root = JsonValue();
  error = JsonParseError();
  JsonTreeBuilder builder(root, error);
  // nlohmann's JSON parser itself, not json::sax_parse(), which also instantiates the readers of
  // the binary formats (CBOR, MessagePack, UBJSON, BSON) for a format chosen at run time.
  JsonInput adapter = nlohmann::detail::input_adapter(input.begin(), input.end());
  nlohmann::detail::parser<json, JsonInput> parser(std::move(adapter));
  return parser.sax_parse(&builder, /*strict=*/true);
}

}  // namespace broadsheet
