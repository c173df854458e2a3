// broadsheet — UrlPolicy: the one URL check.
#include "broadsheet/url_policy.h"

#include "broadsheet/html_tokenizer.h"

namespace broadsheet {
namespace {

constexpr size_t kMaxUrlLength = 8192;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Characters kept as they are; everything else is percent-encoded. Quotes, angle brackets,
// backslashes, backticks, spaces, controls and non-ASCII bytes never reach an attribute raw.
bool keep_in_url(unsigned char c) {
  if (is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c))) return true;
  switch (c) {
    case '~':
    case '-':
    case '_':
    case '.':
    case '+':
    case '!':
    case '*':
    case '(':
    case ')':
    case ',':
    case '%':
    case '#':
    case '@':
    case '?':
    case '=':
    case ';':
    case ':':
    case '/':
    case '$':
    case '&':
      return true;
    default:
      return false;
  }
}

bool allowed_scheme(std::string_view scheme) {
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

}  // namespace

UrlPolicy::UrlPolicy(std::string_view site_url) {
  std::string clean;
  if (!site_url.empty() && sanitize(site_url, clean, false)) site_host_ = host_of(clean);
}

std::string UrlPolicy::scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return {};
  std::string scheme;
  for (char c : url) {
    if (c == ':') return scheme;
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
    scheme.push_back(to_lower(c));
  }
  return {};
}

std::string UrlPolicy::host_of(std::string_view url) {
  size_t start;
  const std::string scheme = scheme_of(url);
  if (!scheme.empty()) {
    start = scheme.size() + 1;
  } else {
    start = 0;
  }
  if (url.substr(start, 2) != "//") return {};
  start += 2;
  size_t end = start;
  while (end < url.size() && url[end] != '/' && url[end] != '?' && url[end] != '#') ++end;
  std::string_view authority = url.substr(start, end - start);
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  const size_t colon = authority.find(':');
  if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  std::string host;
  for (char c : authority) host.push_back(to_lower(c));
  return host;
}

bool UrlPolicy::sanitize(std::string_view url, std::string& out, bool already_decoded) const {
  if (url.size() > kMaxUrlLength) return false;
  std::string decoded;
  if (already_decoded) {
    decoded.assign(url.data(), url.size());
  } else {
    decode_character_references(url, decoded, true);
  }
  // Browsers remove tab and newline anywhere and C0 controls or space at both ends before they
  // look for a scheme: "jav&#x09;ascript:" and " \x01javascript:" are both javascript: URLs.
  std::string stripped;
  stripped.reserve(decoded.size());
  for (char c : decoded) {
    if (c != '\t' && c != '\n' && c != '\r') stripped.push_back(c);
  }
  size_t begin = 0;
  size_t end = stripped.size();
  while (begin < end && static_cast<unsigned char>(stripped[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(stripped[end - 1]) <= 0x20) --end;
  const std::string_view candidate(stripped.data() + begin, end - begin);

  const std::string scheme = scheme_of(candidate);
  if (!scheme.empty() && !allowed_scheme(scheme)) return false;
  if (scheme.empty()) {
    // No scheme before the first ':'. A colon before any '/', '?' or '#' would make a browser
    // read a scheme we did not see (e.g. "java\x01script:" is not one, but be strict anyway).
    for (char c : candidate) {
      if (c == '/' || c == '?' || c == '#') break;
      if (c == ':') return false;
    }
  }

  static constexpr char kHex[] = "0123456789ABCDEF";
  out.clear();
  for (size_t i = 0; i < candidate.size(); ++i) {
    const auto c = static_cast<unsigned char>(candidate[i]);
    if (i < scheme.size()) {
      out.push_back(to_lower(static_cast<char>(c)));
    } else if (keep_in_url(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return true;
}

bool UrlPolicy::is_external(std::string_view sanitized_url) const {
  const std::string scheme = scheme_of(sanitized_url);
  if (!scheme.empty() && scheme != "http" && scheme != "https") return false;
  const std::string host = host_of(sanitized_url);
  if (host.empty()) return false;  // relative: stays on the site
  return host != site_host_;
}

}  // namespace broadsheet
