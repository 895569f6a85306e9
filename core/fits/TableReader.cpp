#include "fits/TableReader.h"

#include <fcntl.h>
#include <fitsio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

namespace xsky::fits {

namespace {

constexpr long long kBlockBytes = 4LL << 20;

template <class Stored>
Stored loadBigEndian(const unsigned char* p) {
  if constexpr (sizeof(Stored) == 1) {
    Stored v;
    std::memcpy(&v, p, 1);
    return v;
  } else if constexpr (sizeof(Stored) == 2) {
    uint16_t u;
    std::memcpy(&u, p, 2);
    u = __builtin_bswap16(u);
    Stored v;
    std::memcpy(&v, &u, 2);
    return v;
  } else if constexpr (sizeof(Stored) == 4) {
    uint32_t u;
    std::memcpy(&u, p, 4);
    u = __builtin_bswap32(u);
    Stored v;
    std::memcpy(&v, &u, 4);
    return v;
  } else {
    uint64_t u;
    std::memcpy(&u, p, 8);
    u = __builtin_bswap64(u);
    Stored v;
    std::memcpy(&v, &u, 8);
    return v;
  }
}

using DecodeFn = void (*)(const unsigned char* block, long long rowLength, long long n, void* out);

template <class Stored, class Target>
void decode(const unsigned char* block, long long rowLength, long long n, void* out) {
  auto* o = static_cast<Target*>(out);
  for (long long r = 0; r < n; ++r) o[r] = static_cast<Target>(loadBigEndian<Stored>(block + r * rowLength));
}

template <class Stored>
DecodeFn decoderFor(int target) {
  switch (target) {
    case TBYTE: return &decode<Stored, uint8_t>;
    case TSHORT: return &decode<Stored, int16_t>;
    case TINT: return &decode<Stored, int32_t>;
    case TLONGLONG: return &decode<Stored, int64_t>;
    case TFLOAT: return &decode<Stored, float>;
    case TDOUBLE: return &decode<Stored, double>;
    default: return nullptr;
  }
}

DecodeFn decoderFor(int source, int target) {
  switch (source) {
    case TBYTE: return decoderFor<uint8_t>(target);
    case TSHORT: return decoderFor<int16_t>(target);
    case TLONG: return decoderFor<int32_t>(target);
    case TLONGLONG: return decoderFor<int64_t>(target);
    case TFLOAT: return decoderFor<float>(target);
    case TDOUBLE: return decoderFor<double>(target);
    default: return nullptr;
  }
}

// Bytes of a stored binary-table value (FITS 'J' is 32 bits whatever C's long is).
size_t storedSize(int type) {
  switch (type) {
    case TBYTE: return 1;
    case TSHORT: return 2;
    case TLONG:
    case TFLOAT: return 4;
    default: return 8;
  }
}

// Bytes of an output element.
size_t targetSize(int type) {
  switch (type) {
    case TBYTE: return 1;
    case TSHORT: return 2;
    case TINT:
    case TFLOAT: return 4;
    default: return 8;
  }
}

struct Plan {
  DecodeFn fn;
  long long offset;
  unsigned char* out;
  size_t targetSize;
};

bool readRows(int fd, long long dataStart, long long rowLength, long long first, long long last,
              const std::vector<Plan>& plans) {
  const long long blockRows = std::max(1LL, kBlockBytes / std::max(1LL, rowLength));
  std::vector<unsigned char> buffer(static_cast<size_t>(blockRows * rowLength));
  for (long long row = first; row < last; row += blockRows) {
    const long long n = std::min(blockRows, last - row);
    const long long bytes = n * rowLength;
    long long got = 0;
    while (got < bytes) {
      const ssize_t r = ::pread(fd, buffer.data() + got, static_cast<size_t>(bytes - got),
                                static_cast<off_t>(dataStart + row * rowLength + got));
      if (r <= 0) return false;
      got += r;
    }
    for (const Plan& p : plans) p.fn(buffer.data() + p.offset, rowLength, n, p.out + static_cast<size_t>(row) * p.targetSize);
  }
  return true;
}

}  // namespace

bool directTypeSupported(int type) {
  return type == TBYTE || type == TSHORT || type == TLONG || type == TLONGLONG || type == TFLOAT || type == TDOUBLE;
}

bool readColumnsDirect(const QString& path, long long dataStart, long long rowLength, long long rows,
                       const std::vector<DirectColumn>& columns) {
  std::vector<Plan> plans;
  for (const DirectColumn& c : columns) {
    const DecodeFn fn = decoderFor(c.sourceType, c.targetType);
    if (fn == nullptr || c.byteOffset < 0 || c.byteOffset + static_cast<long long>(storedSize(c.sourceType)) > rowLength) {
      return false;
    }
    plans.push_back({fn, c.byteOffset, static_cast<unsigned char*>(c.out), targetSize(c.targetType)});
  }
  if (rows <= 0 || plans.empty()) return true;
  const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = true;
  if (rows * rowLength < 4 * kBlockBytes) {
    ok = readRows(fd, dataStart, rowLength, 0, rows, plans);
  } else {
    const long long half = rows / 2;
    std::atomic<bool> secondOk{true};
    std::thread second([&] { secondOk = readRows(fd, dataStart, rowLength, half, rows, plans); });
    ok = readRows(fd, dataStart, rowLength, 0, half, plans);
    second.join();
    ok = ok && secondOk;
  }
  ::close(fd);
  return ok;
}

}  // namespace xsky::fits
