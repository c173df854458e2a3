// broadsheet — JSON number text to the nearest double, for nlohmann/json's lexer (json_tree.cpp).
//
// Why not strtod: the C library's strtod computes in long double, which WebAssembly only has as
// 128-bit software floating point. That, with the general scanner behind strtod, was 15 KB of the
// module (7.5 KB gzip) for the odd number with a fraction in an article; this is under 1 KB gzip.
// tests/cpp/json_tree_test.cpp checks it bit for bit against the C library's strtod.
//
// The method is the exact one of Go's strconv (decimal.go, after Ken Thompson's Plan 9 code): keep
// the digits as a decimal, multiply or divide it by powers of two until it lies in [0.5, 1), then
// take the 53 bits of the mantissa as a rounded integer. Every step is exact on the digits held;
// past kMaxDigits only "something non-zero was dropped" is kept, which is all rounding needs: the
// exact midpoint between two doubles has at most 767 significant digits.
#include <cstdint>
#include <cstring>

#include "json_tree.h"

namespace broadsheet {
namespace {

constexpr int kMaxDigits = 800;
constexpr unsigned kMaxShift = 60;  // digit * 2^60 and the carry still fit 64 bits

// value = 0.d[0]d[1]…d[nd-1] * 10^dp, plus something below the last digit when truncated.
struct Decimal {
  uint8_t d[kMaxDigits + 19];  // digit values; 19 spare digits for left_shift's carry
  int nd = 0;
  int dp = 0;
  bool truncated = false;

  void trim() {
    while (nd > 0 && d[nd - 1] == 0) --nd;
    if (nd == 0) dp = 0;
  }

  // Multiplies by 2^k (k <= kMaxShift): digits are written right to left, 19 places to the right
  // of those still to be read (2^60 < 10^19), then moved to the front.
  void left_shift(unsigned k) {
    int r = nd;
    int w = nd + 19;
    uint64_t n = 0;
    while (r > 0) {
      n += static_cast<uint64_t>(d[--r]) << k;
      d[--w] = static_cast<uint8_t>(n % 10);
      n /= 10;
    }
    while (n > 0) {
      d[--w] = static_cast<uint8_t>(n % 10);
      n /= 10;
    }
    const int count = nd + 19 - w;
    dp += count - nd;
    nd = count < kMaxDigits ? count : kMaxDigits;
    for (int i = 0; i < count; ++i) {
      if (i < kMaxDigits) {
        d[i] = d[w + i];
      } else if (d[w + i] != 0) {
        truncated = true;
      }
    }
    trim();
  }

  // Divides by 2^k (k <= kMaxShift).
  void right_shift(unsigned k) {
    int r = 0;
    int w = 0;
    uint64_t n = 0;
    // Read enough leading digits for the first output digit.
    while (n >> k == 0) {
      if (r < nd) {
        n = n * 10 + d[r];
      } else if (n == 0) {
        nd = 0;
        return;
      } else {
        n *= 10;
      }
      ++r;
    }
    dp -= r - 1;
    const uint64_t mask = (uint64_t{1} << k) - 1;
    for (; r < nd; ++r) {
      d[w++] = static_cast<uint8_t>(n >> k);
      n = (n & mask) * 10 + d[r];
    }
    while (n > 0) {
      const auto digit = static_cast<uint8_t>(n >> k);
      if (w < kMaxDigits) {
        d[w++] = digit;
      } else if (digit != 0) {
        truncated = true;
      }
      n = (n & mask) * 10;
    }
    nd = w;
    trim();
  }

  // Multiplies by 2^k, or divides by 2^-k.
  void shift(int k) {
    if (nd == 0) return;
    for (; k > static_cast<int>(kMaxShift); k -= kMaxShift) left_shift(kMaxShift);
    for (; k < -static_cast<int>(kMaxShift); k += kMaxShift) right_shift(kMaxShift);
    if (k > 0) left_shift(static_cast<unsigned>(k));
    if (k < 0) right_shift(static_cast<unsigned>(-k));
  }

  // The integer part, rounded half to even on the fraction (dp <= 20 here).
  uint64_t rounded_integer() const {
    uint64_t n = 0;
    for (int i = 0; i < dp; ++i) n = n * 10 + (i < nd ? d[i] : 0);
    if (dp >= 0 && dp < nd) {
      bool up = d[dp] > 5 || (d[dp] == 5 && dp + 1 < nd);
      if (d[dp] == 5 && dp + 1 == nd) up = truncated || (n & 1);  // a tie, unless truncated
      if (up) ++n;
    }
    return n;
  }
};

}  // namespace

double json_number_to_double(const char* text, const char** end) {
  Decimal dec;
  const char* p = text;
  const bool negative = *p == '-';
  if (negative) ++p;
  bool after_point = false;
  for (;; ++p) {
    const char c = *p;
    if (c >= '0' && c <= '9') {
      const auto digit = static_cast<uint8_t>(c - '0');
      if (dec.nd == 0 && digit == 0) {  // a leading zero only moves the point
        if (after_point) --dec.dp;
        continue;
      }
      if (!after_point) ++dec.dp;
      if (dec.nd < kMaxDigits) {
        dec.d[dec.nd++] = digit;
      } else if (digit != 0) {
        dec.truncated = true;
      }
    } else if (c == 'e' || c == 'E' || c == '\0') {
      break;
    } else {
      after_point = true;  // '.', or the locale's decimal point that nlohmann substitutes
    }
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    const bool negative_exponent = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    int exponent = 0;
    for (; *p >= '0' && *p <= '9'; ++p) {
      if (exponent < 100000) exponent = exponent * 10 + (*p - '0');  // far past any double
    }
    dec.dp += negative_exponent ? -exponent : exponent;
  }
  *end = p;
  dec.trim();

  // IEEE 754 binary64: 52 stored mantissa bits, exponent bias 1023.
  // kMaxBiased, the all-ones exponent, is infinity. kPowersOfTwo[i] is the largest n with
  // 2^n <= 10^i (1 for i = 0): a shift by it moves the value toward [0.5, 1) without passing it.
  constexpr int kMantissaBits = 52;
  constexpr int kBias = -1023;
  constexpr int kMaxBiased = (1 << 11) - 1;
  static constexpr int kPowersOfTwo[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};

  uint64_t mantissa = 0;
  int exponent = kBias;
  if (dec.nd == 0 || dec.dp < -330) {
    // zero (the smallest double, 4.9e-324, has dp -323)
  } else if (dec.dp > 310) {
    exponent = kMaxBiased + kBias;  // overflow: infinity
  } else {
    exponent = 0;
    while (dec.dp > 0) {  // scale into [0.5, 1)
      const int n = dec.dp >= 9 ? 27 : kPowersOfTwo[dec.dp];
      dec.shift(-n);
      exponent += n;
    }
    while (dec.dp < 0 || (dec.dp == 0 && dec.d[0] < 5)) {
      const int n = -dec.dp >= 9 ? 27 : kPowersOfTwo[-dec.dp];
      dec.shift(n);
      exponent -= n;
    }
    // [0.5, 1) * 2^e is [1, 2) * 2^(e-1). Below the smallest normal exponent, a subnormal keeps
    // fewer mantissa bits.
    --exponent;
    if (exponent < kBias + 1) {
      const int n = kBias + 1 - exponent;
      dec.shift(-n);
      exponent += n;
    }
    if (exponent - kBias >= kMaxBiased) {
      exponent = kMaxBiased + kBias;
    } else {
      dec.shift(1 + kMantissaBits);
      mantissa = dec.rounded_integer();
      if (mantissa == uint64_t{2} << kMantissaBits) {  // rounding carried into a new bit
        mantissa >>= 1;
        ++exponent;
      }
      if (exponent - kBias >= kMaxBiased) {
        mantissa = 0;
        exponent = kMaxBiased + kBias;
      } else if (!(mantissa & (uint64_t{1} << kMantissaBits))) {
        exponent = kBias;  // subnormal
      }
    }
  }
  uint64_t bits = mantissa & ((uint64_t{1} << kMantissaBits) - 1);
  bits |= static_cast<uint64_t>(exponent - kBias) << kMantissaBits;
  if (negative) bits |= uint64_t{1} << 63;
  double result;
  std::memcpy(&result, &bits, sizeof result);
  return result;
}

}  // namespace broadsheet
