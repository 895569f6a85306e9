#include "archive/FootprintBlob.h"

#include <string_view>

#include "fits/FitsError.h"

namespace xsky::archive {

namespace {

constexpr char kMagic[4] = {'X', 'M', 'R', '1'};
constexpr size_t kHeaderSize = 5;

void putVarint(QByteArray* out, uint64_t v) {
  while (v >= 0x80) {
    out->append(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->append(static_cast<char>(v));
}

// Reads one varint; false when the data ends first or it is longer than 64 bits.
bool getVarint(const uint8_t*& p, const uint8_t* end, uint64_t* v) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && p < end; shift += 7) {
    const uint8_t byte = *p++;
    value |= uint64_t(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = value;
      return true;
    }
  }
  return false;
}

[[noreturn]] void malformed(const char* why) {
  throw Error(QStringLiteral("malformed footprint in the observation index: %1")
                  .arg(QString::fromLatin1(why)));
}

}  // namespace

QByteArray encodeFootprint(const std::vector<moc::Range>& ranges, int order) {
  if (order < 0 || order > moc::kMaxSpaceOrder) malformed("order outside 0..29");
  const int shift = 2 * (moc::kMaxSpaceOrder - order);
  QByteArray out;
  out.reserve(static_cast<qsizetype>(kHeaderSize + 10 + ranges.size() * 4));
  out.append(kMagic, 4);
  out.append(static_cast<char>(order));
  putVarint(&out, ranges.size());
  uint64_t position = 0;
  for (const moc::Range& r : ranges) {
    // Round outwards to whole cells of `order` (a SpaceMoc of this order is already aligned).
    const uint64_t first = r.first >> shift;
    const uint64_t last = (r.last + (uint64_t(1) << shift) - 1) >> shift;
    if (first < position || last <= first) malformed("ranges not sorted and disjoint");
    putVarint(&out, first - position);
    putVarint(&out, last - first);
    position = last;
  }
  return out;
}

std::vector<moc::Range> decodeFootprintRanges(const char* data, size_t size, int* order) {
  if (size < kHeaderSize || std::string_view(data, 4) != std::string_view(kMagic, 4)) {
    malformed("not an XMR1 blob");
  }
  const int k = static_cast<uint8_t>(data[4]);
  if (k > moc::kMaxSpaceOrder) malformed("order above 29");
  const auto* p = reinterpret_cast<const uint8_t*>(data) + kHeaderSize;
  const auto* end = reinterpret_cast<const uint8_t*>(data) + size;
  uint64_t n = 0;
  if (!getVarint(p, end, &n) || n > size) malformed("truncated range count");
  const int shift = 2 * (moc::kMaxSpaceOrder - k);
  const uint64_t cells = uint64_t(12) << (2 * k);
  std::vector<moc::Range> ranges;
  ranges.reserve(n);
  uint64_t position = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t gap = 0, length = 0;
    if (!getVarint(p, end, &gap) || !getVarint(p, end, &length)) malformed("truncated ranges");
    if (length == 0 || gap > cells || length > cells || position + gap + length > cells) {
      malformed("range outside the sky");
    }
    const uint64_t first = position + gap;
    position = first + length;
    ranges.push_back({first << shift, position << shift});
  }
  if (p != end) malformed("trailing bytes");
  if (order) *order = k;
  return ranges;
}

moc::SpaceMoc decodeFootprint(const QByteArray& blob) {
  int order = 0;
  std::vector<moc::Range> ranges =
      decodeFootprintRanges(blob.constData(), static_cast<size_t>(blob.size()), &order);
  return moc::SpaceMoc::fromRanges(std::move(ranges), order);
}

FootprintCursor::FootprintCursor(const uint8_t* data, size_t size)
    : p_(data + kHeaderSize), end_(data + size) {
  shift_ = 2 * (moc::kMaxSpaceOrder - data[4]);
  if (!getVarint(p_, end_, &remaining_)) remaining_ = 0;
}

bool FootprintCursor::next(moc::Range* range) {
  if (remaining_ == 0) return false;
  uint64_t gap = 0, length = 0;
  if (!getVarint(p_, end_, &gap) || !getVarint(p_, end_, &length)) return false;
  --remaining_;
  const uint64_t first = position_ + gap;
  position_ = first + length;
  range->first = first << shift_;
  range->last = position_ << shift_;
  return true;
}

}  // namespace xsky::archive
