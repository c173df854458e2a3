// broadsheet — the WebAssembly bridge: plain extern "C" functions, the only file that knows it
// runs inside a WASM instance. web/core.js is its counterpart.
//
// The core also imports one function, bs_format: the host formats dates and numbers (language.h).
//
// Protocol: JS writes the input (and options) as UTF-8 into memory from bs_alloc, calls bs_call,
// reads the result block where it lies in memory (web/core.js: the DOM builder and the string
// decoder read it there, no copy), and frees everything in a `finally`. The function ids are in
// bridge.h. Result block:
//   u32 status   0 = ok (payload is the output), 1 = rejected (payload is diagnostics JSON)
//   u32 length   payload bytes
//   payload
// The block is the sink's own buffer: the renderer writes the payload after 8 bytes left for the
// header, and the buffer is handed to JS as it is, so the output is never copied after rendering
// (but for an op buffer's string region, which OpSink::finish appends after the ops).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bridge.h"
#include "broadsheet/broadsheet.h"
#include "language.h"
#include "writer.h"

// The host's formatter (web/core.js): reads the request (the kind, then the locale, the value and
// the zone as UTF-8 pointer and length pairs), writes at most `capacity` bytes of its answer at
// `answer`, returns how many it wrote. Separate arguments: no request string to build here.
__attribute__((import_module("env"), import_name("bs_format"))) extern "C" uint32_t bs_format(
    char kind, const char* locale, size_t locale_length, const char* value, size_t value_length,
    const char* zone, size_t zone_length, char* answer, uint32_t capacity);

namespace broadsheet {

// Room for the host's answer: a date, a number, or a catalogue's labels (1,191 bytes for the
// longest in locales/). web/language.js gives no catalogue that does not fit (one cut short
// would be misread), and tests/js/language.test.js checks that each one fits.
constexpr uint32_t kHostAnswerRoom = 4096;

std::string host_format(HostFormat kind, std::string_view locale, std::string_view value,
                        std::string_view extra) {
  char answer[kHostAnswerRoom];
  const uint32_t n = bs_format(static_cast<char>(kind), locale.data(), locale.size(), value.data(),
                               value.size(), extra.data(), extra.size(), answer, sizeof answer);
  return std::string(answer, n < sizeof answer ? n : sizeof answer);
}

}  // namespace broadsheet

namespace {

// Fills in the header and hands the block over (bs_free frees it).
uint8_t* hand_over(broadsheet::ByteBuffer& block, uint32_t status) {
  const uint32_t header[2] = {status, static_cast<uint32_t>(block.size() - 8)};
  std::memcpy(block.data(), header, 8);
  return reinterpret_cast<uint8_t*>(block.release());
}

}  // namespace

extern "C" {

__attribute__((export_name("bs_alloc"))) void* bs_alloc(uint32_t size) {
  return std::malloc(size ? size : 1);
}

__attribute__((export_name("bs_free"))) void bs_free(void* p) { std::free(p); }

// Returns a result block (free it with bs_free). Running out of memory aborts (proc_exit), as
// every allocation in the core does: JS reports wasm_abort and restarts the instance.
__attribute__((export_name("bs_call"))) uint8_t* bs_call(uint32_t fn, const char* input,
                                                         uint32_t input_len, const char* options,
                                                         uint32_t options_len) {
  using namespace broadsheet;
  const std::string_view in(input, input_len);
  ByteBuffer block;
  const uint32_t room[2] = {};
  block.append(room, sizeof room);
  Result result;
  RenderOptions opts;
  if (parse_render_options(std::string_view(options, options_len), opts, result.errors)) {
    switch (fn) {
      case kRenderArticleHtml:
      case kRenderArticleOps:
        result = render_article(in, opts, fn == kRenderArticleOps, block);
        break;
      case kRenderMarkdownHtml:
      case kRenderMarkdownOps:
        result = render_markdown(in, opts, fn == kRenderMarkdownOps, block);
        break;
      case kValidate:
        block.append(diagnostics_json(validate_article(in)));
        return hand_over(block, 0);
      default:
        result.errors.push_back({"invalid_call", "", "unknown bridge function"});
    }
  }
  if (result.ok) return hand_over(block, 0);
  block.append(diagnostics_json(result));
  return hand_over(block, 1);
}

}  // extern "C"
