// broadsheet — lookup functions over the policy tables in policy.h.
#include "broadsheet/policy.h"

#include <cstring>

#include "ascii.h"
#include "word_scan.h"

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

constexpr bool tags_sorted() {
  for (size_t i = 1; i < sizeof(kTags) / sizeof(kTags[0]); ++i) {
    if (!(kTags[i - 1].name < kTags[i].name)) return false;
  }
  return true;
}
static_assert(tags_sorted(),
              "BROADSHEET_TAGS must stay in byte order of names: kTagsByLetter indexes them");

// find_user_attr() finds an attribute by its name among the allowed pairs.
constexpr bool attr_names_unique() {
  for (size_t i = 0; i < sizeof(kAttrs) / sizeof(kAttrs[0]); ++i) {
    for (size_t k = 0; k < i; ++k) {
      if (kAttrs[i].name == kAttrs[k].name) return false;
    }
  }
  return true;
}
static_assert(attr_names_unique(), "two attributes share a name");

}  // namespace

std::string_view tag_name(Tag tag) { return kTags[static_cast<size_t>(tag)].name; }
uint8_t tag_flags(Tag tag) { return kTags[static_cast<size_t>(tag)].flags; }
std::string_view attr_name(Attr attr) { return kAttrs[static_cast<size_t>(attr)].name; }
AttrKind attr_kind(Attr attr) { return kAttrs[static_cast<size_t>(attr)].kind; }

// Names are short, and most pairs differ in their length or first bytes: a byte loop settles them
// where a call to the module's memcmp would cost more than the comparison.
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

namespace {

// Where the tags of each first letter start in kTags (sorted by name), and where the 'z' ones end:
// every start tag of raw HTML is looked up, and comparing it with the few of its letter costs less
// than a bisection of all of them.
struct TagsByLetter {
  uint8_t first[27];
};
constexpr TagsByLetter make_tags_by_letter() {
  TagsByLetter t{};
  size_t i = 0;
  for (size_t letter = 0; letter <= 26; ++letter) {
    while (i < static_cast<size_t>(Tag::kCount) &&
           static_cast<size_t>(kTags[i].name[0] - 'a') < letter) {
      ++i;
    }
    t.first[letter] = static_cast<uint8_t>(i);
  }
  return t;
}
constexpr TagsByLetter kTagsByLetter = make_tags_by_letter();
static_assert(kTagsByLetter.first[0] == 0 &&
                  kTagsByLetter.first[26] == static_cast<size_t>(Tag::kCount),
              "every tag name starts with a lowercase letter");

}  // namespace

bool find_tag(std::string_view name, Tag& out) {
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  const size_t letter = static_cast<size_t>(name[0] - 'a');
  for (size_t i = kTagsByLetter.first[letter]; i < kTagsByLetter.first[letter + 1]; ++i) {
    if (kTags[i].name.size() == name.size() && same_name(kTags[i].name, name)) {
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

namespace {

struct UserAttr {
  Tag tag;  // Tag::kCount: on every allowed element
  Attr attr;
};
#define BROADSHEET_USER_ATTR_ROW(t, a) {Tag::t, Attr::a},
constexpr UserAttr kUserAttrs[] = {BROADSHEET_USER_ATTRS(BROADSHEET_USER_ATTR_ROW)};
#undef BROADSHEET_USER_ATTR_ROW
constexpr size_t kUserAttrCount = sizeof(kUserAttrs) / sizeof(kUserAttrs[0]);

// The allowed pairs by the first letter of the attribute's name, and where each letter's start
// (as kTagsByLetter for tags): every attribute of raw HTML is looked up, and comparing it with the
// few pairs of its letter costs less than a walk over all of them.
struct UserAttrsByLetter {
  UserAttr pairs[kUserAttrCount];
  uint8_t first[27];
};
constexpr UserAttrsByLetter make_user_attrs_by_letter() {
  UserAttrsByLetter t{};
  size_t n = 0;
  for (size_t letter = 0; letter < 26; ++letter) {
    t.first[letter] = static_cast<uint8_t>(n);
    for (const UserAttr& p : kUserAttrs) {
      if (static_cast<size_t>(kAttrs[static_cast<size_t>(p.attr)].name[0] - 'a') == letter) {
        t.pairs[n++] = p;
      }
    }
  }
  t.first[26] = static_cast<uint8_t>(n);
  return t;
}
constexpr UserAttrsByLetter kUserAttrsByLetter = make_user_attrs_by_letter();
static_assert(kUserAttrsByLetter.first[26] == kUserAttrCount,
              "every attribute raw HTML may carry is named from a lowercase letter");

}  // namespace

bool find_user_attr(Tag tag, std::string_view name, Attr& out) {
  if (!(tag_flags(tag) & kTagUserContent)) return false;
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
  const size_t letter = static_cast<size_t>(name[0] - 'a');
  for (size_t i = kUserAttrsByLetter.first[letter]; i < kUserAttrsByLetter.first[letter + 1]; ++i) {
    const UserAttr& p = kUserAttrsByLetter.pairs[i];
    if (p.tag != Tag::kCount && p.tag != tag) continue;
    if (same_name(kAttrs[static_cast<size_t>(p.attr)].name, name)) {
      out = p.attr;
      return true;
    }
  }
  return false;
}

namespace {
// How every sequence of BROADSHEET_XML_BREAKOUTS starts: "</", "--" or "]>".
constexpr bool starts_breakout(char first, char second) {
  return (first == '<' && second == '/') || (first == '-' && second == '-') ||
         (first == ']' && second == '>');
}
#define BROADSHEET_BREAKOUT_START(sequence)                \
  static_assert(starts_breakout(sequence[0], sequence[1]), \
                "find_xml_breakout would skip " sequence);
BROADSHEET_XML_BREAKOUTS(BROADSHEET_BREAKOUT_START)
#undef BROADSHEET_BREAKOUT_START
}  // namespace

std::string_view find_xml_breakout(std::string_view value) {
  // The sequences one after another, each ended by its NUL: no table of pointers.
#define BROADSHEET_BREAKOUT_ROW(sequence) sequence "\0"
  static constexpr char kBreakouts[] = BROADSHEET_XML_BREAKOUTS(BROADSHEET_BREAKOUT_ROW);
#undef BROADSHEET_BREAKOUT_ROW
  const char* const text = value.data();
  const size_t size = value.size();
  for (size_t at = 0; at < size; ++at) {
    // Words holding none of the first bytes are skipped whole (word_scan.h).
    while (size - at >= 8) {
      const uint64_t word = load_word(text + at);
      if (has_byte(word, '<') | has_byte(word, '-') | has_byte(word, ']')) break;
      at += 8;
    }
    if (size - at < 2) break;
    if (!starts_breakout(text[at], text[at + 1])) continue;  // a slug's single dashes stop here
    for (const char* b = kBreakouts; *b; b += std::strlen(b) + 1) {
      size_t i = 0;
      for (; b[i] && at + i < size; ++i) {
        if (to_ascii_lower(text[at + i]) != b[i]) break;
      }
      if (!b[i]) return std::string_view(b, i);
    }
  }
  return {};
}

}  // namespace broadsheet
