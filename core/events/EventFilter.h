#pragma once
// The non-spatial event selection of an extraction: energy (keV) or PI range, PATTERN/GRADE,
// FLAG/STATUS, good time intervals and a time range.
//
// Defaults follow the missions' recommendations: XMM-Newton EPIC pn PATTERN <= 4, MOS
// PATTERN <= 12, FLAG as the header's XMMEA_EP / XMMEA_EM expression says ("#XMMEA_EP" and
// "#XMMEA_EM" in SAS); other missions (Chandra ...) no PATTERN/FLAG cut. Times are seconds in the
// list's own time system; energies keV; PI in the list's channels.
//
// Energy axis: the ENERGY column when present (eV unless its TUNIT says keV), else PI, which is eV
// for XMM-Newton EPIC and 14.6 eV per channel for Chandra ACIS; other lists need a PI range.
//
// GTIs: each event is tested against the GTI of its own CCD (EventList::gtis), or the
// instrument-wide one when its CCD has none; a time range narrows every GTI.
//
// An EventFilter refers to the EventList it was made for (not owned; it must outlive the filter).
// Immutable once made: passes() may run concurrently.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>

#include "events/EventList.h"

namespace xsky::events {

struct FilterOptions {
  std::optional<double> energyMinKeV, energyMaxKeV;  // keep energy in [min, max), keV
  std::optional<int> piMin, piMax;                   // keep PI in [min, max], channels
  std::optional<int> patternMax;  // keep PATTERN (GRADE) <= this; unset: mission default
  bool noPatternCut = false;      // true: no PATTERN cut at all (overrides the default)
  /// FLAG selection: empty = mission default; "none"; "#XMMEA_EP" / "#XMMEA_EM" (the header's
  /// expression); "(FLAG & 0xMASK) == 0"; or a bare mask "0xMASK" (events with FLAG & MASK
  /// non-zero are dropped).
  QString flag;
  bool useGtis = true;
  std::optional<double> timeMin, timeMax;  // keep TIME in [min, max), s
};

/// The defaults FilterOptions falls back to for this list.
struct MissionDefaults {
  std::optional<int> patternMax;
  std::optional<uint32_t> flagMask;
  QString flagExpression;  // where the mask came from, e.g. "XMMEA_EM: (FLAG & 0x766ba000) == 0"
};
MissionDefaults missionDefaults(const EventList& list);

/// The mask of a "good events" expression as XMM headers state it (XMMEA_EP / XMMEA_EM:
/// "(FLAG & 0x766ba000) == 0" -> 0x766ba000; spaces and case free); nullopt for anything else.
std::optional<uint32_t> flagMaskOfExpression(const QString& expression);

/// Parses a FLAG selection as FilterOptions::flag describes it; nullopt for "none". Throws
/// xsky::Error for an expression it does not understand or a #XMMEA_* the header lacks.
std::optional<uint32_t> parseFlagSelection(const QString& selection, const EventList& list);

/// Multiplier from the list's energy axis values to eV (1 for XMM PI and ENERGY in eV, 14.6 for
/// Chandra PI); nullopt when the list has no known energy scale.
std::optional<double> energyAxisEv(const EventList& list);

class EventFilter {
 public:
  /// Resolves the options for this list. Throws xsky::Error when a requested cut needs a column
  /// the list lacks (naming the column and the file), or an energy cut on a list without an
  /// energy scale.
  static EventFilter make(const EventList& list, const FilterOptions& options);
  EventFilter(EventFilter&&) noexcept = default;  // moves keep the GTI pointers valid
  EventFilter& operator=(EventFilter&&) noexcept = default;
  EventFilter(const EventFilter&) = delete;
  EventFilter& operator=(const EventFilter&) = delete;

  const EventList& list() const { return *list_; }
  /// Every cut (energy/PI, PATTERN, FLAG, GTI, time range).
  bool passes(size_t i) const { return passesQuality(i) && passesEnergy(i) && passesTime(i); }
  /// PATTERN and FLAG only (what a detector footprint is built from).
  bool passesQuality(size_t i) const {
    if (patternMax_ && list_->pattern[i] > *patternMax_) return false;
    if (flagMask_ && (static_cast<uint32_t>(list_->flag[i]) & *flagMask_) != 0) return false;
    return true;
  }
  bool passesEnergy(size_t i) const;
  bool passesTime(size_t i) const;
  /// Event energy in keV (requires an energy scale: hasEnergyScale()).
  double energyKeV(size_t i) const;
  bool hasEnergyScale() const { return evPerUnit_.has_value(); }

  /// The GTI events of this CCD are tested against (narrowed by the time range); the
  /// instrument-wide one for ccd < 0 or a CCD without its own table. Empty optional when no GTI
  /// filtering is done (no GTI in the file and no time range, or useGtis false without range).
  const GtiList* gtiFor(int ccd) const;
  /// Whether events are filtered by time at all.
  bool filtersTime() const { return timeFiltering_; }

  std::optional<int> patternMax() const { return patternMax_; }
  std::optional<uint32_t> flagMask() const { return flagMask_; }
  /// One line per cut, e.g. "PATTERN <= 12", "(FLAG & 0x766ba000) == 0", for logs and HISTORY.
  QStringList describe() const;

 private:
  EventFilter() = default;
  const EventList* list_ = nullptr;
  std::optional<int> patternMax_;
  std::optional<uint32_t> flagMask_;
  std::optional<double> evPerUnit_;
  double energyMinUnits_ = 0, energyMaxUnits_ = 0;
  bool energyCut_ = false, useEnergyColumn_ = false;
  int piMin_ = 0, piMax_ = 0;
  bool piCut_ = false;
  bool timeFiltering_ = false;
  std::map<int, GtiList> gtis_;        // effective GTIs by CCD (-1: instrument-wide / fallback)
  std::vector<const GtiList*> byCcd_;  // index ccd -> GTI (fast lookup), null -> fallback
  const GtiList* fallback_ = nullptr;
  QStringList description_;
};

}  // namespace xsky::events
