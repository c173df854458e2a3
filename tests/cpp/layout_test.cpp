// Layout of the seed page and the widgets, through render_article_html.
#include <doctest/doctest.h>

#include "broadsheet/broadsheet.h"
#include "test_support.h"

using namespace broadsheet;
using test_support::contains;

TEST_CASE("the seed page renders every part of the original page") {
  const Result r = render_article_html(test_support::read_file("examples/seed-china-belarus.json"));
  REQUIRE(r.ok);
  const std::string& h = r.output;
  CHECK(contains(h,
                 "<span class=\"bs-topbar-temperature\">9.8 \xC2\xB0"
                 "C</span>"));
  CHECK(contains(h, ">London<"));
  CHECK(contains(h, "Friday, 8 November 2024"));  // en-GB, as a reader sees it
  CHECK(contains(h,
                 "<nav class=\"bs-breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a "
                 "href=\"/\">Home</a></li>"));
  CHECK(contains(h,
                 "<h1 class=\"bs-headline\">China and Belarus express \xE2\x80\x98"
                 "extreme interest\xE2\x80\x99 in Ukraine peace</h1>"));
  CHECK(contains(h,
                 "<aside class=\"bs-related\" aria-labelledby=\"bs-related-title\" "
                 "data-broadsheet=\"related\"><h2 class=\"bs-section-title\" "
                 "id=\"bs-related-title\">Related stories</h2>"));
  CHECK(contains(
      h, "Russia economy meltdown as bonds crash and shopping centres face mass bankruptcy"));
  CHECK(contains(h, "The Union of Shopping Centres (STTs) estimates that half..."));
  CHECK(contains(h, "The Russian Fantasy Of Infallibilty"));
  CHECK(contains(
      h, "Source: <a href=\"https://www.bbc.co.uk/news\" rel=\"noopener noreferrer\">bbc</a>"));
  CHECK(contains(h, "<li>Never miss a story with notifications</li>"));
  CHECK(contains(h, "<li>Gain full access to our premium content</li>"));
  CHECK(contains(h, "<li>Browse free from up to 5 devices at once</li>"));
  CHECK(contains(h,
                 "<form class=\"bs-subscribe-form\" method=\"post\" "
                 "action=\"https://news.example/subscribe\">"));
  CHECK(contains(h, "<h2 class=\"bs-section-title\" id=\"bs-latest-title\">Latest stories</h2>"));
  CHECK(contains(h, "data-broadsheet=\"ad\""));
}

TEST_CASE("an ad slot follows every N top-level body blocks, never the last") {
  const Result r = render_article_html(
      R"J({"headline": "x", "ads": {"every": 2}, "body": "a\n\nb\n\nc\n\nd"})J");
  REQUIRE(r.ok);
  CHECK(contains(r.output, "<p>b</p><div class=\"bs-ad\""));
  CHECK_FALSE(contains(r.output, "<p>d</p><div"));
  size_t ads = 0;
  for (size_t at = r.output.find("bs-ad\""); at != std::string::npos;
       at = r.output.find("bs-ad\"", at + 1))
    ++ads;
  CHECK(ads == 1);
}

TEST_CASE("the current article is never listed as related, and count limits the list") {
  const Result r =
      render_article_html(R"J({"headline": "x", "id": "me", "url": "https://n.example/me",
    "related": {"count": 1, "items": [{"id": "me", "headline": "Self", "url": "/me"},
      {"headline": "Self by URL", "url": "https://n.example/me"},
      {"headline": "One", "url": "/1"}, {"headline": "Two", "url": "/2"}]}})J");
  REQUIRE(r.ok);
  CHECK_FALSE(contains(r.output, "Self"));
  CHECK(contains(r.output, ">One<"));
  CHECK_FALSE(contains(r.output, ">Two<"));
}

TEST_CASE("long excerpts are cut at a word boundary") {
  RenderOptions o;
  o.excerpt_length = 20;
  const Result r = render_article_html(R"J({"headline": "x", "related": {"items": [
    {"headline": "h", "url": "/h", "excerpt": "The quick brown fox jumps over the lazy dog"}]}})J",
                                       o);
  CHECK(contains(r.output, ">The quick brown fox...</p>"));
}

TEST_CASE("text fields are text: markup in a headline is shown as characters") {
  const Result r = render_article_html(R"J({"headline": "<script>alert(1)</script>"})J");
  CHECK(contains(r.output, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_FALSE(contains(r.output, "<script"));
}

TEST_CASE("untrusted articles add nofollow ugc to links that leave the site") {
  const Result r = render_article_html(
      R"J({"headline": "x", "url": "https://news.example/a", "trust": "untrusted",
          "body": "[out](https://other.example/) and [in](/local)"})J");
  CHECK(contains(
      r.output,
      "<a href=\"https://other.example/\" rel=\"noopener noreferrer nofollow ugc\">out</a>"));
  CHECK(contains(r.output, "<a href=\"/local\">in</a>"));
}

TEST_CASE("block ids get the user-content- prefix") {
  const Result r = render_article_html(
      R"J({"headline": "x", "body": [{"type": "markdown", "text": "hi", "id": "intro", "lang": "fr"}]})J");
  CHECK(contains(r.output, "<div id=\"user-content-intro\" lang=\"fr\"><p>hi</p></div>"));
}

TEST_CASE("embeds are link cards, never frames") {
  const Result r = render_article_html(R"J({"headline": "x", "body": [{"type": "embed",
    "provider": "youtube", "url": "https://www.youtube.com/watch?v=abc", "title": "Clip"}]})J");
  CHECK(contains(r.output, "Clip (YouTube)</a>"));
  CHECK_FALSE(contains(r.output, "iframe"));
}

TEST_CASE("render options can leave widgets out") {
  RenderOptions o;
  o.related = false;
  o.subscribe = false;
  const Result r =
      render_article_html(test_support::read_file("examples/seed-china-belarus.json"), o);
  CHECK_FALSE(contains(r.output, "Related stories"));
  CHECK_FALSE(contains(r.output, "bs-subscribe"));
  CHECK(contains(r.output, "Latest stories"));
}

TEST_CASE("a related widget renders alone from just its items") {
  RenderOptions o;
  o.widget = Widget::kRelated;
  const Result r = render_article_html(
      R"J({"title": "More", "items": [{"headline": "One", "url": "/1"}, {"headline": "Two", "url": "/2"}]})J",
      o);
  REQUIRE(r.ok);
  CHECK(r.output.rfind(
            "<div class=\"bs-widget\" data-broadsheet=\"widget\"><aside class=\"bs-related\"", 0) ==
        0);
  CHECK(contains(r.output, ">More</h2>"));
  CHECK(contains(r.output, ">Two<"));
}

TEST_CASE("a widget fed a whole article shows that article's list, without the article itself") {
  RenderOptions o;
  o.widget = Widget::kLatest;
  o.count = 2;
  const Result r =
      render_article_html(test_support::read_file("examples/seed-china-belarus.json"), o);
  REQUIRE(r.ok);
  CHECK_FALSE(contains(r.output, "bs-headline"));
  CHECK(contains(r.output, "Latest stories"));
  size_t cards = 0;
  for (size_t at = r.output.find("bs-card\""); at != std::string::npos;
       at = r.output.find("bs-card\"", at + 1))
    ++cards;
  CHECK(cards == 2);
}

TEST_CASE("a subscribe widget needs its action") {
  RenderOptions o;
  o.widget = Widget::kSubscribe;
  const Result bad = render_article_html(R"J({"title": "Join"})J", o);
  CHECK_FALSE(bad.ok);
  REQUIRE_FALSE(bad.errors.empty());
  CHECK(bad.errors[0].path == "/action");
  const Result good =
      render_article_html(R"J({"title": "Join", "action": "/s", "benefits": ["a"]})J", o);
  CHECK(contains(good.output, "<form class=\"bs-subscribe-form\" method=\"post\" action=\"/s\">"));
}

TEST_CASE("widget and count options are parsed and checked") {
  RenderOptions o;
  std::vector<Diagnostic> errors;
  CHECK(parse_render_options(R"J({"widget": "latest", "count": 3})J", o, errors));
  CHECK(o.widget == Widget::kLatest);
  CHECK(o.count == 3);
  CHECK_FALSE(parse_render_options(R"J({"widget": "comments"})J", o, errors));
  REQUIRE_FALSE(errors.empty());
  CHECK(errors[0].path == "/widget");
}
