// broadsheet — UrlPolicy: the one URL check.
#include "url_policy.h"

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "ascii.h"
#include "html_tokenizer.h"

namespace broadsheet {
namespace {

constexpr size_t kMaxUrlLength = 8192;

// Characters kept as they are; everything else is percent-encoded. Quotes, angle brackets,
// backslashes, backticks, spaces, controls and non-ASCII bytes never reach an attribute raw.
// A byte table, read once per byte of every URL: one load and a test, where a bit set cost a range
// check and two shifts (the scan of the kept prefix was a third of the URL check's instructions).
constexpr char kKeptInUrl[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~-_.+!*(),%#@?=;:/$&";
constexpr uint8_t kKept = 1;
constexpr uint8_t kReference = 2;     // '&', which may start a character reference
constexpr uint8_t kAuthorityEnd = 4;  // '/', '?' and '#' end a URL's authority (its host)
constexpr uint8_t kHostMark = 8;      // '@' ends user info, ':' starts a port
struct UrlBytes {
  uint8_t kind[256];
};
constexpr UrlBytes make_url_bytes() {
  UrlBytes t{};
  for (const char* c = kKeptInUrl; *c; ++c) t.kind[static_cast<unsigned char>(*c)] = kKept;
  t.kind[static_cast<unsigned char>('&')] |= kReference;
  for (const char c : {'/', '?', '#'}) t.kind[static_cast<unsigned char>(c)] |= kAuthorityEnd;
  for (const char c : {'@', ':'}) t.kind[static_cast<unsigned char>(c)] |= kHostMark;
  return t;
}
constexpr UrlBytes kUrlBytes = make_url_bytes();
inline bool keep_in_url(unsigned char c) { return kUrlBytes.kind[c] & kKept; }

// Length of a URL's scheme (the letters, digits, '+', '-' and '.' before the first ':', starting
// with a letter), or 0 when it has none: then it is relative.
size_t scheme_length(std::string_view url) {
  if (url.empty() || !is_ascii_alpha(url[0])) return 0;
  for (size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return i;
    if (!is_ascii_alpha(c) && !is_ascii_digit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// The host of an http(s) or protocol-relative URL as written (not lowercased), "" otherwise;
// `scheme` is the URL's scheme_length(). Read as a browser reads a link on an http(s) page: after
// "http:" or "https:" every slash is skipped, however many ("https:///evil.example",
// "http:evil.example" on an https page), and so are the slashes after a leading "//"
// ("///evil.example"). A backslash, which browsers read as a slash there, never gets here: it is
// written as %5C. Where the page's own scheme would make "https:x" a relative path, taking x for
// a host only adds rel to a link that did not need it.
std::string_view host_as_written(std::string_view url, size_t scheme) {
  const char* p = url.data();
  const size_t n = url.size();
  size_t start = scheme > 0 ? scheme + 1 : 0;  // after the ':'
  if (scheme == 0 && (n - start < 2 || p[start] != '/' || p[start + 1] != '/')) return {};
  while (start < n && p[start] == '/') ++start;
  // The authority ends at '/', '?' or '#'; user info before its last '@' and a port after the
  // first ':' that follows are not part of the host.
  size_t end = start;
  size_t port = std::string_view::npos;
  for (; end < n; ++end) {
    const uint8_t kind = kUrlBytes.kind[static_cast<unsigned char>(p[end])];
    if (!(kind & (kAuthorityEnd | kHostMark))) continue;  // most bytes: one load and a test
    if (kind & kAuthorityEnd) break;
    if (p[end] == '@') {
      start = end + 1;
      port = std::string_view::npos;
    } else if (port == std::string_view::npos) {
      port = end;
    }
  }
  if (port != std::string_view::npos) end = port;
  return std::string_view(p + start, end - start);
}

}  // namespace

UrlPolicy::UrlPolicy(std::string_view site_url) {
  CheckedUrl clean;
  if (!site_url.empty() && check(site_url, clean, false)) {
    site_host_ = host_as_written(clean.value(), scheme_length(clean.value()));
    for (char& c : site_host_) c = to_ascii_lower(c);
  }
}

// Every link of a text passes here, so the common URL is checked in place and written with one
// copy, without building strings for its parts: one whose bytes keep_in_url() all keeps (so no
// tab, newline, control or space to strip or trim, nothing to encode) and which has no '&' to
// decode (or comes decoded) is its own candidate.
bool UrlPolicy::check(std::string_view url, CheckedUrl& checked, bool already_decoded) const {
  if (url.size() > kMaxUrlLength) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(url.data());
  size_t kept = 0;
  uint8_t seen = 0;  // the kinds of the kept bytes, or-ed
  for (; kept < url.size(); ++kept) {
    const uint8_t kind = kUrlBytes.kind[bytes[kept]];
    if (!(kind & kKept)) break;
    seen |= kind;
  }
  std::string decoded;
  std::string_view candidate = url;
  if (kept < url.size() || ((seen & kReference) && !already_decoded)) {
    if (already_decoded) {
      decoded.assign(url.data(), url.size());
    } else {
      decode_character_references(url, decoded, true);
    }
    // Browsers remove tab and newline anywhere and C0 controls or space at both ends before they
    // look for a scheme: "jav&#x09;ascript:" and " \x01javascript:" are both javascript: URLs.
    // Compacted in place through a pointer: a libc++ call per byte is slow in the -Oz module.
    char* d = &decoded[0];
    size_t length = 0;
    for (size_t i = 0, n = decoded.size(); i < n; ++i) {
      if (d[i] != '\t' && d[i] != '\n' && d[i] != '\r') d[length++] = d[i];
    }
    decoded.resize(length);
    size_t begin = 0;
    size_t end = decoded.size();
    while (begin < end && static_cast<unsigned char>(decoded[begin]) <= 0x20) ++begin;
    while (end > begin && static_cast<unsigned char>(decoded[end - 1]) <= 0x20) --end;
    candidate = std::string_view(decoded).substr(begin, end - begin);
    bytes = reinterpret_cast<const unsigned char*>(candidate.data());
    kept = 0;
    while (kept < candidate.size() && keep_in_url(bytes[kept])) ++kept;
  }

  const size_t scheme = scheme_length(candidate);
  const std::string_view written_scheme = candidate.substr(0, scheme);
  const bool web =
      equals_ascii_ci(written_scheme, "http") || equals_ascii_ci(written_scheme, "https");
  if (scheme > 0 && !web && !equals_ascii_ci(written_scheme, "mailto") &&
      !equals_ascii_ci(written_scheme, "tel")) {
    return false;
  }
  if (scheme == 0) {
    // No scheme before the first ':'. A colon before any '/', '?' or '#' would make a browser
    // read a scheme we did not see (e.g. "java\x01script:" is not one, but be strict anyway).
    for (char c : candidate) {
      if (c == '/' || c == '?' || c == '#') break;
      if (c == ':') return false;
    }
  }

  // The scheme lowercased (its characters are all kept), then the rest with every byte outside
  // keep_in_url() percent-encoded.
  const size_t n = candidate.size();
  std::string& out = checked.value_;
  // Room for the worst case (each byte past the kept prefix as %XX), written through a pointer.
  out.assign(candidate.data(), kept);
  out.resize(kept + 3 * (n - kept));
  char* const start = &out[0];
  for (size_t i = 0; i < scheme; ++i) start[i] = to_ascii_lower(start[i]);
  char* p = start + kept;
  for (size_t i = kept; i < n; ++i) {
    const unsigned char c = bytes[i];
    if (keep_in_url(c)) {
      *p++ = static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      *p++ = '%';
      *p++ = kHex[c >> 4];
      *p++ = kHex[c & 15];
    }
  }
  out.resize(static_cast<size_t>(p - start));
  // Relative URLs stay on the site, and so do mailto: and tel:.
  const std::string_view host =
      scheme == 0 || web ? host_as_written(out, scheme) : std::string_view();
  checked.external_ = !host.empty() && !equals_ascii_ci(host, site_host_);
  return true;
}

}  // namespace broadsheet
