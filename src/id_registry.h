// broadsheet — one registry for every id on a rendered page.
#ifndef BROADSHEET_ID_REGISTRY_H
#define BROADSHEET_ID_REGISTRY_H

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace broadsheet {

// Ids that come from content (heading slugs, block ids, raw HTML's ids) start with this, so that
// they never clobber the host page's ids or globals (<a id="location">, a form's "submit").
inline constexpr std::string_view kContentIdPrefix = "user-content-";

// A link within content to "#name" goes to the prefixed id: true, with "#user-content-name" in
// `out`, for a fragment link that does not carry the prefix yet (`url` may point into `out`).
inline bool link_to_content_id(std::string_view url, std::string& out) {
  if (url.size() < 2 || url[0] != '#' ||
      url.substr(1, kContentIdPrefix.size()) == kContentIdPrefix) {
    return false;
  }
  std::string prefixed = "#";
  prefixed += kContentIdPrefix;
  prefixed.append(url.data() + 1, url.size() - 1);
  out = std::move(prefixed);
  return true;
}

// Hands out ids that are unique within one render: heading slugs, block ids, raw-HTML ids, ad
// slots, the contents list. The first claim of a name gets it as it is; later claims of the same
// name get "-2", "-3", ... (skipping any suffixed name already taken), so two sources can never
// produce duplicate ids, which would break fragment links, aria references and ad stacks that
// look slots up by id.
//
// Linear in the number of claims: a hash table of the names taken, and for each name the next
// suffix to try, so a thousand headings called "Notes" do not rescan the suffixes from -2 each time
// (hostile input stays linear; see tests/js/linear-time.test.js).
class IdRegistry {
 public:
  // Returns `name`, or `name` + "-N" for the smallest N >= 2 not yet taken; records it as taken.
  std::string claim(std::string_view name);
  bool taken(std::string_view name) const;

 private:
  uint32_t find_or_add(std::string_view name, bool& added);  // index into names_
  // The bucket holding `name`, or the empty one where it would go (the table is never full).
  size_t bucket(std::string_view name) const;
  std::vector<std::string> names_;     // taken, in the order claimed
  std::vector<uint32_t> next_suffix_;  // per name: the next "-N" to try
  std::vector<uint32_t> buckets_;      // open addressing, linear probing: index + 1, 0 empty
};

}  // namespace broadsheet

#endif  // BROADSHEET_ID_REGISTRY_H
