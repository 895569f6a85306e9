#pragma once
// An allocator whose value-less construct() default-initialises: std::vector<float, ...>::resize(n)
// then leaves the floats unwritten, so a buffer about to be filled from a file is not zeroed
// first (one memory pass and the page faults of a 256 MB image saved).

#include <memory>
#include <utility>
#include <vector>

namespace xsky {

template <class T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;

  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// Floats read from files or computed into: allocated without zeroing.
using FloatBuffer = std::vector<float, DefaultInitAllocator<float>>;

}  // namespace xsky
