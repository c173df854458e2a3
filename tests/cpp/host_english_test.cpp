// The native test host (src/host_english.cpp) writes each case of the table it shares with
// web/core.js (tests/fixtures/host-english.json; tests/js/host-english.test.js checks the JS side),
// so that the C++ tests and the fuzzers see the English a reader sees.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "language.h"
#include "test_support.h"

TEST_CASE("the native host writes English as web/core.js does without Intl (shared table)") {
  const nlohmann::json table =
      nlohmann::json::parse(test_support::read_file("tests/fixtures/host-english.json"));
  REQUIRE(table["cases"].size() >= 40);
  for (const auto& c : table["cases"]) {
    const auto request = c["request"].get<std::vector<std::string>>();
    CAPTURE(c["case"].get<std::string>());
    CAPTURE(c["request"].dump());
    CHECK(broadsheet::host_format(static_cast<broadsheet::HostFormat>(request[0][0]), request[1],
                                  request[2], request[3]) == c["text"].get<std::string>());
  }
}
