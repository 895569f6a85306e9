#pragma once
// A block of simulated events in the column layout of an EPIC EVENTS table (same names, units and
// integer widths), in time order.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xsky::sim {

struct EventChunk {
  std::vector<double> time;           // TIME, s (mission time, frame centre)
  std::vector<std::int16_t> rawx;     // RAWX, CCD pixel
  std::vector<std::int16_t> rawy;     // RAWY, CCD pixel
  std::vector<std::int16_t> detx;     // DETX, 0.05" units
  std::vector<std::int16_t> dety;     // DETY, 0.05" units
  std::vector<std::int32_t> x;        // X, sky pixel (0.05")
  std::vector<std::int32_t> y;        // Y, sky pixel (0.05")
  std::vector<std::int16_t> pha;      // PHA, ADU
  std::vector<std::int16_t> pi;       // PI, eV
  std::vector<std::int32_t> flag;     // FLAG bits
  std::vector<std::uint8_t> pattern;  // PATTERN
  std::vector<std::uint8_t> ccdnr;    // CCDNR

  std::size_t size() const { return time.size(); }
  void clear() {
    time.clear(), rawx.clear(), rawy.clear(), detx.clear(), dety.clear(), x.clear(), y.clear();
    pha.clear(), pi.clear(), flag.clear(), pattern.clear(), ccdnr.clear();
  }
  void reserve(std::size_t n) {
    time.reserve(n), rawx.reserve(n), rawy.reserve(n), detx.reserve(n), dety.reserve(n);
    x.reserve(n), y.reserve(n), pha.reserve(n), pi.reserve(n), flag.reserve(n);
    pattern.reserve(n), ccdnr.reserve(n);
  }
};

}  // namespace xsky::sim
