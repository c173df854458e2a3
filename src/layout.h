// broadsheet — layout: the article's furniture and widgets around the body.
#ifndef BROADSHEET_LAYOUT_H
#define BROADSHEET_LAYOUT_H

#include <string_view>
#include <vector>

#include "article.h"
#include "writer.h"
#include "markdown.h"

namespace broadsheet {

// Renders one validated article as a single <article class="bs-article"> element.
void render_layout(const Article& article, Writer& writer, const RenderOptions& options,
                   std::vector<Diagnostic>& warnings);

// Renders a Markdown string alone (no furniture, no ad slots).
void render_markdown_alone(std::string_view markdown, Writer& writer, const RenderOptions& options,
                           std::vector<Diagnostic>& warnings);

}  // namespace broadsheet

#endif  // BROADSHEET_LAYOUT_H
