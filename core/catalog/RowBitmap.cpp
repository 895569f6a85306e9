#include "catalog/RowBitmap.h"

#include <bit>
#include <cstring>

namespace xsky::catalog {

RowBitmap::RowBitmap(size_t n, bool set) : words_((n + 63) / 64, set ? ~uint64_t{0} : 0), n_(n) {
  clearTail();
}

void RowBitmap::clearTail() {
  if (n_ % 64 != 0 && !words_.empty()) words_.back() &= (uint64_t{1} << (n_ % 64)) - 1;
}

RowBitmap& RowBitmap::operator&=(const RowBitmap& o) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
  return *this;
}

RowBitmap& RowBitmap::operator|=(const RowBitmap& o) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
  return *this;
}

RowBitmap& RowBitmap::andNot(const RowBitmap& o) {
  for (size_t i = 0; i < words_.size(); ++i) words_[i] &= ~o.words_[i];
  return *this;
}

void RowBitmap::invert() {
  for (uint64_t& w : words_) w = ~w;
  clearTail();
}

size_t RowBitmap::count() const {
  size_t c = 0;
  for (const uint64_t w : words_) c += static_cast<size_t>(std::popcount(w));
  return c;
}

bool RowBitmap::none() const {
  for (const uint64_t w : words_) {
    if (w != 0) return false;
  }
  return true;
}

namespace {
/// Bytes 0/1 for the 8 bits of an index: one 8-byte store per 8 rows.
struct SpreadTable {
  uint64_t v[256];
  SpreadTable() {
    for (int m = 0; m < 256; ++m) {
      v[m] = 0;
      for (int b = 0; b < 8; ++b) v[m] |= static_cast<uint64_t>((m >> b) & 1) << (8 * b);
    }
  }
};
const SpreadTable kSpread;
}  // namespace

void RowBitmap::toBytes(uint8_t* out) const { toBytes(0, n_, out); }

void RowBitmap::toBytes(size_t start, size_t n, uint8_t* out) const {
  const uint64_t* w = words_.data() + start / 64;
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint64_t bits = w[i / 64];
    if (bits == 0) {
      std::memset(out + i, 0, 64);
      continue;
    }
    for (size_t k = 0; k < 64; k += 8, bits >>= 8) std::memcpy(out + i + k, &kSpread.v[bits & 0xff], 8);
  }
  for (; i < n; ++i) out[i] = static_cast<uint8_t>((w[i / 64] >> (i % 64)) & 1);
}

void RowBitmap::orBytes(size_t start, size_t n, const uint8_t* bytes) {
  uint64_t* w = words_.data() + start / 64;
  for (size_t i = 0; i < n; i += 64) {
    const size_t m = n - i < 64 ? n - i : 64;
    uint64_t bits = 0;
    for (size_t k = 0; k < m; ++k) bits |= static_cast<uint64_t>(bytes[i + k] != 0) << k;
    w[i / 64] |= bits;
  }
}

bool RowBitmap::anyIn(size_t start, size_t n) const {
  const size_t first = start / 64, last = (start + n + 63) / 64;
  for (size_t i = first; i < last && i < words_.size(); ++i) {
    if (words_[i] != 0) return true;
  }
  return false;
}

std::vector<size_t> RowBitmap::rows() const {
  std::vector<size_t> out;
  out.reserve(count());
  for (size_t i = 0; i < words_.size(); ++i) {
    for (uint64_t w = words_[i]; w != 0; w &= w - 1) out.push_back(i * 64 + static_cast<size_t>(std::countr_zero(w)));
  }
  return out;
}

}  // namespace xsky::catalog
