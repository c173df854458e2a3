// broadsheet — the WebAssembly bridge: plain extern "C" functions, the only file that knows it
// runs inside a WASM instance. web/core.js is its counterpart.
//
// The core also imports one function, bs_format: the host formats dates and numbers (language.h).
//
// Protocol: JS writes the input (and options) as UTF-8 into memory from bs_alloc, calls bs_call,
// reads the result block, and frees everything in a `finally`. The function ids are in bridge.h.
// Result block:
//   u32 status   0 = ok (payload is the output), 1 = rejected (payload is diagnostics JSON)
//   u32 length   payload bytes
//   payload
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bridge.h"
#include "broadsheet/broadsheet.h"
#include "language.h"

// The host's formatter (web/core.js): reads the request (the kind, then the locale, the value and
// the zone as UTF-8 pointer and length pairs), writes at most `capacity` bytes of its answer at
// `answer`, returns how many it wrote. Separate arguments: no request string to build here.
__attribute__((import_module("env"), import_name("bs_format"))) extern "C" uint32_t bs_format(
    char kind, const char* locale, size_t locale_length, const char* value, size_t value_length,
    const char* zone, size_t zone_length, char* answer, uint32_t capacity);

namespace broadsheet {

std::string host_format(HostFormat kind, std::string_view locale, std::string_view value,
                        std::string_view extra) {
  char answer[256];
  const uint32_t n = bs_format(static_cast<char>(kind), locale.data(), locale.size(), value.data(),
                               value.size(), extra.data(), extra.size(), answer, sizeof answer);
  return std::string(answer, n < sizeof answer ? n : sizeof answer);
}

}  // namespace broadsheet

namespace {

uint8_t* pack(uint32_t status, const std::string& payload) {
  auto* block = static_cast<uint8_t*>(std::malloc(8 + payload.size()));
  if (!block) return nullptr;
  const uint32_t header[2] = {status, static_cast<uint32_t>(payload.size())};
  std::memcpy(block, header, 8);
  std::memcpy(block + 8, payload.data(), payload.size());
  return block;
}

}  // namespace

extern "C" {

__attribute__((export_name("bs_alloc"))) void* bs_alloc(uint32_t size) {
  return std::malloc(size ? size : 1);
}

__attribute__((export_name("bs_free"))) void bs_free(void* p) { std::free(p); }

// Returns a result block (free it with bs_free), or 0 when memory ran out.
__attribute__((export_name("bs_call"))) uint8_t* bs_call(uint32_t fn, const char* input,
                                                         uint32_t input_len, const char* options,
                                                         uint32_t options_len) {
  using namespace broadsheet;
  const std::string_view in(input, input_len);
  Result result;
  RenderOptions opts;
  if (!parse_render_options(std::string_view(options, options_len), opts, result.errors)) {
    return pack(1, diagnostics_json(result));
  }
  switch (fn) {
    case kRenderArticleHtml:
      result = render_article_html(in, opts);
      break;
    case kRenderArticleOps:
      result = render_article_ops(in, opts);
      break;
    case kRenderMarkdownHtml:
      result = render_markdown_html(in, opts);
      break;
    case kRenderMarkdownOps:
      result = render_markdown_ops(in, opts);
      break;
    case kValidate:
      return pack(0, diagnostics_json(validate_article(in)));
    default:
      result.errors.push_back({"invalid_call", "", "unknown bridge function"});
      return pack(1, diagnostics_json(result));
  }
  if (!result.ok) return pack(1, diagnostics_json(result));
  return pack(0, result.output);
}

}  // extern "C"
