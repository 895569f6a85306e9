#pragma once
// Invariants every MOC read by a fuzz target must keep (shared by the MOC FITS/ASCII/JSON targets):
// its text forms read back to the same coverage, NUNIQ round-trips, and set algebra is consistent.
#include "FuzzTargets.h"
#include "moc/MocText.h"

namespace xsky::fuzz {

/// Above this many ranges only the cheap checks run: the round trips of a 100k-cell survey MOC
/// (../shared/data/moc) take seconds under ASan and the coverage instrumentation, which libFuzzer
/// would report as a timeout of the harness rather than of XSky.
inline constexpr size_t kMaxCheckedRanges = 4000;

inline void checkSpaceMoc(const moc::SpaceMoc& m) {
  (void)m.areaSteradians();
  (void)m.contains(wcs::SkyPoint{202.48, 47.21});
  if (m.ranges().size() > kMaxCheckedRanges) return;
  const QString text = moc::toAscii(m);
  fuzzCheck(moc::spaceMocFromAscii(text) == m, "space MOC ASCII round trip", text);
  fuzzCheck(moc::spaceMocFromJson(moc::toJson(m)) == m, "space MOC JSON round trip", text);
  const std::vector<uint64_t> uniq = m.toNuniq();
  fuzzCheck(moc::SpaceMoc::fromNuniq(uniq, m.order()).ranges() == m.ranges(), "NUNIQ round trip", text);
  const moc::SpaceMoc complement = m.complement();
  fuzzCheck(!complement.overlaps(m) || m.empty(), "a MOC overlaps its complement", text);
  fuzzCheck(m.unionWith(complement).isFullSky(), "a MOC and its complement miss cells", text);
  fuzzCheck(m.intersection(m).ranges() == m.ranges(), "intersection with itself changed a MOC", text);
  (void)m.degraded(m.order() / 2);
}

inline void checkTimeMoc(const moc::TimeMoc& m) {
  (void)m.containsMjd(51544.5);
  if (m.ranges().size() > kMaxCheckedRanges) return;
  const QString text = moc::toAscii(m);
  fuzzCheck(moc::timeMocFromAscii(text) == m, "time MOC ASCII round trip", text);
  fuzzCheck(moc::timeMocFromJson(moc::toJson(m)) == m, "time MOC JSON round trip", text);
  fuzzCheck(!m.complement().overlaps(m) || m.empty(), "a time MOC overlaps its complement", text);
  (void)m.degraded(m.order() / 2);
  if (!m.empty()) (void)m.startJd();
}

inline void checkMocFile(const moc::MocFile& f) {
  switch (f.dimension) {
    case moc::MocDimension::Space:
      checkSpaceMoc(f.space);
      break;
    case moc::MocDimension::Time:
      checkTimeMoc(f.time);
      break;
    case moc::MocDimension::SpaceTime:
      if (f.spaceTime.entries().size() > kMaxCheckedRanges / 10) break;
      {
        const QString text = moc::toAscii(f.spaceTime);
        fuzzCheck(moc::spaceTimeMocFromAscii(text) == f.spaceTime, "space-time MOC ASCII round trip", text);
      }
      (void)f.spaceTime.timeCoverage();
      (void)f.spaceTime.spaceCoverage();
      (void)f.spaceTime.contains(wcs::SkyPoint{202.48, 47.21}, 2451545.0);
      break;
  }
}

}  // namespace xsky::fuzz
