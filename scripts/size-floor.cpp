// broadsheet — the size floor of the named dependencies (scripts/size-floor.mjs builds this).
//
// A WebAssembly module with none of broadsheet's own code: md4c's parser with the dialect
// broadsheet uses and callbacks that do nothing, the HTML entity table in broadsheet's compact
// form (src/entities.cpp: md4c's parser reports "&amp;" as an entity without decoding it, so any
// renderer needs the table; it is exported, or the linker would drop it as unused), and, with
// BROADSHEET_FLOOR_JSON, nlohmann/json's parser feeding a SAX handler that does nothing. Its gzip size is what any module that renders
// Markdown with md4c and reads JSON with nlohmann/json pays before it renders a single tag.
#include <cstdlib>

extern "C" {
#include "entity.h"
#include "md4c.h"
}

namespace {
int block(MD_BLOCKTYPE, void*, void*) { return 0; }
int span(MD_SPANTYPE, void*, void*) { return 0; }
int text(MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void*) { return 0; }
}  // namespace

extern "C" __attribute__((export_name("markdown"))) int markdown(const char* input, unsigned size) {
  MD_PARSER parser{};
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = block;
  parser.leave_block = block;
  parser.enter_span = span;
  parser.leave_span = span;
  parser.text = text;
  return md_parse(input, size, &parser, nullptr);
}

extern "C" __attribute__((export_name("entity"))) const ENTITY* entity(const char* name,
                                                                       unsigned size) {
  return entity_lookup(name, size);
}

extern "C" __attribute__((export_name("allocate"))) void* allocate(unsigned size) {
  return std::malloc(size);
}
extern "C" __attribute__((export_name("release"))) void release(void* p) { std::free(p); }

#ifdef BROADSHEET_FLOOR_JSON
#include <nlohmann/json.hpp>
#include <string_view>

using Json = nlohmann::json;
using Input =
    decltype(nlohmann::detail::input_adapter(std::string_view().begin(), std::string_view().end()));

// broadsheet's module has neither printf nor strtod (src/json_tree.cpp replaces the two lexer
// members that call them); stand-ins keep both out of the floor too, without counting
// broadsheet's replacements as dependency cost.
namespace nlohmann {
namespace detail {
template <>
std::string lexer<Json, Input>::get_token_string() const {
  return std::string(token_string.begin(), token_string.end());
}
template <>
void lexer<Json, Input>::strtof(double& f, const char* str, char** endptr) noexcept {
  f = 0;
  *endptr = const_cast<char*>(str);
}
}  // namespace detail
}  // namespace nlohmann

namespace {
struct IgnoreEverything {
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return false; }
  bool start_object(std::size_t) { return true; }
  bool key(Json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& error) {
    return error.what()[0] != 0;  // the message is built, as broadsheet builds it
  }
};
}  // namespace

extern "C" __attribute__((export_name("json"))) int json(const char* input, unsigned size) {
  IgnoreEverything handler;
  const std::string_view text(input, size);
  nlohmann::detail::parser<Json, Input> parser(
      nlohmann::detail::input_adapter(text.begin(), text.end()));
  return parser.sax_parse(&handler, /*strict=*/true) ? 1 : 0;
}
#endif
