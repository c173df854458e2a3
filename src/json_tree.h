// broadsheet — a read-only JSON tree, built from nlohmann/json's SAX events.
//
// nlohmann/json does the parsing (grammar, escapes, UTF-8 and number checks, error messages); this
// tree only keeps what the article validator and the option reader look at. It stands in for
// nlohmann's own DOM (basic_json over std::map), which the WebAssembly build paid for in size
// although nothing here modifies or serializes a document.
#ifndef BROADSHEET_JSON_TREE_H
#define BROADSHEET_JSON_TREE_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace broadsheet {

class JsonValue {
 public:
  enum class Type : uint8_t { kNull, kBoolean, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_boolean() const { return type_ == Type::kBoolean; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool boolean() const { return boolean_; }
  // Any number as a double (an integer literal is converted, as nlohmann's get<double>() does).
  double number() const { return number_; }
  // True for a number written as a non-negative integer that fits 64 bits ("120", not "120.0" or
  // "-1"): what nlohmann calls number_unsigned. unsigned_integer() is then its exact value.
  bool is_unsigned_integer() const { return is_unsigned_integer_; }
  uint64_t unsigned_integer() const { return unsigned_integer_; }
  const std::string& string() const { return string_; }

  // Array elements (an object's member values are items too, but reach them with find()).
  size_t size() const { return items_.size(); }
  const JsonValue& operator[](size_t i) const { return items_[i]; }

  // The member named `key`, or nullptr. With duplicate keys the last one wins, as in nlohmann's
  // DOM and in JavaScript's JSON.parse.
  const JsonValue* find(std::string_view key) const;

 private:
  friend class JsonTreeBuilder;

  Type type_ = Type::kNull;
  bool boolean_ = false;
  bool is_unsigned_integer_ = false;
  uint64_t unsigned_integer_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;   // array elements, or object member values
  std::vector<std::string> keys_;  // object member names, parallel to items_
};

// Why a document did not parse.
struct JsonParseError {
  bool too_deep = false;  // nesting exceeded kMaxJsonNesting (the text may be valid JSON)
  size_t byte = 0;        // syntax error: bytes read when it was found
  std::string message;    // syntax error: nlohmann's description, without its exception id
};

// Objects and arrays nested deeper than this are refused: a stack of 100 000 '[' is not an
// article, and the bound also limits the recursion of JsonValue's destructor.
constexpr size_t kMaxJsonNesting = 64;

// Parses `input` into `root`; false, with `error` filled in, when it is not JSON or too deep.
bool parse_json(std::string_view input, JsonValue& root, JsonParseError& error);

// The double nearest to a JSON number ("-12.5e3"; nlohmann's lexer has checked the syntax),
// rounding half to even, as a correct strtod does; sets *end past the number. json_number.cpp.
double json_number_to_double(const char* text, const char** end);

}  // namespace broadsheet

#endif  // BROADSHEET_JSON_TREE_H
