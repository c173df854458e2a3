// UrlPolicy: the shared fixture table (tests/fixtures/url-policy.json) plus site/host rules.
#include "url_policy.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

using broadsheet::CheckedUrl;
using broadsheet::UrlPolicy;

TEST_CASE("url policy fixture table") {
  const auto cases =
      nlohmann::json::parse(test_support::read_file("tests/fixtures/url-policy.json"));
  REQUIRE(cases.size() >= 20);
  UrlPolicy policy("https://news.example/");
  for (const auto& c : cases) {
    const std::string title = c["title"];
    CAPTURE(title);
    CheckedUrl out;
    const bool ok = policy.check(c["url"].get<std::string>(), out);
    if (c["expected"].is_null()) {
      CHECK_FALSE(ok);
    } else {
      CHECK(ok);
      CHECK(out.value() == c["expected"].get<std::string>());
    }
  }
}

namespace {
// Whether `url` passes and leaves the site: the decision a link's rel is made from.
bool external(const UrlPolicy& policy, const std::string& url) {
  CheckedUrl checked;
  REQUIRE(policy.check(url, checked));
  return checked.external();
}
}  // namespace

TEST_CASE("links to another host leave the site, relative and same-host links do not") {
  UrlPolicy policy("https://news.example/china/story");
  CHECK(external(policy, "https://other.example/"));
  CHECK(external(policy, "//cdn.example/x"));
  CHECK(external(policy, "HTTPS://other.example/"));
  CHECK_FALSE(external(policy, "https://NEWS.example/x"));
  CHECK_FALSE(external(policy, "/x"));
  CHECK_FALSE(external(policy, "mailto:a@b.example"));
  CHECK_FALSE(external(policy, "tel:+123"));
  // The host is what follows the last '@' of the authority, up to a port, '/', '?' or '#'.
  CHECK_FALSE(external(policy, "https://news.example:8443/x"));
  CHECK_FALSE(external(policy, "https://a:b@news.example:1/"));
  CHECK_FALSE(external(policy, "https://other.example@news.example/"));
  CHECK(external(policy, "https://news.example@other.example/"));
  CHECK(external(policy, "https://news.example:1@other.example/"));
  CHECK_FALSE(external(policy, "https://news.example?q=other.example"));
  CHECK_FALSE(external(policy, "https://news.example#other.example"));
  CHECK(external(policy, "https://news.example.other.example/"));
}

TEST_CASE("the host is found as a browser finds it: every slash after http(s): or // skipped") {
  UrlPolicy policy("https://news.example/china/story");
  // Browsers resolve each of these on an https page to a page of evil.example.
  CHECK(external(policy, "https:///evil.example/"));
  CHECK(external(policy, "///evil.example/"));
  CHECK(external(policy, "////evil.example/"));
  CHECK(external(policy, "http:evil.example"));
  CHECK(external(policy, "http:/evil.example/"));
  CHECK(external(policy, "HTTPS:\t//evil.example/"));
  CHECK_FALSE(external(policy, "https:///news.example/x"));
  CHECK_FALSE(external(policy, "///news.example/x"));
  // One slash is a path on this site; a backslash is written %5C, never read as a slash.
  CHECK_FALSE(external(policy, "/evil.example/"));
  CHECK_FALSE(external(policy, "/\\evil.example/"));
  CHECK_FALSE(external(policy, "evil.example/x"));
  // "https:" and nothing after it: no host to go to.
  CHECK_FALSE(external(policy, "https:"));
}

TEST_CASE("without a site URL every absolute link leaves the site") {
  UrlPolicy policy;
  CHECK(external(policy, "https://news.example/"));
  CHECK_FALSE(external(policy, "/local"));
}

TEST_CASE("the site's host is read without user info and port, in any case") {
  UrlPolicy policy("https://user:pw@Host.example:8080/p");
  CHECK_FALSE(external(policy, "https://host.example/a"));
  CHECK_FALSE(external(policy, "//HOST.example/b"));
  CHECK(external(policy, "https://user.example/"));
  CHECK(external(policy, "https://other.example/"));
  // A site URL without a host: every absolute link leaves the site.
  CHECK(external(UrlPolicy("/relative"), "https://host.example/"));
}

TEST_CASE("sanitizing twice gives the same URL (idempotent)") {
  UrlPolicy policy;
  CheckedUrl once, twice;
  REQUIRE(policy.check("/a b/caf\xC3\xA9?q=\"x\"", once));
  REQUIRE(policy.check(once.value(), twice, true));
  CHECK(once.value() == twice.value());
}

TEST_CASE("overlong URLs are refused") {
  UrlPolicy policy;
  CheckedUrl out;
  CHECK_FALSE(policy.check("/" + std::string(9000, 'a'), out));
}
