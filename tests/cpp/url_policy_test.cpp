// UrlPolicy: the shared fixture table (tests/fixtures/url-policy.json) plus site/host rules.
#include "url_policy.h"

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.h"

using broadsheet::UrlPolicy;

TEST_CASE("url policy fixture table") {
  const auto cases =
      nlohmann::json::parse(test_support::read_file("tests/fixtures/url-policy.json"));
  REQUIRE(cases.size() >= 20);
  UrlPolicy policy("https://news.example/");
  for (const auto& c : cases) {
    const std::string title = c["title"];
    CAPTURE(title);
    std::string out;
    const bool ok = policy.sanitize(c["url"].get<std::string>(), out);
    if (c["expected"].is_null()) {
      CHECK_FALSE(ok);
    } else {
      CHECK(ok);
      CHECK(out == c["expected"].get<std::string>());
    }
  }
}

TEST_CASE("links to another host leave the site, relative and same-host links do not") {
  UrlPolicy policy("https://news.example/china/story");
  CHECK(policy.is_external("https://other.example/"));
  CHECK(policy.is_external("//cdn.example/x"));
  CHECK_FALSE(policy.is_external("https://NEWS.example/x"));
  CHECK_FALSE(policy.is_external("/x"));
  CHECK_FALSE(policy.is_external("mailto:a@b.example"));
}

TEST_CASE("without a site URL every absolute link leaves the site") {
  UrlPolicy policy;
  CHECK(policy.is_external("https://news.example/"));
  CHECK_FALSE(policy.is_external("/local"));
}

TEST_CASE("host_of ignores user info and port") {
  CHECK(UrlPolicy::host_of("https://user:pw@Host.example:8080/p") == "host.example");
  CHECK(UrlPolicy::host_of("/relative").empty());
}

TEST_CASE("sanitizing twice gives the same URL (idempotent)") {
  UrlPolicy policy;
  std::string once, twice;
  REQUIRE(policy.sanitize("/a b/caf\xC3\xA9?q=\"x\"", once));
  REQUIRE(policy.sanitize(once, twice, true));
  CHECK(once == twice);
}

TEST_CASE("overlong URLs are refused") {
  UrlPolicy policy;
  std::string out;
  CHECK_FALSE(policy.sanitize("/" + std::string(9000, 'a'), out));
}
