#pragma once
// Timing helpers for the benchmarks: the median of repeated in-process runs.

#include <QElapsedTimer>

#include <algorithm>
#include <functional>
#include <vector>

namespace xsky::bench {

/// Median wall time in seconds of `runs` calls of `work`.
inline double medianSeconds(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    QElapsedTimer t;
    t.start();
    work();
    times.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-9);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace xsky::bench
