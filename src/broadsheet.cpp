// broadsheet — the public entry points: parse, validate, lay out, write to a sink.
#include "broadsheet/broadsheet.h"

#include <nlohmann/json.hpp>

#include "article.h"
#include "layout.h"

namespace broadsheet {

using json = nlohmann::json;

namespace {

enum class Output { kHtml, kOps };

template <class Body>
Result write(Output kind, std::string_view site_url, Body body) {
  Result result;
  UrlPolicy urls(site_url);
  if (kind == Output::kHtml) {
    HtmlSink sink(result.output);
    Writer writer(sink, urls);
    body(writer, result.warnings);
    writer.close_to(0);
  } else {
    OpSink sink;
    Writer writer(sink, urls);
    body(writer, result.warnings);
    writer.close_to(0);
    result.output = sink.finish();
  }
  result.ok = true;
  return result;
}

Result render_article(std::string_view input, const RenderOptions& options, Output kind) {
  Article article;
  Result failed;
  const bool parsed = options.widget == Widget::kNone
                          ? parse_article(input, article, failed.errors, failed.warnings)
                          : parse_widget(input, options.widget, article, failed.errors,
                                         failed.warnings);
  if (!parsed) return failed;
  Result result = write(kind, article.url.empty() ? article.site.url : article.url,
                        [&](Writer& w, std::vector<Diagnostic>& warnings) {
                          render_layout(article, w, options, warnings);
                        });
  result.warnings.insert(result.warnings.begin(), failed.warnings.begin(), failed.warnings.end());
  return result;
}

Result render_markdown(std::string_view markdown, const RenderOptions& options, Output kind) {
  if (markdown.size() > (8u << 20)) {
    Result failed;
    failed.errors.push_back({"too_large", "", "Markdown larger than 8 MiB"});
    return failed;
  }
  return write(kind, {}, [&](Writer& w, std::vector<Diagnostic>& warnings) {
    render_markdown_alone(markdown, w, options, warnings);
  });
}

}  // namespace

Result validate_article(std::string_view input) {
  // Rendering (to the cheaper sink) also reports what the body's Markdown loses to the policy.
  Result result = render_article(input, RenderOptions{}, Output::kOps);
  result.output.clear();
  return result;
}

Result render_article_html(std::string_view input, const RenderOptions& options) {
  return render_article(input, options, Output::kHtml);
}
Result render_article_ops(std::string_view input, const RenderOptions& options) {
  return render_article(input, options, Output::kOps);
}
Result render_markdown_html(std::string_view markdown, const RenderOptions& options) {
  return render_markdown(markdown, options, Output::kHtml);
}
Result render_markdown_ops(std::string_view markdown, const RenderOptions& options) {
  return render_markdown(markdown, options, Output::kOps);
}

bool parse_render_options(std::string_view input, RenderOptions& options,
                          std::vector<Diagnostic>& errors) {
  if (input.empty()) return true;
  json o = json::parse(input.begin(), input.end(), nullptr, false);
  if (o.is_discarded() || !o.is_object()) {
    errors.push_back({"invalid_options", "", "options must be a JSON object"});
    return false;
  }
  auto flag = [&](const char* key, bool& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return;
    if (!it->is_boolean()) {
      errors.push_back({"invalid_options", std::string("/") + key, "expected true or false"});
      return;
    }
    out = it->get<bool>();
  };
  if (auto it = o.find("trust"); it != o.end() && !it->is_null()) {
    if (*it == "untrusted") {
      options.trust = Trust::kUntrusted;
    } else if (*it != "publisher") {
      errors.push_back(
          {"invalid_options", "/trust", "expected \"publisher\" or \"untrusted\""});
    }
  }
  if (auto it = o.find("excerptLength"); it != o.end() && !it->is_null()) {
    if (!it->is_number_unsigned() || it->get<unsigned long long>() > 100000) {
      errors.push_back({"invalid_options", "/excerptLength",
                        "expected an integer from 0 to 100000 (0 keeps excerpts whole)"});
    } else {
      options.excerpt_length = static_cast<unsigned>(it->get<unsigned long long>());
    }
  }
  if (auto it = o.find("count"); it != o.end() && !it->is_null()) {
    if (!it->is_number_unsigned() || it->get<unsigned long long>() > 100) {
      errors.push_back({"invalid_options", "/count", "expected an integer from 0 to 100"});
    } else {
      options.count = static_cast<unsigned>(it->get<unsigned long long>());
    }
  }
  if (auto it = o.find("widget"); it != o.end() && !it->is_null()) {
    if (*it == "related") {
      options.widget = Widget::kRelated;
    } else if (*it == "latest") {
      options.widget = Widget::kLatest;
    } else if (*it == "subscribe") {
      options.widget = Widget::kSubscribe;
    } else {
      errors.push_back({"invalid_options", "/widget",
                        "expected \"related\", \"latest\" or \"subscribe\""});
    }
  }
  flag("related", options.related);
  flag("latest", options.latest);
  flag("subscribe", options.subscribe);
  return errors.empty();
}

std::string diagnostics_json(const Result& result) {
  auto list = [](const std::vector<Diagnostic>& ds) {
    json a = json::array();
    for (const auto& d : ds) a.push_back({{"code", d.code}, {"path", d.path}, {"message", d.message}});
    return a;
  };
  json out = {{"ok", result.ok}, {"errors", list(result.errors)}, {"warnings", list(result.warnings)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace broadsheet
