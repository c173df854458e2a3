// plan_layout() on its own: the decisions are data a test can read before anything is written.
#include "plan.h"

#include <doctest/doctest.h>

#include "article.h"

using namespace broadsheet;

namespace {

struct Planned {
  Article article;
  LayoutPlan plan;
};

// Parses and plans; the article must be valid.
void plan(const char* json, Planned& out, const RenderOptions& options = {}) {
  std::vector<Diagnostic> errors, warnings;
  REQUIRE(parse_article(json, out.article, errors, warnings));
  plan_layout(out.article, options, out.plan);
}

}  // namespace

TEST_CASE("the plan places automatic slots between paragraphs and names them in order") {
  Planned p;
  plan(R"J({"headline": "h", "ads": {"every": 2}, "body": "a\n\nb\n\nc\n\nd\n\ne\n\nf"})J", p);
  REQUIRE(p.plan.ad_sizes.size() == 2);
  CHECK(p.plan.ad_texts[0] == "bs-ad-inline-1");  // id
  CHECK(p.plan.ad_texts[1] == "inline-1");        // name
  CHECK(p.plan.ad_sizes[0] == nullptr);           // the default sizes
  CHECK(p.plan.ad_texts[3] == "inline-2");
  REQUIRE(p.plan.body.size() == 1);
  const MarkdownPlan& md = p.plan.body[0].markdown;
  REQUIRE(md.ad_units.size() == 2);
  CHECK(md.ad_units[0] == 2);  // after a and b
  CHECK(md.ad_units[1] == 4);  // after c and d; none after f, the last block
  CHECK(md.first_slot == 0);
}

TEST_CASE("a slot between two blocks is written before the second, outside any wrapper") {
  Planned p;
  plan(R"J({"headline": "h", "ads": {"every": 1, "after": 1}, "body": [
    {"type": "markdown", "lang": "fr", "text": "a\n\nb"}, {"type": "markdown", "text": "c"}]})J",
       p);
  REQUIRE(p.plan.body.size() == 2);
  CHECK(p.plan.body[0].wrapped);
  CHECK(p.plan.body[0].markdown.ad_units.empty());  // inside the wrapper: never
  REQUIRE(p.plan.body[1].before_slots.size() == 1);
  CHECK(p.plan.ad_texts[2 * p.plan.body[1].before_slots[0] + 1] == "inline-1");
}

TEST_CASE("the plan gives every id once, in document order, and lists h2/h3 for the contents") {
  Planned p;
  plan(R"J({"headline": "h", "toc": true, "related": {"items": []}, "body": [
    {"type": "markdown", "text": "# Notes\n\n## Notes\n\n#### Deep"},
    {"type": "markdown", "id": "notes", "text": "x"}]})J",
       p);
  CHECK(p.plan.contents);
  CHECK(p.plan.contents_id == "bs-contents");
  CHECK(p.plan.related.title == "Related stories");
  CHECK(p.plan.related.title_id == "bs-related-title");
  const auto& ids = p.plan.body[0].markdown.heading_ids;
  REQUIRE(ids.size() == 3);
  CHECK(ids[0] == "user-content-notes");
  CHECK(ids[1] == "user-content-notes-2");
  CHECK(ids[2] == "user-content-deep");
  CHECK(p.plan.body[1].id == "user-content-notes-3");
  REQUIRE(p.plan.contents_entries.size() == 2);  // h4 is not listed
  CHECK(p.plan.contents_entries[1].level == 3);
  CHECK(p.plan.contents_entries[1].id == "user-content-notes-2");
  // Raw HTML met later, at render time, continues the same registry.
  CHECK(p.plan.ids.claim("user-content-notes") == "user-content-notes-4");
}

TEST_CASE("options override the article's layout and contents; lists drop the article itself") {
  Planned p;
  RenderOptions o;
  o.layout = LayoutVariant::kSingle;
  o.toc = Toc::kOff;
  plan(R"J({"headline": "h", "id": "me", "layout": "standard", "toc": true, "body": "# a",
    "latest": {"items": [{"id": "me", "headline": "Me", "url": "/me"},
                         {"headline": "Other", "url": "/o", "published": "2024-11-08"}]}})J",
       p, o);
  CHECK(p.plan.single_column);
  CHECK_FALSE(p.plan.contents);
  REQUIRE(p.plan.latest.stories.size() == 1);
  CHECK((*p.plan.latest.items)[p.plan.latest.stories[0]].headline == "Other");
  CHECK(p.plan.latest.date(0) == "November 8, 2024");
}

TEST_CASE("the id registry suffixes from -2 and skips names already taken") {
  IdRegistry ids;
  CHECK(ids.claim("a") == "a");
  CHECK(ids.claim("a-2") == "a-2");
  CHECK(ids.claim("a") == "a-3");
  CHECK(ids.claim("a") == "a-4");
  for (int i = 0; i < 2000; ++i) ids.claim("x");  // grows the table; stays linear
  CHECK(ids.claim("x") == "x-2001");
  CHECK(ids.taken("x-1000"));
}

TEST_CASE("without automatic slots or a contents list the plan does not look into Markdown") {
  const char* json = R"J({"headline": "h", "body": [
    {"type": "markdown", "text": "# A\n\n<p id=\"a\">raw</p>"}, {"type": "markdown", "text": "# A"}]})J";
  Planned p;
  plan(json, p);
  CHECK_FALSE(p.plan.markdown_planned);
  CHECK(p.plan.body[0].markdown.heading_ids.empty());
  // Headings claim their ids while rendering, in document order with the raw HTML between them.
  const Result r = render_article_html(json);
  REQUIRE(r.ok);
  CHECK(r.output.find("<h2 id=\"user-content-a\">") != std::string::npos);
  CHECK(r.output.find("<p id=\"user-content-a-2\">") != std::string::npos);
  CHECK(r.output.find("<h2 id=\"user-content-a-3\">") != std::string::npos);
  Planned with_ads;
  plan(R"J({"headline": "h", "ads": {"every": 3}, "body": "# A"})J", with_ads);
  CHECK(with_ads.plan.markdown_planned);
}
