// broadsheet — md4c's entity_lookup() (third_party/md4c/src/entity.h), over a compact table.
//
// md4c's entity.c stores each named character reference as a struct with a pointer and two code
// points, which cost about 19 KB of the gzipped WebAssembly module. The build rewrites that table
// into two strings (scripts/gen_entities.mjs, which documents the format) and this file turns them
// back into md4c's own sorted array the first time a reference is looked up, so entity_lookup()
// keeps md4c's contract and md4c's entity.c is not compiled.
#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "entity.h"
}

#include "entity_data.h"  // generated into the build folder

namespace broadsheet {
namespace {

uint32_t read_leb128(const unsigned char*& p) {
  uint32_t value = 0;
  for (unsigned shift = 0;; shift += 7) {
    const unsigned char byte = *p++;
    value |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value;
  }
}

int compare_names(const void* a, const void* b) {
  return std::strcmp(static_cast<const ENTITY*>(a)->name, static_cast<const ENTITY*>(b)->name);
}

struct EntityTable {
  ENTITY entries[kEntityCount];
  char names[kEntityNameBytes];  // "&amp;\0&lt;\0…", what entries[i].name points into

  EntityTable() {
    const char* in = kEntityNames;
    char* out = names;
    const unsigned char* value = kEntityValues;
    uint32_t first = 0;
    for (ENTITY& e : entries) {
      e.name = out;
      *out++ = '&';
      while (*in != ';') *out++ = *in++;
      *out++ = *in++;  // the ';'
      *out++ = '\0';
      const uint32_t head = read_leb128(value);
      first += head >> 1;
      e.codepoints[0] = first;
      e.codepoints[1] = (head & 1) ? read_leb128(value) : 0;
    }
    // The data is in code-point order (it compresses better); md4c's lookup wants name order.
    std::qsort(entries, kEntityCount, sizeof(ENTITY), compare_names);
  }
};

struct Key {
  const char* name;
  size_t size;
};

// md4c's comparison: the key ("&amp;", not NUL-terminated) against a table name.
int compare_key(const void* key, const void* e) {
  const Key* k = static_cast<const Key*>(key);
  return std::strncmp(k->name, static_cast<const ENTITY*>(e)->name, k->size);
}

}  // namespace
}  // namespace broadsheet

extern "C" const ENTITY* entity_lookup(const char* name, size_t name_size) {
  using namespace broadsheet;
  static const EntityTable table;  // built once, on first use (thread-safe in C++11 and later)
  const Key key = {name, name_size};
  return static_cast<const ENTITY*>(
      std::bsearch(&key, table.entries, kEntityCount, sizeof(ENTITY), compare_key));
}
