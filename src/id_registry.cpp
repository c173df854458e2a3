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

uint32_t IdRegistry::find(std::string_view name) const {
  if (buckets_.empty()) return kEmpty;
  const size_t mask = buckets_.size() - 1;
  for (size_t i = hash(name) & mask;; i = (i + 1) & mask) {
    const uint32_t at = buckets_[i];
    if (at == kEmpty || entries_[at].name == name) return at;
  }
}

void IdRegistry::rehash(size_t count) {
  buckets_.assign(count, kEmpty);
  const size_t mask = count - 1;
  for (uint32_t at = 0; at < entries_.size(); ++at) {
    size_t i = hash(entries_[at].name) & mask;
    while (buckets_[i] != kEmpty) i = (i + 1) & mask;
    buckets_[i] = at;
  }
}

uint32_t IdRegistry::insert(std::string name) {
  entries_.push_back({std::move(name), 2});
  if (entries_.size() * 2 > buckets_.size()) {
    rehash(buckets_.empty() ? 16 : buckets_.size() * 2);
  } else {
    const size_t mask = buckets_.size() - 1;
    size_t i = hash(entries_.back().name) & mask;
    while (buckets_[i] != kEmpty) i = (i + 1) & mask;
    buckets_[i] = static_cast<uint32_t>(entries_.size() - 1);
  }
  return static_cast<uint32_t>(entries_.size() - 1);
}

std::string IdRegistry::claim(std::string_view name) {
  const uint32_t first = find(name);
  if (first == kEmpty) {
    insert(std::string(name));
    return std::string(name);
  }
  uint32_t n = entries_[first].next_suffix;
  std::string candidate;
  for (;; ++n) {
    candidate.assign(name.data(), name.size());
    candidate.push_back('-');
    candidate += std::to_string(n);
    if (find(candidate) == kEmpty) break;
  }
  entries_[first].next_suffix = n + 1;
  insert(candidate);
  return candidate;
}

}  // namespace broadsheet
