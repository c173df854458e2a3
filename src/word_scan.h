// broadsheet — scanning text eight bytes at a time. The hot loops over every byte of output (the
// UTF-8 cleaner, the HTML escaper, the XML breakout check) skip ahead a 64-bit word at a time while
// no byte of it needs a closer look: the size-optimized WebAssembly build neither unrolls nor
// vectorizes a byte loop, and a word of prose rarely holds a byte that matters.
#ifndef BROADSHEET_WORD_SCAN_H
#define BROADSHEET_WORD_SCAN_H

#include <cstdint>
#include <cstring>

namespace broadsheet {

constexpr uint64_t kEveryByte = 0x0101010101010101u;
constexpr uint64_t kHighBits = 0x8080808080808080u;

// Eight bytes from `p`, any alignment (one i64.load in WebAssembly, one mov on x86-64).
inline uint64_t load_word(const void* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Nonzero exactly when some byte of `word` is zero. (A borrow can set a high bit above a zero
// byte, never when no byte is zero, so the word-wide answer is exact.)
inline uint64_t has_zero_byte(uint64_t word) { return (word - kEveryByte) & ~word & kHighBits; }

// Nonzero exactly when some byte of `word` equals `byte`.
inline uint64_t has_byte(uint64_t word, unsigned char byte) {
  return has_zero_byte(word ^ (kEveryByte * byte));
}

}  // namespace broadsheet

#endif  // BROADSHEET_WORD_SCAN_H
