// broadsheet — UrlPolicy: the one URL check.
#include "url_policy.h"

#include <cstring>

#include "html_tokenizer.h"

namespace broadsheet {
namespace {

constexpr size_t kMaxUrlLength = 8192;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Loops here and below index raw pointers: in the size-optimized WebAssembly build libc++'s string
// and iterator helpers are calls, too slow to make per character.
std::string lowercase(std::string_view s) {
  std::string out(s);
  char* p = &out[0];
  for (size_t i = 0, n = s.size(); i < n; ++i) p[i] = to_lower(p[i]);
  return out;
}

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

// Scheme of a URL in lowercase, or "" when relative.
std::string scheme_of(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return {};
  for (size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return lowercase(url.substr(0, i));
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return {};
  }
  return {};
}

}  // namespace

UrlPolicy::UrlPolicy(std::string_view site_url) {
  CheckedUrl clean;
  if (!site_url.empty() && check(site_url, clean, false)) site_host_ = host_of(clean.value());
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
  return lowercase(authority);
}

bool UrlPolicy::check(std::string_view url, CheckedUrl& checked, bool already_decoded) const {
  if (url.size() > kMaxUrlLength) return false;
  std::string decoded;
  if (already_decoded) {
    decoded.assign(url.data(), url.size());
  } else {
    decode_character_references(url, decoded, true);
  }
  // Browsers remove tab and newline anywhere and C0 controls or space at both ends before they
  // look for a scheme: "jav&#x09;ascript:" and " \x01javascript:" are both javascript: URLs.
  std::string stripped = std::move(decoded);
  {
    char* p = &stripped[0];
    size_t kept = 0;
    for (size_t i = 0, n = stripped.size(); i < n; ++i) {
      if (p[i] != '\t' && p[i] != '\n' && p[i] != '\r') p[kept++] = p[i];
    }
    stripped.resize(kept);
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

  // The scheme lowercased, then the rest with every byte outside keep_in_url() percent-encoded,
  // written through a pointer into room for the worst case (each byte as %XX).
  static constexpr char kHex[] = "0123456789ABCDEF";
  const size_t n = candidate.size();
  const auto* in = reinterpret_cast<const unsigned char*>(candidate.data());
  std::string& out = checked.value_;
  out.resize(scheme.size() + 3 * (n - scheme.size()));
  char* const dst = &out[0];
  std::memcpy(dst, scheme.data(), scheme.size());
  char* p = dst + scheme.size();
  for (size_t i = scheme.size(); i < n; ++i) {
    const unsigned char c = in[i];
    if (keep_in_url(c)) {
      *p++ = static_cast<char>(c);
    } else {
      *p++ = '%';
      *p++ = kHex[c >> 4];
      *p++ = kHex[c & 15];
    }
  }
  out.resize(static_cast<size_t>(p - dst));
  // Relative URLs stay on the site, and so do mailto: and tel:.
  const std::string host =
      scheme.empty() || scheme == "http" || scheme == "https" ? host_of(out) : std::string();
  checked.external_ = !host.empty() && host != site_host_;
  return true;
}

}  // namespace broadsheet
