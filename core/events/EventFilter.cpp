#include "events/EventFilter.h"

#include <cmath>
#include <limits>

#include <QRegularExpression>

#include "fits/FitsError.h"

namespace xsky::events {

namespace {

bool isXmmEpic(const EventList& l) {
  return l.telescope.compare(QLatin1String("XMM"), Qt::CaseInsensitive) == 0 &&
         (l.instrument.startsWith(QLatin1String("EPN"), Qt::CaseInsensitive) ||
          l.instrument.startsWith(QLatin1String("EMOS"), Qt::CaseInsensitive));
}

bool isPn(const EventList& l) {
  return l.instrument.startsWith(QLatin1String("EPN"), Qt::CaseInsensitive);
}

bool isChandraAcis(const EventList& l) {
  return l.telescope.compare(QLatin1String("CHANDRA"), Qt::CaseInsensitive) == 0 &&
         l.instrument.startsWith(QLatin1String("ACIS"), Qt::CaseInsensitive);
}

QString hex(uint32_t mask) { return QStringLiteral("0x%1").arg(mask, 0, 16); }

void requireColumn(const EventList& l, bool present, const char* column, const QString& why) {
  if (!present) {
    throw Error(l.path + QStringLiteral(": the event list has no %1 column (needed for %2)")
                             .arg(QLatin1String(column), why));
  }
}

}  // namespace

MissionDefaults missionDefaults(const EventList& list) {
  MissionDefaults d;
  if (isXmmEpic(list)) {
    d.patternMax = isPn(list) ? 4 : 12;
    if (const auto mask = flagMaskOfExpression(list.goodEventsExpression)) {
      d.flagMask = mask;
      d.flagExpression = QStringLiteral("%1: %2").arg(
          isPn(list) ? QStringLiteral("XMMEA_EP") : QStringLiteral("XMMEA_EM"),
          list.goodEventsExpression);
    }
  }
  return d;
}

std::optional<uint32_t> flagMaskOfExpression(const QString& expression) {
  static const QRegularExpression re(
      QStringLiteral("^\\s*\\(\\s*FLAG\\s*&\\s*0x([0-9a-fA-F]+)\\s*\\)\\s*==\\s*0\\s*$"),
      QRegularExpression::CaseInsensitiveOption);
  const auto m = re.match(expression);
  if (!m.hasMatch()) return std::nullopt;
  bool ok = false;
  const uint32_t mask = m.captured(1).toUInt(&ok, 16);
  return ok ? std::optional<uint32_t>(mask) : std::nullopt;
}

std::optional<uint32_t> parseFlagSelection(const QString& selection, const EventList& list) {
  const QString s = selection.trimmed();
  if (s.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) return std::nullopt;
  if (s.startsWith(QLatin1Char('#'))) {
    const QString name = s.mid(1).toUpper();
    if (name != QLatin1String("XMMEA_EP") && name != QLatin1String("XMMEA_EM")) {
      throw Error(
          QStringLiteral("unknown flag selection \"%1\" (expected #XMMEA_EP or #XMMEA_EM)").arg(s));
    }
    const bool wantPn = name == QLatin1String("XMMEA_EP");
    if (!isXmmEpic(list) || wantPn != isPn(list)) {
      throw Error(
          list.path +
          QStringLiteral(": %1 does not apply to %2 %3").arg(s, list.telescope, list.instrument));
    }
    const auto mask = flagMaskOfExpression(list.goodEventsExpression);
    if (!mask)
      throw Error(list.path + QStringLiteral(": the header has no usable %1 keyword").arg(name));
    return mask;
  }
  if (const auto mask = flagMaskOfExpression(s)) return mask;
  if (s.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
    bool ok = false;
    const uint32_t mask = s.mid(2).toUInt(&ok, 16);
    if (ok) return mask;
  }
  throw Error(QStringLiteral("cannot read the flag selection \"%1\" (expected none, #XMMEA_EP, "
                             "#XMMEA_EM, (FLAG & 0xMASK) == 0 or 0xMASK)")
                  .arg(s));
}

std::optional<double> energyAxisEv(const EventList& list) {
  if (!list.energyColumn.isEmpty()) {
    return list.energyUnit.trimmed().compare(QLatin1String("keV"), Qt::CaseInsensitive) == 0
               ? 1000.0
               : 1.0;
  }
  if (list.piColumn.isEmpty()) return std::nullopt;
  if (isXmmEpic(list)) return 1.0;       // EPIC PI is in eV
  if (isChandraAcis(list)) return 14.6;  // ACIS PI: 14.6 eV per channel
  if (list.energyUnit.trimmed().compare(QLatin1String("eV"), Qt::CaseInsensitive) == 0) return 1.0;
  return std::nullopt;
}

EventFilter EventFilter::make(const EventList& list, const FilterOptions& o) {
  EventFilter f;
  f.list_ = &list;
  const MissionDefaults defaults = missionDefaults(list);

  // PATTERN.
  if (!o.noPatternCut) {
    f.patternMax_ = o.patternMax ? o.patternMax : defaults.patternMax;
    if (f.patternMax_) {
      requireColumn(list, !list.pattern.empty(), "PATTERN (or GRADE)",
                    QStringLiteral("a PATTERN cut"));
      f.description_ << QStringLiteral("%1 <= %2").arg(list.patternColumn).arg(*f.patternMax_);
    }
  }
  // FLAG.
  if (o.flag.trimmed().isEmpty()) {
    f.flagMask_ = defaults.flagMask;
  } else {
    f.flagMask_ = parseFlagSelection(o.flag, list);
  }
  if (f.flagMask_) {
    requireColumn(list, !list.flag.empty(), "FLAG (or STATUS)", QStringLiteral("a FLAG cut"));
    f.description_ << QStringLiteral("(%1 & %2) == 0").arg(list.flagColumn, hex(*f.flagMask_));
  }
  // Energy and PI.
  f.evPerUnit_ = energyAxisEv(list);
  if (o.energyMinKeV || o.energyMaxKeV) {
    if (!f.evPerUnit_) {
      throw Error(list.path + QStringLiteral(": the event list has no ENERGY column and its PI has "
                                             "no known energy scale; give a PI range instead"));
    }
    f.energyCut_ = true;
    f.useEnergyColumn_ = !list.energyColumn.isEmpty();
    f.energyMinUnits_ = o.energyMinKeV ? *o.energyMinKeV * 1000.0 / *f.evPerUnit_
                                       : -std::numeric_limits<double>::infinity();
    f.energyMaxUnits_ = o.energyMaxKeV ? *o.energyMaxKeV * 1000.0 / *f.evPerUnit_
                                       : std::numeric_limits<double>::infinity();
    f.description_ << QStringLiteral("%1 <= E < %2 keV")
                          .arg(o.energyMinKeV.value_or(0.0))
                          .arg(o.energyMaxKeV ? QString::number(*o.energyMaxKeV)
                                              : QStringLiteral("inf"));
  }
  if (o.piMin || o.piMax) {
    requireColumn(list, !list.pi.empty(), "PI", QStringLiteral("a PI cut"));
    f.piCut_ = true;
    f.piMin_ = o.piMin.value_or(std::numeric_limits<int>::min());
    f.piMax_ = o.piMax.value_or(std::numeric_limits<int>::max());
    f.description_ << QStringLiteral("%1 <= PI <= %2").arg(f.piMin_).arg(f.piMax_);
  }
  // Times.
  const bool range = o.timeMin || o.timeMax;
  if ((o.useGtis && !list.gtis.empty()) || range) {
    requireColumn(list, !list.time.empty(), "TIME", QStringLiteral("GTI and time filtering"));
  }
  const GtiList window = GtiList({{o.timeMin.value_or(-std::numeric_limits<double>::max()),
                                   o.timeMax.value_or(std::numeric_limits<double>::max())}});
  if (o.useGtis && !list.gtis.empty()) {
    f.timeFiltering_ = true;
    for (const auto& [ccd, gti] : list.gtis) f.gtis_[ccd] = range ? gti.intersected(window) : gti;
    if (!f.gtis_.count(-1))
      f.gtis_[-1] = range ? list.referenceGti().intersected(window) : list.referenceGti();
    f.description_ << QStringLiteral("TIME in the GTIs of each event's CCD");
  } else if (range) {
    f.timeFiltering_ = true;
    f.gtis_[-1] = window;
  }
  if (range) {
    f.description_ << QStringLiteral("%1 <= TIME < %2")
                          .arg(o.timeMin.value_or(-std::numeric_limits<double>::infinity()), 0, 'f',
                               3)
                          .arg(o.timeMax.value_or(std::numeric_limits<double>::infinity()), 0, 'f',
                               3);
  }
  if (f.timeFiltering_) {
    f.fallback_ = &f.gtis_.at(-1);
    int maxCcd = -1;
    for (const auto& [ccd, gti] : f.gtis_) maxCcd = std::max(maxCcd, ccd);
    f.byCcd_.assign(static_cast<size_t>(maxCcd + 1), nullptr);
    for (const auto& [ccd, gti] : f.gtis_) {
      if (ccd >= 0) f.byCcd_[static_cast<size_t>(ccd)] = &gti;
    }
  }
  return f;
}

bool EventFilter::passesEnergy(size_t i) const {
  if (energyCut_) {
    const double e = useEnergyColumn_ ? static_cast<double>(list_->energy[i]) : list_->pi[i];
    if (!(e >= energyMinUnits_ && e < energyMaxUnits_)) return false;
  }
  if (piCut_ && (list_->pi[i] < piMin_ || list_->pi[i] > piMax_)) return false;
  return true;
}

bool EventFilter::passesTime(size_t i) const {
  if (!timeFiltering_) return true;
  const int ccd = list_->ccd.empty() ? -1 : list_->ccd[i];
  return gtiFor(ccd)->contains(list_->time[i]);
}

double EventFilter::energyKeV(size_t i) const {
  const double e =
      !list_->energyColumn.isEmpty() ? static_cast<double>(list_->energy[i]) : list_->pi[i];
  return e * evPerUnit_.value_or(1.0) / 1000.0;
}

const GtiList* EventFilter::gtiFor(int ccd) const {
  if (!timeFiltering_) return nullptr;
  if (ccd >= 0 && static_cast<size_t>(ccd) < byCcd_.size() && byCcd_[static_cast<size_t>(ccd)]) {
    return byCcd_[static_cast<size_t>(ccd)];
  }
  return fallback_;
}

QStringList EventFilter::describe() const { return description_; }

}  // namespace xsky::events
