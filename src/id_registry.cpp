// broadsheet — the page's id registry (see id_registry.h).
#include "id_registry.h"

namespace broadsheet {
namespace {

// FNV-1a: small, and good enough for a table that is never more than half full.
uint32_t hash(std::string_view s) {
  uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

}  // namespace

size_t IdRegistry::bucket(std::string_view name) const {
  const size_t mask = buckets_.size() - 1;
  for (size_t i = hash(name) & mask;; i = (i + 1) & mask) {
    const uint32_t at = buckets_[i];
    if (at == 0 || names_[at - 1] == name) return i;
  }
}

bool IdRegistry::taken(std::string_view name) const {
  return !buckets_.empty() && buckets_[bucket(name)] != 0;
}

uint32_t IdRegistry::find_or_add(std::string_view name, bool& added) {
  if (names_.size() * 2 >= buckets_.size()) {
    // Grow to keep the table at most half full; buckets hold index + 1, 0 is empty.
    buckets_.assign(buckets_.empty() ? 64 : buckets_.size() * 2, 0);
    for (uint32_t i = 0; i < names_.size(); ++i) buckets_[bucket(names_[i])] = i + 1;
  }
  uint32_t& at = buckets_[bucket(name)];
  added = at == 0;
  if (added) {
    names_.emplace_back(name);
    next_suffix_.push_back(2);
    at = static_cast<uint32_t>(names_.size());
  }
  return at - 1;
}

std::string IdRegistry::claim(std::string_view name) {
  bool added;
  const uint32_t first = find_or_add(name, added);
  if (added) return std::string(name);
  for (uint32_t n = next_suffix_[first];; ++n) {
    std::string candidate(name);
    candidate.push_back('-');
    candidate += std::to_string(n);
    find_or_add(candidate, added);
    if (added) {
      next_suffix_[first] = n + 1;
      return candidate;
    }
  }
}

}  // namespace broadsheet
