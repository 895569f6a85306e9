#include "fits/DirectRead.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace xsky::fits {

namespace {

constexpr size_t kBlock = size_t(1) << 20;  // values per pread (4 MB): stays in L2/L3 for the swap

using BlockFn = std::function<void(int, const uint32_t*, size_t)>;

bool readRange(int fd, long long offset, uint32_t* out, size_t count, int part, const BlockFn& onBlock) {
  size_t done = 0;
  while (done < count) {
    const size_t n = std::min(kBlock, count - done);
    size_t got = 0;
    auto* bytes = reinterpret_cast<char*>(out + done);
    while (got < n * 4) {
      const ssize_t r = ::pread(fd, bytes + got, n * 4 - got, static_cast<off_t>(offset + (done * 4) + got));
      if (r <= 0) return false;
      got += static_cast<size_t>(r);
    }
    uint32_t* p = out + done;
    for (size_t i = 0; i < n; ++i) p[i] = __builtin_bswap32(p[i]);
    if (onBlock) onBlock(part, p, n);
    done += n;
  }
  return true;
}

}  // namespace

bool readBigEndian32(const QString& path, long long offset, size_t count, uint32_t* out, const BlockFn& onBlock) {
  const int fd = ::open(path.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = true;
  if (count < 4 * kBlock) {
    ok = readRange(fd, offset, out, count, 0, onBlock);
  } else {
    const size_t half = count / 2;
    std::atomic<bool> secondOk{true};
    std::thread second([&] { secondOk = readRange(fd, offset + static_cast<long long>(half) * 4, out + half, count - half, 1, onBlock);
    });
    ok = readRange(fd, offset, out, half, 0, onBlock);
    second.join();
    ok = ok && secondOk;
  }
  ::close(fd);
  return ok;
}

void adviseHugePages(void* data, size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr uintptr_t kHuge = uintptr_t(2) << 20;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace xsky::fits
