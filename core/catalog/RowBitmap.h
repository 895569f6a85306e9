#pragma once
// One bit per table row: the currency of the indexed query path (catalog/TableIndex.h). AND, OR
// and NOT over a million rows touch 15,625 words.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xsky::catalog {

class RowBitmap {
 public:
  RowBitmap() = default;
  /// n rows, all clear (or all set with `set`).
  explicit RowBitmap(size_t n, bool set = false);

  size_t size() const { return n_; }
  bool test(size_t row) const { return (words_[row >> 6] >> (row & 63)) & 1; }
  void set(size_t row) { words_[row >> 6] |= uint64_t{1} << (row & 63); }

  RowBitmap& operator&=(const RowBitmap& o);
  RowBitmap& operator|=(const RowBitmap& o);
  /// this &= ~o
  RowBitmap& andNot(const RowBitmap& o);
  /// Every bit flipped (rows past size() stay clear).
  void invert();

  size_t count() const;
  bool none() const;
  /// One byte (0/1) per row into out[0, size()).
  void toBytes(uint8_t* out) const;
  /// Rows [start, start + n) as bytes; start a multiple of 64.
  void toBytes(size_t start, size_t n, uint8_t* out) const;
  /// Sets the rows of [start, start + n) whose byte is non-zero; start a multiple of 64.
  void orBytes(size_t start, size_t n, const uint8_t* bytes);
  /// True when a row of [start, start + n) is set; start a multiple of 64.
  bool anyIn(size_t start, size_t n) const;
  /// The set rows, ascending.
  std::vector<size_t> rows() const;

  const std::vector<uint64_t>& words() const { return words_; }
  std::vector<uint64_t>& words() { return words_; }

 private:
  void clearTail();
  std::vector<uint64_t> words_;
  size_t n_ = 0;
};

}  // namespace xsky::catalog
