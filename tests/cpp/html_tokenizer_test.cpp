// Tests for broadsheet::HtmlTokenizer and decode_character_references.
//
// Tokens are compared through a compact dump, one token per element:
//   <name a="v" b="v"/>   start tag (the '/' only when self-closing)
//   </name>               end tag ("</name/>" when self-closing)
//   "text"                text
//   <!--data-->           comment
//   <!DOCTYPE name>       doctype
//   <?data>               processing instruction (data starts with '?')

#include "html_tokenizer.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using broadsheet::HtmlToken;
using broadsheet::HtmlTokenizer;

namespace {

std::string dump(const HtmlToken& token) {
  switch (token.kind) {
    case HtmlToken::Kind::StartTag: {
      std::string s = "<" + std::string(token.name);
      for (const auto& a : token.attributes) {
        s += " " + std::string(a.name) + "=\"" + std::string(a.value) + "\"";
      }
      return s + (token.self_closing ? "/>" : ">");
    }
    case HtmlToken::Kind::EndTag:
      return "</" + std::string(token.name) + (token.self_closing ? "/>" : ">");
    case HtmlToken::Kind::Text:
      return "\"" + std::string(token.data) + "\"";
    case HtmlToken::Kind::Comment:
      return "<!--" + std::string(token.data) + "-->";
    case HtmlToken::Kind::Doctype:
      return "<!DOCTYPE " + std::string(token.name) + ">";
    case HtmlToken::Kind::ProcessingInstruction:
      return "<" + std::string(token.data) + ">";
  }
  return "?";
}

// Tokenizes like the sanitizer does: after a start tag of a raw-text element it switches the
// content model.
std::vector<std::string> tokenize(std::string_view input) {
  HtmlTokenizer tokenizer(input);
  HtmlToken token;
  std::vector<std::string> out;
  while (tokenizer.next(token)) {
    out.push_back(dump(token));
    if (token.kind != HtmlToken::Kind::StartTag) continue;
    using Model = HtmlTokenizer::ContentModel;
    const std::string_view n = token.name;
    if (n == "script") {
      tokenizer.set_content_model(Model::ScriptData, n);
    } else if (n == "style" || n == "xmp" || n == "iframe" || n == "noembed" || n == "noframes" ||
               n == "noscript") {
      tokenizer.set_content_model(Model::RawText, n);
    } else if (n == "title" || n == "textarea") {
      tokenizer.set_content_model(Model::RcData, n);
    } else if (n == "plaintext") {
      tokenizer.set_content_model(Model::PlainText, n);
    }
  }
  return out;
}

using Tokens = std::vector<std::string>;

std::string decode(std::string_view in, bool in_attribute = false) {
  std::string out;
  broadsheet::decode_character_references(in, out, in_attribute);
  return out;
}

const std::string kFFFD = "\xEF\xBF\xBD";

}  // namespace

// Lets doctest print token lists when a check fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& tokens) {
    std::string s = "[";
    for (const std::string& t : tokens) s += (s.size() > 1 ? " | " : "") + t;
    s += "]";
    return String(s.c_str());
  }
};
}  // namespace doctest

// --- Text --------------------------------------------------------------------------------------

TEST_CASE("empty input yields no tokens") { CHECK(tokenize("") == Tokens{}); }

TEST_CASE("plain text is one text token with references decoded") {
  CHECK(tokenize("fish &amp; chips &lt;3 &#x263A;") == Tokens{"\"fish & chips <3 \xE2\x98\xBA\""});
}

TEST_CASE("encoded markup in text stays text") {
  CHECK(tokenize("&lt;script&gt;alert(1)&lt;/script&gt;") ==
        Tokens{"\"<script>alert(1)</script>\""});
}

TEST_CASE("less-than not followed by a letter is text and merges with its neighbours") {
  CHECK(tokenize("a < b <3 <= c") == Tokens{"\"a < b <3 <= c\""});
  CHECK(tokenize("<<b>") == Tokens{"\"<\"", "<b>"});
  CHECK(tokenize("x <") == Tokens{"\"x <\""});
  CHECK(tokenize("<\xC3\xA9>") == Tokens{"\"<\xC3\xA9>\""});
}

TEST_CASE("less-than slash at end of input is text") {
  CHECK(tokenize("a</") == Tokens{"\"a</\""});
}

TEST_CASE("empty end tag is ignored and the text around it merges") {
  CHECK(tokenize("a</>b") == Tokens{"\"ab\""});
  CHECK(tokenize("</>") == Tokens{});
}

TEST_CASE("references are not joined across an ignored end tag") {
  CHECK(tokenize("&am</>p;") == Tokens{"\"&amp;\""});
}

TEST_CASE("NUL in text is dropped") { CHECK(tokenize(std::string("a\0b", 3)) == Tokens{"\"ab\""}); }

TEST_CASE("CR LF and lone CR become LF") {
  CHECK(tokenize("a\r\nb\rc<a title='x\r\ny'>") == Tokens{"\"a\nb\nc\"", "<a title=\"x\ny\">"});
}

TEST_CASE("CR separates attributes like any newline") {
  CHECK(tokenize("<img\rsrc=x\ronerror=y>") == Tokens{"<img src=\"x\" onerror=\"y\">"});
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, one per maximal invalid subsequence") {
  CHECK(tokenize("a\xFF"
                 "b") == Tokens{"\"a" + kFFFD + "b\""});
  CHECK(tokenize("\xE2\x98") == Tokens{"\"" + kFFFD + "\""});          // truncated sequence
  CHECK(tokenize("\xC0\xAF") == Tokens{"\"" + kFFFD + kFFFD + "\""});  // overlong '/'
  CHECK(tokenize("\xED\xA0\x80") == Tokens{"\"" + kFFFD + kFFFD + kFFFD + "\""});  // surrogate
  CHECK(tokenize("\xF0\x9F\x98\x80") == Tokens{"\"\xF0\x9F\x98\x80\""});           // valid emoji
}

TEST_CASE("invalid UTF-8 inside a tag does not hide the tag end") {
  CHECK(tokenize("<a title=\xE2>x") == Tokens{"<a title=\"" + kFFFD + "\">", "\"x\""});
}

// --- Tags --------------------------------------------------------------------------------------

TEST_CASE("start and end tag names are ASCII-lowercased") {
  CHECK(tokenize("<DiV>x</dIv>") == Tokens{"<div>", "\"x\"", "</div>"});
}

TEST_CASE("tag name keeps non-ASCII bytes and digits") {
  CHECK(tokenize("<H1><A\xC3\x89>") == Tokens{"<h1>", "<a\xC3\x89>"});
}

TEST_CASE("less-than inside a tag name is part of the name") {
  CHECK(tokenize("<scr<script>ipt>alert(1)") == Tokens{"<scr<script>", "\"ipt>alert(1)\""});
}

TEST_CASE("slash between attributes separates them") {
  CHECK(tokenize("<a/href=x>") == Tokens{"<a href=\"x\">"});
  CHECK(tokenize("<img/src=x/onerror=y>") == Tokens{"<img src=\"x/onerror=y\">"});
  CHECK(tokenize("<img/src='x'/onerror=y>") == Tokens{"<img src=\"x\" onerror=\"y\">"});
}

TEST_CASE("self-closing flag only for slash right before the closing bracket") {
  CHECK(tokenize("<br/>") == Tokens{"<br/>"});
  CHECK(tokenize("<br />") == Tokens{"<br/>"});
  CHECK(tokenize("<br / >") == Tokens{"<br>"});
  CHECK(tokenize("<a href='x'/>") == Tokens{"<a href=\"x\"/>"});
}

TEST_CASE("unquoted value keeps a trailing slash, so there is no self-closing flag") {
  CHECK(tokenize("<a href=x/>") == Tokens{"<a href=\"x/\">"});
}

TEST_CASE("double-quoted, single-quoted, unquoted and missing attribute values") {
  CHECK(tokenize("<input a=\"1 2\" b='3 \"4\"' c=5 d>") ==
        Tokens{"<input a=\"1 2\" b=\"3 \"4\"\" c=\"5\" d=\"\">"});
}

TEST_CASE("whitespace around the equals sign is allowed") {
  CHECK(tokenize("<a href \n= \t'x'>") == Tokens{"<a href=\"x\">"});
}

TEST_CASE("unquoted attribute value ends at whitespace") {
  CHECK(tokenize("<a href=x onclick=y>") == Tokens{"<a href=\"x\" onclick=\"y\">"});
}

TEST_CASE("unquoted attribute value keeps quotes, equals, backtick and less-than") {
  CHECK(tokenize("<a b=x\"y'z=`<c>") == Tokens{"<a b=\"x\"y'z=`<c\">"});
}

TEST_CASE("empty unquoted value before the closing bracket") {
  CHECK(tokenize("<a href=>x") == Tokens{"<a href=\"\">", "\"x\""});
}

TEST_CASE("onerror after an unquoted src is an attribute and keeps its slashes") {
  CHECK(tokenize("<img src=x onerror=alert(1)//>") ==
        Tokens{"<img src=\"x\" onerror=\"alert(1)//\">"});
}

TEST_CASE("attribute after a quoted value needs no whitespace") {
  CHECK(tokenize("<img src=\"x\"onerror=\"y\">") == Tokens{"<img src=\"x\" onerror=\"y\">"});
}

TEST_CASE("attribute names are lowercased, values are not") {
  CHECK(tokenize("<A HREF=\"HTTP://X\" OnClick=Y>") ==
        Tokens{"<a href=\"HTTP://X\" onclick=\"Y\">"});
}

TEST_CASE("equals sign starts an attribute name only at its start") {
  CHECK(tokenize("<a =x>") == Tokens{"<a =x=\"\">"});
  CHECK(tokenize("<a ==x>") == Tokens{"<a ==\"x\">"});
}

TEST_CASE("quotes and less-than are attribute name characters") {
  CHECK(tokenize("<img \"\"\"><script>>") == Tokens{"<img \"\"\"=\"\">", "<script>", "\">\""});
  CHECK(tokenize("<a x'y<z=1>") == Tokens{"<a x'y<z=\"1\">"});
}

TEST_CASE("duplicate attribute names: first wins") {
  CHECK(tokenize("<a href=x HREF=javascript:y title=t>") == Tokens{"<a href=\"x\" title=\"t\">"});
}

TEST_CASE("duplicate attribute names in a large tag: first wins and order is kept") {
  std::string input = "<a";
  for (int i = 0; i < 40; ++i) input += " a" + std::to_string(i % 20) + "=" + std::to_string(i);
  input += ">";
  std::string expected = "<a";
  for (int i = 0; i < 20; ++i)
    expected += " a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
  expected += ">";
  CHECK(tokenize(input) == Tokens{expected});
}

TEST_CASE("NUL becomes U+FFFD in tag names, attribute names and values") {
  CHECK(tokenize(std::string("<a\0b c\0d=e\0f>", 13)) ==
        Tokens{"<a" + kFFFD + "b c" + kFFFD + "d=\"e" + kFFFD + "f\">"});
  CHECK(tokenize(std::string("<a href='java\0script:x'>", 24)) ==
        Tokens{"<a href=\"java" + kFFFD + "script:x\">"});
}

TEST_CASE("end tag attributes are dropped, even with a quoted closing bracket") {
  CHECK(tokenize("</a href='>'>x") == Tokens{"</a>", "\"x\""});
}

TEST_CASE("unclosed tag at end of input is dropped") {
  CHECK(tokenize("a<b") == Tokens{"\"a\""});
  CHECK(tokenize("a<img src=x onerror=alert(1)") == Tokens{"\"a\""});
  CHECK(tokenize("<img src=x ") == Tokens{});
  CHECK(tokenize("<img src=x /") == Tokens{});
  CHECK(tokenize("<img src") == Tokens{});
  CHECK(tokenize("<img src=") == Tokens{});
  CHECK(tokenize("</a") == Tokens{});
}

TEST_CASE("unclosed quoted attribute value swallows the rest of the input and is dropped") {
  CHECK(tokenize("<a title='x>y</a><b>") == Tokens{});
  CHECK(tokenize("t<a title=\"x>") == Tokens{"\"t\""});
}

// --- Attribute character references -------------------------------------------------------------

TEST_CASE("numeric reference tab inside javascript scheme is decoded") {
  CHECK(tokenize("<a href=\"java&#x09;script:alert(1)\">") ==
        Tokens{"<a href=\"java\tscript:alert(1)\">"});
  CHECK(tokenize("<a href=java&#115;cript:x>") == Tokens{"<a href=\"javascript:x\">"});
  CHECK(tokenize("<a href='&#106&#97&#118&#97script:x'>") == Tokens{"<a href=\"javascript:x\">"});
}

TEST_CASE("named references with semicolon decode in attributes") {
  CHECK(tokenize("<a href='javascript&colon;x' title=&quot;q&quot;>") ==
        Tokens{"<a href=\"javascript:x\" title=\"\"q\"\">"});
}

TEST_CASE("legacy &amp without semicolon in attribute followed by = stays literal") {
  CHECK(tokenize("<a href='?a=1&amp=2'>") == Tokens{"<a href=\"?a=1&amp=2\">"});
  CHECK(decode("&copy=1", true) == "&copy=1");
}

TEST_CASE(
    "legacy reference without semicolon in attribute followed by alphanumeric stays literal") {
  CHECK(decode("?x&notit=1", true) == "?x&notit=1");
  CHECK(decode("&ampx", true) == "&ampx");
  CHECK(decode("&copy2", true) == "&copy2");
}

TEST_CASE("legacy reference without semicolon in attribute followed by other decodes") {
  CHECK(tokenize("<a title='&amp&lt-&copy'>") == Tokens{"<a title=\"&<-\xC2\xA9\">"});
}

// --- Character references ------------------------------------------------------------------------

TEST_CASE("legacy reference without semicolon in text decodes with the longest match") {
  CHECK(decode("&notit;") == "\xC2\xACit;");
  CHECK(decode("&notin;") == "\xE2\x88\x89");
  CHECK(decode("&ampx") == "&x");
  CHECK(decode("&amp") == "&");
  CHECK(decode("I'm &notit; I tell you") == "I'm \xC2\xACit; I tell you");
}

TEST_CASE("non-legacy name without semicolon is not a reference") {
  CHECK(decode("&hellip") == "&hellip");
  CHECK(decode("&colon") == "&colon");
}

TEST_CASE("unknown names, lone ampersands and bare ampersand-hash are left as they are") {
  CHECK(decode("&foo; & &; &#; &#x; &#xg; &#a") == "&foo; & &; &#; &#x; &#xg; &#a");
  CHECK(decode("&") == "&");
  CHECK(decode("&#") == "&#");
  CHECK(decode("&#x") == "&#x");
}

TEST_CASE("every legacy name decodes without a semicolon") {
  // The full list from the HTML standard: a typo in the tokenizer's copy shows up here.
  const char* names[] = {
      "AElig",  "AMP",    "Aacute", "Acirc",  "Agrave", "Aring",  "Atilde", "Auml",   "COPY",
      "Ccedil", "ETH",    "Eacute", "Ecirc",  "Egrave", "Euml",   "GT",     "Iacute", "Icirc",
      "Igrave", "Iuml",   "LT",     "Ntilde", "Oacute", "Ocirc",  "Ograve", "Oslash", "Otilde",
      "Ouml",   "QUOT",   "REG",    "THORN",  "Uacute", "Ucirc",  "Ugrave", "Uuml",   "Yacute",
      "aacute", "acirc",  "acute",  "aelig",  "agrave", "amp",    "aring",  "atilde", "auml",
      "brvbar", "ccedil", "cedil",  "cent",   "copy",   "curren", "deg",    "divide", "eacute",
      "ecirc",  "egrave", "eth",    "euml",   "frac12", "frac14", "frac34", "gt",     "iacute",
      "icirc",  "iexcl",  "igrave", "iquest", "iuml",   "laquo",  "lt",     "macr",   "micro",
      "middot", "nbsp",   "not",    "ntilde", "oacute", "ocirc",  "ograve", "ordf",   "ordm",
      "oslash", "otilde", "ouml",   "para",   "plusmn", "pound",  "quot",   "raquo",  "reg",
      "sect",   "shy",    "sup1",   "sup2",   "sup3",   "szlig",  "thorn",  "times",  "uacute",
      "ucirc",  "ugrave", "uml",    "uuml",   "yacute", "yen",    "yuml",
  };
  for (const char* name : names) {
    const std::string with = decode(std::string("&") + name + ";");
    CHECK(with != std::string("&") + name + ";");
    CHECK(decode(std::string("&") + name) == with);
  }
}

TEST_CASE("named reference with two code points") {
  CHECK(decode("&NotEqualTilde;") == "\xE2\x89\x82\xCC\xB8");
}

TEST_CASE("decimal and hex references, semicolon optional") {
  CHECK(decode("&#65;&#x42;&#X43&#68") == "ABCD");
  CHECK(decode("&#0000065;") == "A");
  CHECK(decode("&#x1F600;") == "\xF0\x9F\x98\x80");
}

TEST_CASE("numeric zero, surrogates and out-of-range values become U+FFFD") {
  CHECK(decode("&#0;") == kFFFD);
  CHECK(decode("&#xD800;") == kFFFD);
  CHECK(decode("&#xDFFF;") == kFFFD);
  CHECK(decode("&#x110000;") == kFFFD);
  CHECK(decode("&#x10FFFF;") == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("huge numeric reference saturates instead of wrapping to a valid character") {
  // 0x10000003C would wrap to 0x3C ('<') in 32 bits.
  CHECK(decode("&#x10000003C;") == kFFFD);
  CHECK(decode("&#99999999999999999999999999;x") == kFFFD + "x");
}

TEST_CASE("numeric references 0x80 to 0x9F are remapped as Windows-1252") {
  CHECK(decode("&#x80;") == "\xE2\x82\xAC");  // €
  CHECK(decode("&#150;") == "\xE2\x80\x93");  // –
  CHECK(decode("&#x9F;") == "\xC5\xB8");      // Ÿ
  CHECK(decode("&#x81;") == "\xC2\x81");      // unmapped: kept
}

TEST_CASE(
    "numeric references are written in UTF-8 of every length; invalid code points as U+FFFD") {
  CHECK(decode("&#x41;") == "A");
  CHECK(decode("&#xE9;") == "\xC3\xA9");
  CHECK(decode("&#x20AC;") == "\xE2\x82\xAC");
  CHECK(decode("&#x1F600;") == "\xF0\x9F\x98\x80");
  CHECK(decode("&#xD800;") == kFFFD);
  CHECK(decode("&#x110000;") == kFFFD);
}

// --- Comments, DOCTYPE, bogus comments
// -------------------------------------------------------------

TEST_CASE("comment data is returned as is") {
  CHECK(tokenize("a<!-- x &amp; y -->b") == Tokens{"\"a\"", "<!-- x &amp; y -->", "\"b\""});
}

TEST_CASE("script tag inside a comment stays in the comment") {
  CHECK(tokenize("<!--<script>-->alert(1)") == Tokens{"<!--<script>-->", "\"alert(1)\""});
}

TEST_CASE("abruptly closed comments <!--> and <!--->") {
  CHECK(tokenize("<!-->x") == Tokens{"<!---->", "\"x\""});
  CHECK(tokenize("<!--->x") == Tokens{"<!---->", "\"x\""});
}

TEST_CASE("comment closed by --!>") {
  CHECK(tokenize("<!--a--!><img>") == Tokens{"<!--a-->", "<img>"});
}

TEST_CASE("comment keeps single dashes, extra dashes and --! not followed by >") {
  CHECK(tokenize("<!-- a - b -- c --->") == Tokens{"<!-- a - b -- c --->"});
  CHECK(tokenize("<!--a--!b-->") == Tokens{"<!--a--!b-->"});
  CHECK(tokenize("<!---a-->") == Tokens{"<!---a-->"});
}

TEST_CASE("nested comment opener does not change where the comment ends") {
  CHECK(tokenize("<!-- <!-- x --><b>") == Tokens{"<!-- <!-- x -->", "<b>"});
  CHECK(tokenize("<!--<!--->") == Tokens{"<!--<!--->"});
}

TEST_CASE("unclosed comment runs to the end of input") {
  CHECK(tokenize("<!-- <img src=x onerror=y>") == Tokens{"<!-- <img src=x onerror=y>-->"});
  CHECK(tokenize("<!--") == Tokens{"<!---->"});
  CHECK(tokenize("<!--a-") == Tokens{"<!--a-->"});
}

TEST_CASE("NUL in a comment becomes U+FFFD") {
  CHECK(tokenize(std::string("<!--\0-->", 8)) == Tokens{"<!--" + kFFFD + "-->"});
}

TEST_CASE("comment data ends before the dashes that close it, whatever came before them") {
  CHECK(tokenize("<!--a--!-b-->") == Tokens{"<!--a--!-b-->"});
  CHECK(tokenize("<!--a--->") == Tokens{"<!--a--->"});
  CHECK(tokenize("<!----->") == Tokens{"<!----->"});
  CHECK(tokenize("<!--a--") == Tokens{"<!--a-->"});
  CHECK(tokenize("<!--a--!") == Tokens{"<!--a-->"});
  CHECK(tokenize(std::string("<!--a\0--\0--->", 14)) ==
        Tokens{"<!--a" + kFFFD + "--" + kFFFD + "--->"});
}

TEST_CASE("raw text with and without NUL or references reads the same") {
  using Model = HtmlTokenizer::ContentModel;
  for (const auto& [model, input, text] : {
           std::tuple{Model::RawText, std::string("a&amp;b</style>"), std::string("a&amp;b")},
           std::tuple{Model::RawText, std::string("a\0b</style>", 11), "a" + kFFFD + "b"},
           std::tuple{Model::RcData, std::string("a&amp;b</style>"), std::string("a&b")},
           std::tuple{Model::RcData, std::string("ab</style>"), std::string("ab")},
       }) {
    HtmlTokenizer tokenizer(input);
    tokenizer.set_content_model(model, "style");
    HtmlToken token;
    REQUIRE(tokenizer.next(token));
    CHECK(token.data == text);
  }
}

// Text is scanned eight bytes at a time: '<', '&' and NUL must be found at every offset of a word,
// in the last bytes of the input (read one at a time) and after several words with none.
TEST_CASE("text stops at a tag, a reference or a NUL wherever it falls") {
  for (std::size_t before = 0; before < 20; ++before) {
    for (std::size_t after = 0; after < 20; ++after) {
      const std::string a(before, 'a');
      const std::string b(after, 'b');
      CAPTURE(before);
      CAPTURE(after);
      const Tokens tag = a.empty() ? Tokens{"<i>"} : Tokens{"\"" + a + "\"", "<i>"};
      Tokens with_b = tag;
      if (!b.empty()) with_b.push_back("\"" + b + "\"");
      CHECK(tokenize(a + "<i>" + b) == with_b);
      CHECK(tokenize(a + "&lt;" + b) == Tokens{"\"" + a + "<" + b + "\""});
      CHECK(tokenize(a + std::string("\0", 1) + b) ==
            (a.empty() && b.empty() ? Tokens{} : Tokens{"\"" + a + b + "\""}));
      CHECK(tokenize(a + "< " + b) == Tokens{"\"" + a + "< " + b + "\""});
    }
  }
}

// Names and values are read through a table of what each byte does: its delimiter, an upper-case
// letter, a NUL or a reference must be found wherever it falls in runs longer than a word.
TEST_CASE("names and values end at their delimiters and are rewritten at any offset") {
  for (std::size_t length = 1; length < 20; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string name(length, 'x');
      std::string upper = name;
      upper[at] = 'Q';
      std::string lower = name;
      lower[at] = 'q';
      CAPTURE(length);
      CAPTURE(at);
      CHECK(tokenize("<" + upper + " " + upper + "=" + upper + ">") ==
            Tokens{"<" + lower + " " + lower + "=\"" + upper + "\">"});
      std::string value(length, 'v');
      std::string with_nul = value;
      with_nul[at] = '\0';
      const std::string replaced = value.substr(0, at) + kFFFD + value.substr(at + 1);
      CHECK(tokenize("<a b=\"" + with_nul + "\" c='" + with_nul + "' d=" + with_nul + ">") ==
            Tokens{"<a b=\"" + replaced + "\" c=\"" + replaced + "\" d=\"" + replaced + "\">"});
      const std::string with_ref = value.substr(0, at) + "&lt;" + value.substr(at);
      const std::string decoded = value.substr(0, at) + "<" + value.substr(at);
      CHECK(tokenize("<a b=\"" + with_ref + "\" c='" + with_ref + "' d=" + with_ref + ">") ==
            Tokens{"<a b=\"" + decoded + "\" c=\"" + decoded + "\" d=\"" + decoded + "\">"});
      // A quote of the other kind is a value character; the value ends at its own.
      std::string quotes = value;
      quotes[at] = '\'';
      CHECK(tokenize("<a b=\"" + quotes + "\">") == Tokens{"<a b=\"" + quotes + "\">"});
      // The delimiter at `at` ends the name there.
      CHECK(tokenize("<" + name.substr(0, at + 1) + "/" + name + ">") ==
            Tokens{"<" + name.substr(0, at + 1) + " " + name + "=\"\">"});
      // Cut off by the end of input: the tag is dropped.
      CHECK(tokenize("<a b=\"" + value.substr(0, at)).empty());
    }
  }
}

TEST_CASE("doctype name is lowercased and the token ends at the first closing bracket") {
  CHECK(tokenize("<!DOCTYPE html>") == Tokens{"<!DOCTYPE html>"});
  CHECK(tokenize("<!doctype HTML PUBLIC \"a>b\">") == Tokens{"<!DOCTYPE html>", "\"b\">\""});
  CHECK(tokenize("<!DOCTYPE>x") == Tokens{"<!DOCTYPE >", "\"x\""});
  CHECK(tokenize("<!DOCTYPEhtml>") == Tokens{"<!DOCTYPE html>"});
  CHECK(tokenize("<!DOCTYPE html") == Tokens{"<!DOCTYPE html>"});
}

TEST_CASE("CDATA outside foreign content is a bogus comment ending at the first >") {
  CHECK(tokenize("<![CDATA[<img src=x onerror=y>]]>") ==
        Tokens{"<!--[CDATA[<img src=x onerror=y-->", "\"]]>\""});
}

TEST_CASE("processing instruction is a bogus comment ending at the first >") {
  CHECK(tokenize("<?xml version='1.0'?>x") == Tokens{"<?xml version='1.0'?>", "\"x\""});
  CHECK(tokenize("<?php echo '>'; ?>") == Tokens{"<?php echo '>", "\"'; ?>\""});
}

TEST_CASE("markup declaration that is not a comment or doctype is a bogus comment") {
  CHECK(tokenize("<!x>") == Tokens{"<!--x-->"});
  CHECK(tokenize("<!>") == Tokens{"<!---->"});
  CHECK(tokenize("<!-x-->y") == Tokens{"<!---x---->", "\"y\""});
  CHECK(tokenize("<!") == Tokens{"<!---->"});
}

TEST_CASE("end tag opener followed by a non-letter is a bogus comment") {
  CHECK(tokenize("</ script>x") == Tokens{"<!-- script-->", "\"x\""});
  CHECK(tokenize("</3>") == Tokens{"<!--3-->"});
  CHECK(tokenize("</\"><img src=x onerror=y>") ==
        Tokens{"<!--\"-->", "<img src=\"x\" onerror=\"y\">"});
}

TEST_CASE("bogus comment without a closing bracket runs to the end of input") {
  CHECK(tokenize("<!x <b") == Tokens{"<!--x <b-->"});
  CHECK(tokenize("</ x") == Tokens{"<!-- x-->"});
  CHECK(tokenize("<?x") == Tokens{"<?x>"});
}

// --- Raw text content models ---------------------------------------------------------------------

TEST_CASE("script content is one text token up to </script followed by whitespace") {
  CHECK(tokenize("<script>if (a<b) x='<b>'</script >after") ==
        Tokens{"<script>", "\"if (a<b) x='<b>'\"", "</script>", "\"after\""});
}

TEST_CASE("script end tag is case-insensitive and may end with a slash") {
  CHECK(tokenize("<script>x</SCRIPT/>y") == Tokens{"<script>", "\"x\"", "</script/>", "\"y\""});
  CHECK(tokenize("<script>x</ScRiPt\n>y") == Tokens{"<script>", "\"x\"", "</script>", "\"y\""});
}

TEST_CASE("script end tag cut off by the end of input is dropped after the text") {
  CHECK(tokenize("<script>x</SCRIPT/") == Tokens{"<script>", "\"x\""});
  CHECK(tokenize("<script>x</script") == Tokens{"<script>", "\"x</script\""});
}

TEST_CASE("script end tag needs a delimiter after the name") {
  CHECK(tokenize("<script>a</scripty>b</script>") ==
        Tokens{"<script>", "\"a</scripty>b\"", "</script>"});
}

TEST_CASE("empty script yields no text token") {
  CHECK(tokenize("<script></script>") == Tokens{"<script>", "</script>"});
}

TEST_CASE("unclosed script runs to the end of input") {
  CHECK(tokenize("<script><img src=x onerror=y>") ==
        Tokens{"<script>", "\"<img src=x onerror=y>\""});
}

TEST_CASE("script end tag attributes may hide a closing bracket in quotes") {
  CHECK(tokenize("<script>a</script x='>'>b") == Tokens{"<script>", "\"a\"", "</script>", "\"b\""});
}

TEST_CASE("script data escape: </script> inside <!-- still ends the script") {
  CHECK(tokenize("<script><!-- a </script>b") ==
        Tokens{"<script>", "\"<!-- a \"", "</script>", "\"b\""});
}

TEST_CASE("script data double escape: <!--<script> hides the first </script>") {
  CHECK(tokenize("<script><!--<script></script><img src=x onerror=y></script>z") ==
        Tokens{"<script>", "\"<!--<script></script><img src=x onerror=y>\"", "</script>", "\"z\""});
}

TEST_CASE("script data double escape ends at --> as well") {
  CHECK(tokenize("<script><!--<script>--></script>z") ==
        Tokens{"<script>", "\"<!--<script>-->\"", "</script>", "\"z\""});
}

TEST_CASE("script data escape needs two dashes and --> leaves it") {
  CHECK(tokenize("<script><!-<script></script>z") ==
        Tokens{"<script>", "\"<!-<script>\"", "</script>", "\"z\""});
  CHECK(tokenize("<script><!--><script></script>z") ==
        Tokens{"<script>", "\"<!--><script>\"", "</script>", "\"z\""});
}

TEST_CASE("script data double escape needs a delimiter after script") {
  CHECK(tokenize("<script><!--<scripts></script>z") ==
        Tokens{"<script>", "\"<!--<scripts>\"", "</script>", "\"z\""});
}

TEST_CASE("NUL in script content becomes U+FFFD") {
  CHECK(tokenize(std::string("<script>\0</script>", 18)) ==
        Tokens{"<script>", "\"" + kFFFD + "\"", "</script>"});
}

TEST_CASE("style content is raw text: no tags, no references") {
  CHECK(tokenize("<style>a<b>&amp;</style><b>") ==
        Tokens{"<style>", "\"a<b>&amp;\"", "</style>", "<b>"});
}

TEST_CASE("raw text ignores comments: </xmp> inside <!-- ends it") {
  CHECK(tokenize("<xmp><!--</xmp><img src=x onerror=y>-->") ==
        Tokens{"<xmp>", "\"<!--\"", "</xmp>", "<img src=\"x\" onerror=\"y\">", "\"-->\""});
}

TEST_CASE("title is RCDATA: references decoded, tags are text") {
  CHECK(tokenize("<TITLE>a &amp; <b></TITLE>") == Tokens{"<title>", "\"a & <b>\"", "</title>"});
}

TEST_CASE("textarea end tag at end of input without delimiter is text") {
  CHECK(tokenize("<textarea></textarea") == Tokens{"<textarea>", "\"</textarea\""});
}

TEST_CASE("plaintext swallows everything to the end of input") {
  CHECK(tokenize("<plaintext><b></plaintext>&amp;") ==
        Tokens{"<plaintext>", "\"<b></plaintext>&amp;\""});
}

TEST_CASE("raw text end tag name that is not all letters never matches") {
  HtmlTokenizer tokenizer("a</x1>b");
  tokenizer.set_content_model(HtmlTokenizer::ContentModel::RawText, "x1");
  HtmlToken token;
  CHECK(tokenizer.next(token));
  CHECK(dump(token) == "\"a</x1>b\"");
  CHECK_FALSE(tokenizer.next(token));
}

TEST_CASE("input its caller cleaned is tokenized as the same input would be after cleaning") {
  const std::string_view inputs[] = {
      "<p class=\"a\" id=b>caf\xC3\xA9 &amp; more</p>",
      "<div\ntitle='x\ny'>one\ntwo</div>\n",
      "<script>if (a < b) x()</script><!-- c -->&copy text",
      "<a href=x/>text<br/><BR>",
  };
  for (const std::string_view input : inputs) {
    CAPTURE(input);
    HtmlTokenizer cleaned(input, true);
    const std::vector<std::string> expected = tokenize(input);
    std::vector<std::string> got;
    HtmlToken token;
    while (cleaned.next(token)) {
      got.push_back(dump(token));
      if (token.kind == HtmlToken::Kind::StartTag && token.name == "script") {
        cleaned.set_content_model(HtmlTokenizer::ContentModel::ScriptData, token.name);
      }
    }
    CHECK(got == expected);
  }
}

// --- Robustness ----------------------------------------------------------------------------------

TEST_CASE("next resets every field of the token") {
  HtmlTokenizer tokenizer("<a href=x/>text");
  HtmlToken token;
  CHECK(tokenizer.next(token));
  CHECK(token.self_closing == false);
  CHECK(token.attributes.size() == 1);
  CHECK(tokenizer.next(token));
  CHECK(token.kind == HtmlToken::Kind::Text);
  CHECK(token.name.empty());
  CHECK(token.attributes.empty());
  CHECK(token.data == "text");
  CHECK_FALSE(tokenizer.next(token));
  CHECK_FALSE(tokenizer.next(token));
}

TEST_CASE("large inputs of repeated openers finish") {
  const std::string patterns[] = {"<a ", "<!--", "&#", "&amp", "</", "<a b=", "<a b c d e f "};
  for (const std::string& pattern : patterns) {
    std::string input;
    for (int i = 0; i < 20000; ++i) input += pattern;
    HtmlTokenizer tokenizer(input);
    HtmlToken token;
    int count = 0;
    while (tokenizer.next(token)) ++count;
    CHECK(count >= 0);
  }
  std::string many_attributes = "<a";
  for (int i = 0; i < 50000; ++i) many_attributes += " x";
  CHECK(tokenize(many_attributes + ">") == Tokens{"<a x=\"\">"});
  std::string script = "<script><!--<script>";
  for (int i = 0; i < 20000; ++i) script += "</scrip <script -- <!-- ";
  CHECK(tokenize(script).size() == 2);
}
