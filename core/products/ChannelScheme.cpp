#include "products/ChannelScheme.h"

#include <algorithm>

#include "fits/FitsFile.h"

namespace xsky::products {

ChannelScheme channelSchemeFor(const events::EventList& list) {
  if (list.pi.empty() && list.rows > 0) {
    throw Error(list.path +
                QStringLiteral(": the event list has no PI column (needed for a spectrum)"));
  }
  ChannelScheme s;
  const QString tel = list.telescope.toUpper(), ins = list.instrument.toUpper();
  if (tel == QLatin1String("XMM") && ins == QLatin1String("EPN")) {
    s = {0, 4096, 5, 0, QStringLiteral("PI 0-20479 eV / 5 -> 4096 channels")};
  } else if (tel == QLatin1String("XMM") && ins.startsWith(QLatin1String("EMOS"))) {
    s = {0, 800, 15, 0, QStringLiteral("PI 0-11999 eV / 15 -> 800 channels")};
  } else if (tel == QLatin1String("CHANDRA") && ins.startsWith(QLatin1String("ACIS"))) {
    s = {1, 1024, 1, 1, QStringLiteral("PI 1-1024")};
  } else {
    // The column's legal range when the header gives one, else what the data span.
    long long lo = 0, hi = -1;
    fits::FitsFile f = fits::FitsFile::open(list.path);
    f.moveTo(list.eventsHdu);
    const int col = f.columnIndex(list.piColumn);
    if (col > 0) {
      lo = f.keyInt(QStringLiteral("TLMIN%1").arg(col)).value_or(0);
      hi = f.keyInt(QStringLiteral("TLMAX%1").arg(col)).value_or(-1);
    }
    if (hi < lo && !list.pi.empty()) {
      lo = std::min<long long>(0, *std::min_element(list.pi.begin(), list.pi.end()));
      hi = *std::max_element(list.pi.begin(), list.pi.end());
    }
    if (hi < lo) hi = lo;
    s.firstChannel = static_cast<int>(lo);
    s.piMin = static_cast<int>(lo);
    s.channels = static_cast<int>(hi - lo + 1);
    s.description = QStringLiteral("PI %1-%2").arg(lo).arg(hi);
  }
  return s;
}

std::vector<int32_t> binChannels(const events::EventList& list, std::span<const uint32_t> rows,
                                 const ChannelScheme& scheme) {
  std::vector<int32_t> counts(static_cast<size_t>(scheme.channels), 0);
  for (const uint32_t i : rows) {
    const int c = scheme.channelOf(list.pi[i]);
    if (c >= 0) ++counts[static_cast<size_t>(c - scheme.firstChannel)];
  }
  return counts;
}

}  // namespace xsky::products
