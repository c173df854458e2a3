// broadsheet — md4c's entity_lookup() (third_party/md4c/src/entity.h), over a compact table.
//
// md4c's entity.c stores each named character reference as a struct with a pointer and two code
// points, which cost about 19 KB of the gzipped WebAssembly module. The build rewrites that table
// into two strings (scripts/gen_entities.mjs, which documents the format) and this file turns them
// back into md4c's ENTITY structs the first time a reference is looked up, so entity_lookup()
// keeps md4c's contract and md4c's entity.c is not compiled.
#include <cstddef>
#include <cstdint>
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

struct EntityTable {
  ENTITY entries[kEntityCount];  // in the data's code-point order
  char names[kEntityNameBytes];  // "&amp;\0&lt;\0…", what entries[i].name points into
  // Per first letter, a chain of the names that start with it: 1 + an entry's index, 0 at the end
  // (a static object is zero-filled before its constructor runs). A lookup compares a few dozen
  // names; sorting all 2,125 by name with qsort instead cost about 3 ms of the first render of an
  // article with one entity in a browser, where that first call runs baseline-compiled code.
  uint16_t first[128];
  uint16_t next[kEntityCount];

  EntityTable() {
    const char* in = kEntityNames;
    char* out = names;
    const unsigned char* value = kEntityValues;
    uint32_t first_codepoint = 0;
    for (uint16_t i = 0; i < kEntityCount; ++i) {
      ENTITY& e = entries[i];
      next[i] = first[*in & 0x7f];
      first[*in & 0x7f] = i + 1;
      e.name = out;
      *out++ = '&';
      while (*in != ';') *out++ = *in++;
      *out++ = *in++;  // the ';'
      *out++ = '\0';
      const uint32_t head = read_leb128(value);
      first_codepoint += head >> 1;
      e.codepoints[0] = first_codepoint;
      e.codepoints[1] = (head & 1) ? read_leb128(value) : 0;
    }
  }
};

}  // namespace
}  // namespace broadsheet

// md4c's contract: the entry whose name starts with the key ("&amp;", not NUL-terminated), compared
// with strncmp over the key's length; exact because every key and name ends in ';'.
extern "C" const ENTITY* entity_lookup(const char* name, size_t name_size) {
  using namespace broadsheet;
  static const EntityTable table;     // built once, on first use (thread-safe in C++11 and later)
  if (name_size < 3) return nullptr;  // no name is shorter than "&x;"
  const unsigned letter = name[1] & 0x7f;
  for (unsigned i = table.first[letter]; i; i = table.next[i - 1]) {
    if (!std::strncmp(name, table.entries[i - 1].name, name_size)) return &table.entries[i - 1];
  }
  return nullptr;
}
