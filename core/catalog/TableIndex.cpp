#include "catalog/TableIndex.h"

#include <QThreadPool>

namespace xsky::catalog {

TableIndex::~TableIndex() { waitForBuilds(); }

void TableIndex::waitForBuilds() const {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return building_ == 0; });
}

// A slot holds the index once built; an empty slot that exists means "being built".
template <class Index, class Key, class Make>
const Index* TableIndex::lookup(std::map<Key, std::shared_ptr<Index>>& cache, const Key& key, Make make) const {
  std::unique_lock lock(mutex_);
  if (auto it = cache.find(key); it != cache.end()) {
    if (it->second || build_ == Build::InBackground) return it->second.get();
  }
  if (build_ == Build::OnFirstUse) {
    auto& slot = cache[key];
    if (!slot) slot = std::make_shared<Index>(make());  // built under the lock: one build at a time
    return slot.get();
  }
  cache[key] = nullptr;
  ++building_;
  QThreadPool::globalInstance()->start([this, &cache, key, make] {
    auto built = std::make_shared<Index>(make());
    std::lock_guard done(mutex_);
    cache[key] = std::move(built);
    --building_;
    idle_.notify_all();
  });
  return nullptr;
}

const SortedColumnIndex* TableIndex::numeric(const Column& column) const {
  return lookup(numeric_, &column, [&column] { return SortedColumnIndex(column); });
}

const SkyZoneIndex* TableIndex::sky(const Column& ra, double raScale, const Column& dec, double decScale) const {
  return lookup(sky_, std::tuple{&ra, raScale, &dec, decScale}, [&ra, raScale, &dec, decScale] {
    std::vector<double> r(ra.size()), d(dec.size());
    for (size_t i = 0; i < r.size(); ++i) {
      r[i] = ra.number(i) * raScale;
      d[i] = dec.number(i) * decScale;
    }
    return SkyZoneIndex(r, d);
  });
}

}  // namespace xsky::catalog
