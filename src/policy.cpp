// broadsheet — lookup functions over the policy tables in policy.h.
#include "broadsheet/policy.h"

#include <cstring>

namespace broadsheet {
namespace {

struct TagEntry {
  std::string_view name;
  uint8_t flags;
};
struct AttrEntry {
  std::string_view name;
  AttrKind kind;
};

#define BROADSHEET_TAG_ROW(id, name, flags) {name, static_cast<uint8_t>(flags)},
constexpr TagEntry kTags[] = {BROADSHEET_TAGS(BROADSHEET_TAG_ROW)};
#undef BROADSHEET_TAG_ROW
#define BROADSHEET_ATTR_ROW(id, name, kind) {name, kind},
constexpr AttrEntry kAttrs[] = {BROADSHEET_ATTRS(BROADSHEET_ATTR_ROW)};
#undef BROADSHEET_ATTR_ROW

static_assert(sizeof(kTags) / sizeof(kTags[0]) == static_cast<size_t>(Tag::kCount), "tag table");
static_assert(sizeof(kAttrs) / sizeof(kAttrs[0]) == static_cast<size_t>(Attr::kCount),
              "attr table");

}  // namespace

std::string_view tag_name(Tag tag) { return kTags[static_cast<size_t>(tag)].name; }
uint8_t tag_flags(Tag tag) { return kTags[static_cast<size_t>(tag)].flags; }
std::string_view attr_name(Attr attr) { return kAttrs[static_cast<size_t>(attr)].name; }
AttrKind attr_kind(Attr attr) { return kAttrs[static_cast<size_t>(attr)].kind; }

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

bool find_tag(std::string_view name, Tag& out) {
  for (size_t i = 0; i < static_cast<size_t>(Tag::kCount); ++i) {
    if (same_name(kTags[i].name, name)) {
      out = static_cast<Tag>(i);
      return true;
    }
  }
  return false;
}

bool find_attr(std::string_view name, Attr& out) {
  for (size_t i = 0; i < static_cast<size_t>(Attr::kCount); ++i) {
    if (same_name(kAttrs[i].name, name)) {
      out = static_cast<Attr>(i);
      return true;
    }
  }
  return false;
}

bool user_attr_allowed(Tag tag, Attr attr) {
  struct Pair {
    Tag tag;
    Attr attr;
  };
#define BROADSHEET_USER_ATTR_ROW(t, a) {Tag::t, Attr::a},
  static constexpr Pair kUserAttrs[] = {BROADSHEET_USER_ATTRS(BROADSHEET_USER_ATTR_ROW)};
#undef BROADSHEET_USER_ATTR_ROW
  if (!(tag_flags(tag) & kTagUserContent)) return false;
  for (const Pair& p : kUserAttrs) {
    if (p.attr == attr && (p.tag == Tag::kCount || p.tag == tag)) return true;
  }
  return false;
}

}  // namespace broadsheet
