// broadsheet — the ids of the WebAssembly bridge's functions: the first argument of bs_call
// (src/wasm_api.cpp). scripts/gen_tables.mjs reads this enum and writes the same ids into
// web/codes.js, so the JS side never holds a hand copy. Ids are part of the WASM <-> JS contract:
// never renumber one; a new function takes the next free id.
#ifndef BROADSHEET_BRIDGE_H
#define BROADSHEET_BRIDGE_H

#include <cstdint>
#include <string_view>

#include "broadsheet/broadsheet.h"

namespace broadsheet {

enum BridgeFunction : uint32_t {
  kRenderArticleHtml = 1,   // article JSON -> HTML fragment (renderToString)
  kRenderArticleOps = 2,    // article JSON -> op buffer for web/dom.js (render)
  kRenderMarkdownHtml = 3,  // Markdown body -> HTML (renderMarkdown)
  kRenderMarkdownOps = 4,   // Markdown body -> op buffer
  kValidate = 5,            // article JSON -> diagnostics JSON (validate)
  // 6 listed the policy's tag and attribute names for a test; tests/cpp/policy_test.cpp compares
  // the compiled tables with web/policy.js instead, and no browser needs them from the module.
};

// What the bridge renders with: the public render functions (broadsheet.h) without their copy.
// The output is written into `out` after what it already holds (the bridge's result header), and
// nothing is written unless the result is ok. `ops`: the op buffer, else HTML.
class ByteBuffer;
Result render_article(std::string_view json, const RenderOptions& options, bool ops,
                      ByteBuffer& out);
Result render_markdown(std::string_view markdown, const RenderOptions& options, bool ops,
                       ByteBuffer& out);

}  // namespace broadsheet

#endif  // BROADSHEET_BRIDGE_H
