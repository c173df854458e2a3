// The one change broadsheet makes to nlohmann/json (scripts/stage_json.mjs: string characters read
// in a loop of their own, so that V8 does not tier the parser up during a page's first render)
// leaves the lexer's behaviour as it was: the same documents give the same SAX events, positions,
// quoted tokens and messages from the staged lexer (build/include) as from the package's own
// (build/include/upstream, tests/cpp/json_lexer_upstream.cpp), over hand-picked strings and
// 200,000 generated documents, and every UTF-8 lead byte with the edges of its ranges.
#include <nlohmann/json.hpp>

#ifndef BROADSHEET_JSON_LEXER_CHANGED
#error "this file tests the lexer of the staged nlohmann/json (scripts/stage_json.mjs)"
#endif

#define BROADSHEET_LEXER_DUMP staged_lexer_dump
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "json_lexer_dump.inc"

std::string upstream_lexer_dump(std::string_view input);

namespace {

std::string hex(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && byte != '\\') {
      out += c;
    } else {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// Checks one document; returns whether both lexers agreed.
bool same(const std::string& text) {
  const std::string staged = staged_lexer_dump(text);
  const std::string upstream = upstream_lexer_dump(text);
  if (staged == upstream) return true;
  CAPTURE(hex(text));
  CHECK(staged == upstream);
  return false;
}

}  // namespace

TEST_CASE("the staged lexer reads a string as nlohmann's own does: events, positions, errors") {
  // The dumps say what was read, so agreeing is not agreeing on nothing.
  CHECK(staged_lexer_dump("[\"a\\u00e9\", 1]") ==
        "[ 0:\nstring 3:a\xC3\xA9\nunsigned 1:1\n] 0:\nok\n");
  CHECK(staged_lexer_dump("[\"a\x01\"]").find("error at 4 ") != std::string::npos);

  std::vector<std::string> bodies = {"",
                                     "plain text",
                                     "quote \\\" and backslash \\\\ and slash \\/",
                                     "\\b\\f\\n\\r\\t",
                                     "\\x",
                                     "\\",
                                     "\\u0041",
                                     "\\u00e9\\u00E9",
                                     "\\uD83D\\uDE00",
                                     "\\uD83D",
                                     "\\uD83D\\u0041",
                                     "\\uD83Dx",
                                     "\\uDE00",
                                     "\\u12G4",
                                     "\\u12",
                                     "caf\xC3\xA9",
                                     "\xE2\x82\xAC",
                                     "\xF0\x9F\x98\x80",
                                     "\xC0\x80",
                                     "\xC1\xBF",
                                     "\xE0\x80\x80",
                                     "\xE0\x9F\xBF",
                                     "\xED\xA0\x80",
                                     "\xED\x9F\xBF",
                                     "\xF0\x80\x80\x80",
                                     "\xF4\x90\x80\x80",
                                     "\xF4\x8F\xBF\xBF",
                                     "\xF5\x80\x80\x80",
                                     "\xFF",
                                     "\xC3",
                                     "\xE2\x82",
                                     "\xF0\x9F\x98",
                                     "\x7F",
                                     " ~",
                                     "tab\there",
                                     "line\nbreak"};
  // Every byte alone in a string, then at the end of the input.
  for (int byte = 0; byte < 256; ++byte) bodies.emplace_back(1, static_cast<char>(byte));
  for (const std::string& body : bodies) {
    same("\"" + body + "\"");
    same("[\"x\", \"" + body + "\", 2]");
    same("{\n  \"key " + body + "\": \"" + body + "\"\n}");
    same("\"" + body);  // the input ends inside the string
    same("\"" + body + "\\");
  }
}

TEST_CASE("the staged lexer and nlohmann's own agree on 200,000 generated documents") {
  // Pieces a string is made of: runs of plain characters, escapes good and bad, UTF-8 good and
  // bad, control characters, quotes; documents are arrays and objects of such strings with
  // numbers and literals between, sometimes cut short or with one byte changed.
  const std::vector<std::string> pieces = {"a",
                                           "The quick brown fox",
                                           " ",
                                           "~",
                                           "\x7F",
                                           "\\\"",
                                           "\\\\",
                                           "\\/",
                                           "\\n",
                                           "\\t",
                                           "\\u0020",
                                           "\\u00e9",
                                           "\\uD83D\\uDE00",
                                           "\\uDBFF\\uDFFF",
                                           "\\uD800",
                                           "\\uDC00",
                                           "\\u",
                                           "\\u0",
                                           "\\uZZZZ",
                                           "\\q",
                                           "\\",
                                           "\xC3\xA9",
                                           "\xE2\x80\x94",
                                           "\xF0\x9F\x93\xB0",
                                           "\xC2",
                                           "\xE2\x80",
                                           "\x80",
                                           "\xBF",
                                           "\xC0\xAF",
                                           "\xED\xB0\x80",
                                           "\xF8\x88\x80\x80\x80",
                                           "\x01",
                                           "\x1F",
                                           "\n",
                                           "\t",
                                           "\"",
                                           "\r\n"};
  const std::vector<std::string> between = {",",
                                            ", ",
                                            ":",
                                            "1",
                                            "-0.5e3",
                                            "true",
                                            "null",
                                            "[",
                                            "]",
                                            "{",
                                            "}",
                                            "\n  ",
                                            "12345678901234567890"};
  std::mt19937 random(20261202);
  auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  int disagreements = 0;
  for (int i = 0; i < 200000 && disagreements < 5; ++i) {
    std::string text = i % 2 ? "[" : "{";
    const int strings = 1 + static_cast<int>(random() % 6);
    for (int s = 0; s < strings; ++s) {
      if (s > 0) text += random() % 8 ? std::string(", ") : pick(between);
      text += '"';
      const int parts = static_cast<int>(random() % 12);
      for (int p = 0; p < parts; ++p) text += pick(pieces);
      text += '"';
      if (i % 2 == 0) text += random() % 8 ? ": 1" : pick(between);
    }
    text += i % 2 ? "]" : "}";
    if (random() % 8 == 0) text.resize(random() % (text.size() + 1));
    if (random() % 8 == 0 && !text.empty()) {
      text[random() % text.size()] = static_cast<char>(random() % 256);
    }
    if (!same(text)) ++disagreements;
  }
  CHECK(disagreements == 0);
}

TEST_CASE(
    "the staged lexer checks UTF-8 as nlohmann's own does: every lead byte, every range edge") {
  // Each lead byte 0x80..0xFF followed by one to three bytes from the edges of the ranges that
  // well-formed UTF-8 allows after it (Unicode's table 3-7), then the closing quote or the end.
  const unsigned char edges[] = {0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  int disagreements = 0;
  for (int lead = 0x80; lead <= 0xFF && disagreements < 5; ++lead) {
    const std::string start = std::string("[\"a") + static_cast<char>(lead);
    for (const unsigned char b1 : edges) {
      const std::string one = start + static_cast<char>(b1);
      if (!same(one + "\"]") || !same(one)) ++disagreements;
      for (const unsigned char b2 : edges) {
        const std::string two = one + static_cast<char>(b2);
        if (!same(two + "\"]") || !same(two)) ++disagreements;
        for (const unsigned char b3 : edges) {
          if (!same(two + static_cast<char>(b3) + "z\"]")) ++disagreements;
        }
      }
    }
  }
  CHECK(disagreements == 0);
}
