// broadsheet — the one URL check every URL in the output passes.
#ifndef BROADSHEET_URL_POLICY_H
#define BROADSHEET_URL_POLICY_H

#include <string>
#include <string_view>

namespace broadsheet {

// A URL that passed UrlPolicy::check, re-serialized: ASCII only, every byte outside a
// conservative set percent-encoded, so it needs no cleaning or escaping check later. Only
// UrlPolicy makes one, so the Writer writes it as it is: a URL is decided once, where it is read,
// and the link's rel comes from the same decision.
class CheckedUrl {
 public:
  std::string_view value() const { return value_; }
  // Absolute http(s) (or protocol-relative) to another host than the site's: it leaves the site.
  bool external() const { return external_; }

 private:
  friend class UrlPolicy;
  std::string value_;
  bool external_ = false;
};

class UrlPolicy {
 public:
  // `site_url` is the article's canonical URL (or the site's); links to another host "leave the
  // site". Empty: every absolute link leaves the site.
  explicit UrlPolicy(std::string_view site_url = {});

  // Checks and re-serializes one URL. Steps, each stopping a known trick:
  //  1. decode character references (unless `already_decoded`): "&#106;avascript:" is javascript:;
  //  2. drop ASCII tab/newline anywhere and C0 controls/space at both ends, as browsers do:
  //     "java\tscript:" and "\x01javascript:" are javascript: to a browser;
  //  3. allow only http, https, mailto, tel, and scheme-less (relative, //host, ?query, #fragment);
  //  4. percent-encode everything outside a conservative set, so the browser receives exactly the
  //     bytes that were checked.
  // Returns false (and leaves `out` unspecified) when the URL is not allowed.
  bool check(std::string_view url, CheckedUrl& out, bool already_decoded = false) const;

 private:
  std::string site_host_;
};

}  // namespace broadsheet

#endif  // BROADSHEET_URL_POLICY_H
