#include "moc/MocIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "fits/FitsFile.h"
#include "moc/RangeAlgebra.h"

namespace xsky::moc {

namespace {

constexpr uint64_t kTimeFlag = uint64_t(1) << 63;

struct Header {
  QString dim, ordering, version, timeSystem, tool, coordSys, mocKind;
  int spaceOrder = -1, timeOrder = -1, oldTimeOrder = -1, mocOrder = -1;
};

Header readHeader(const fits::FitsFile& f) {
  Header h;
  auto str = [&f](const char* k) { return f.keyString(QLatin1String(k)).value_or(QString()).trimmed(); };
  auto num = [&f](const char* k) { return int(f.keyInt(QLatin1String(k)).value_or(-1)); };
  h.dim = str("MOCDIM").toUpper();
  h.ordering = str("ORDERING").toUpper();
  h.version = str("MOCVERS");
  h.timeSystem = str("TIMESYS");
  h.tool = str("MOCTOOL");
  h.coordSys = str("COORDSYS");
  h.mocKind = str("MOC").toUpper();
  h.spaceOrder = num("MOCORD_S");
  h.timeOrder = num("MOCORD_T");
  h.oldTimeOrder = num("TORDER");
  h.mocOrder = num("MOCORDER");
  return h;
}

/// Pairs of values -> ranges, checking each is non-empty and after the previous one.
std::vector<Range> pairsToRanges(const std::vector<uint64_t>& v, const QString& what) {
  if (v.size() % 2 != 0)
    throw Error(QStringLiteral("%1: odd number of range bounds (%2)").arg(what).arg(v.size()));
  std::vector<Range> out;
  out.reserve(v.size() / 2);
  for (size_t i = 0; i < v.size(); i += 2) {
    if (v[i] >= v[i + 1])
      throw Error(QStringLiteral("%1: range %2 [%3, %4) is empty or reversed")
                      .arg(what).arg(i / 2 + 1).arg(v[i]).arg(v[i + 1]));
    if (!out.empty() && v[i] < out.back().last)
      throw Error(QStringLiteral("%1: ranges are not sorted (range %2 starts at %3, before the end "
                                 "%4 of the previous one)")
                      .arg(what).arg(i / 2 + 1).arg(v[i]).arg(out.back().last));
    out.push_back({v[i], v[i + 1]});
  }
  return out;
}

int spaceOrderOf(const Header& h) { return h.spaceOrder >= 0 ? h.spaceOrder : h.mocOrder; }

SpaceMoc withOrder(const SpaceMoc& moc, int headerOrder) {
  if (headerOrder < 0 || headerOrder <= moc.order()) return moc;
  if (headerOrder > kMaxSpaceOrder)
    throw Error(QStringLiteral("MOC order %1 is above 29").arg(headerOrder));
  return moc.degraded(headerOrder);
}

SpaceMoc spaceFromRanges(std::vector<Range> ranges, int headerOrder, const QString& what) {
  int order = headerOrder >= 0 ? headerOrder : kMaxSpaceOrder;
  if (order > kMaxSpaceOrder) throw Error(QStringLiteral("%1: MOC order %2 is above 29").arg(what).arg(order));
  // The deepest order the ranges need (a header order below it is raised).
  for (const Range& r : ranges)
    while (order < kMaxSpaceOrder) {
      const uint64_t mask = (uint64_t(1) << (2 * (kMaxSpaceOrder - order))) - 1;
      if ((r.first & mask) == 0 && (r.last & mask) == 0) break;
      ++order;
    }
  return SpaceMoc::fromRanges(std::move(ranges), order);
}

/// MOC 2.0 TIME.SPACE RANGE values (time flagged by the top bit), or the RANGE29 proto form
/// (time negated); `shiftOld` = the proto's time scale factor is 1 (microseconds both).
SpaceTimeMoc decodeSpaceTime(const std::vector<uint64_t>& v, bool proto, int timeOrder,
                             int spaceOrder, const QString& what) {
  std::vector<SpaceTimeEntry> entries;
  std::vector<uint64_t> times, spaces;
  auto flush = [&]() {
    if (times.empty() && spaces.empty()) return;
    if (times.empty()) throw Error(QStringLiteral("%1: space ranges before any time range").arg(what));
    SpaceTimeEntry e;
    e.time = pairsToRanges(times, what + QStringLiteral(" (time)"));
    e.space = spaceFromRanges(pairsToRanges(spaces, what + QStringLiteral(" (space)")), spaceOrder, what);
    entries.push_back(std::move(e));
    times.clear();
    spaces.clear();
  };
  for (uint64_t raw : v) {
    const bool isTime = proto ? int64_t(raw) < 0 : (raw & kTimeFlag) != 0;
    if (isTime) {
      if (!spaces.empty()) flush();
      times.push_back(proto ? uint64_t(-int64_t(raw)) : (raw & ~kTimeFlag));
    } else {
      spaces.push_back(raw);
    }
  }
  flush();
  int sOrder = spaceOrder;
  for (const auto& e : entries) sOrder = std::max(sOrder, e.space.order());
  if (timeOrder < 0) timeOrder = kMaxTimeOrder;
  return SpaceTimeMoc::fromEntries(std::move(entries), timeOrder, std::max(sOrder, 0));
}

void replaceFile(const QString& tmp, const QString& path) {
  QFile::remove(path);
  if (!QFile::rename(tmp, path)) {
    QFile::remove(tmp);
    throw Error(QStringLiteral("cannot write %1").arg(path));
  }
}

/// Writes one 1K column table with the given keys, to a temporary name renamed on success.
template <class Keys>
void writeTable(const QString& path, const std::vector<int64_t>& values, const QString& column,
                Keys keys) {
  const QFileInfo info(path);
  const QString tmp = info.absolutePath() + QStringLiteral("/.") + info.fileName() +
                      QStringLiteral(".part");
  try {
    fits::FitsFile f = fits::FitsFile::create(tmp);
    f.createTable(QString(), {column}, {QStringLiteral("1K")}, {QString()},
                  static_cast<long long>(values.size()));
    keys(f);
    f.writeKey(QStringLiteral("MOCTOOL"), QStringLiteral("XSky"), QStringLiteral("Name of the MOC generator"));
    if (!values.empty()) f.writeColumn(1, values);
    f.writeChecksum();
  } catch (...) {
    QFile::remove(tmp);
    throw;
  }
  replaceFile(tmp, path);
}

}  // namespace

QString dimensionName(MocDimension d) {
  switch (d) {
    case MocDimension::Space: return QStringLiteral("SPACE");
    case MocDimension::Time: return QStringLiteral("TIME");
    case MocDimension::SpaceTime: return QStringLiteral("TIME.SPACE");
  }
  return {};
}

MocFile readMocFits(const QString& path) {
  fits::FitsFile f = fits::FitsFile::open(path);
  int table = 0;
  for (int hdu = 2; hdu <= f.hduCount() && table == 0; ++hdu) {
    f.moveTo(hdu);
    if (f.hduType() == fits::HduType::BinaryTable) table = hdu;
  }
  if (table == 0) throw Error(QStringLiteral("%1: no binary table, not a MOC file").arg(path));
  const Header h = readHeader(f);
  std::vector<uint64_t> v;
  {
    const std::vector<int64_t> raw = f.rowCount() > 0 ? f.readColumn<int64_t>(1) : std::vector<int64_t>{};
    v.assign(raw.begin(), raw.end());
  }
  MocFile out;
  out.ordering = h.ordering;
  out.version = h.version;
  out.timeSystem = h.timeSystem.isEmpty() ? QStringLiteral("TCB") : h.timeSystem;
  out.tool = h.tool;
  if (!h.dim.isEmpty()) {
    if (h.dim == QLatin1String("SPACE")) out.dimension = MocDimension::Space;
    else if (h.dim == QLatin1String("TIME")) out.dimension = MocDimension::Time;
    else if (h.dim == QLatin1String("TIME.SPACE")) out.dimension = MocDimension::SpaceTime;
    else throw Error(QStringLiteral("%1: unknown MOCDIM '%2'").arg(path, h.dim));
  } else if (h.mocKind == QLatin1String("SPACETIME") || h.mocKind == QLatin1String("TIME.SPACE")) {
    out.dimension = MocDimension::SpaceTime;
  } else if (!h.timeSystem.isEmpty() && h.coordSys.isEmpty()) {
    out.dimension = MocDimension::Time;
  }
  const QString what = path;
  try {
    switch (out.dimension) {
      case MocDimension::Space:
        if (h.ordering == QLatin1String("NUNIQ") || h.ordering.isEmpty()) {
          out.space = withOrder(SpaceMoc::fromNuniq(v, -1), spaceOrderOf(h));
        } else if (h.ordering == QLatin1String("RANGE") || h.ordering == QLatin1String("RANGE29")) {
          out.space = spaceFromRanges(pairsToRanges(v, what), spaceOrderOf(h), what);
        } else {
          throw Error(QStringLiteral("unknown ORDERING '%1'").arg(h.ordering));
        }
        break;
      case MocDimension::Time: {
        if (h.ordering != QLatin1String("RANGE") && h.ordering != QLatin1String("RANGE29"))
          throw Error(QStringLiteral("time MOC ORDERING '%1' is not supported (RANGE expected)").arg(h.ordering));
        int order = h.timeOrder;
        if (order < 0 && h.mocOrder >= 0) order = kMaxTimeOrder - 2 * (kMaxSpaceOrder - h.mocOrder);
        out.time = TimeMoc::fromRanges(pairsToRanges(v, what), order >= 0 ? order : kMaxTimeOrder);
        break;
      }
      case MocDimension::SpaceTime: {
        const bool proto = h.ordering == QLatin1String("RANGE29");
        if (!proto && h.ordering != QLatin1String("RANGE"))
          throw Error(QStringLiteral("space-time MOC ORDERING '%1' is not supported").arg(h.ordering));
        int timeOrder = h.timeOrder, spaceOrder = h.spaceOrder;
        if (proto) {
          // CDS proto: MOC=SPACETIME has TORDER (time) and MOCORDER (space); MOC=TIME.SPACE has
          // MOCORDER (time) and MOCORD_1 (space); time orders count 2 bits per order.
          int oldTime = h.oldTimeOrder;
          if (h.mocKind == QLatin1String("TIME.SPACE")) {
            oldTime = h.mocOrder;
            spaceOrder = int(f.keyInt(QStringLiteral("MOCORD_1")).value_or(-1));
          } else if (spaceOrder < 0) {
            spaceOrder = h.mocOrder;
          }
          if (oldTime >= 0) timeOrder = kMaxTimeOrder - 2 * (kMaxSpaceOrder - oldTime);
        }
        out.spaceTime = decodeSpaceTime(v, proto, timeOrder, spaceOrder, what);
        break;
      }
    }
  } catch (const Error& e) {
    if (e.message().startsWith(path)) throw;
    throw Error(QStringLiteral("%1: %2").arg(path, e.message()));
  }
  return out;
}

SpaceMoc readSpaceMocFits(const QString& path) {
  MocFile file = readMocFits(path);
  if (file.dimension != MocDimension::Space)
    throw Error(QStringLiteral("%1 is a %2 MOC, not a space MOC").arg(path, dimensionName(file.dimension)));
  return file.space;
}

void writeMocFits(const QString& path, const SpaceMoc& moc) {
  const std::vector<uint64_t> uniq = moc.toNuniq();
  writeTable(path, std::vector<int64_t>(uniq.begin(), uniq.end()), QStringLiteral("UNIQ"),
             [&moc](fits::FitsFile& f) {
               f.writeKey(QStringLiteral("MOCVERS"), QStringLiteral("2.0"), QStringLiteral("MOC version"));
               f.writeKey(QStringLiteral("MOCDIM"), QStringLiteral("SPACE"), QStringLiteral("MOC dimension"));
               f.writeKey(QStringLiteral("ORDERING"), QStringLiteral("NUNIQ"), QStringLiteral("NUNIQ coding method"));
               f.writeKey(QStringLiteral("COORDSYS"), QStringLiteral("C"), QStringLiteral("ICRS reference frame"));
               f.writeKey(QStringLiteral("MOCORD_S"), moc.order(), QStringLiteral("MOC resolution (best order)"));
             });
}

void writeMocFits(const QString& path, const TimeMoc& moc, const QString& timeSystem) {
  std::vector<int64_t> v;
  for (const Range& r : moc.ranges()) {
    v.push_back(int64_t(r.first));
    v.push_back(int64_t(r.last));
  }
  writeTable(path, v, QStringLiteral("RANGE"), [&](fits::FitsFile& f) {
    f.writeKey(QStringLiteral("MOCVERS"), QStringLiteral("2.0"), QStringLiteral("MOC version"));
    f.writeKey(QStringLiteral("MOCDIM"), QStringLiteral("TIME"), QStringLiteral("MOC dimension"));
    f.writeKey(QStringLiteral("ORDERING"), QStringLiteral("RANGE"), QStringLiteral("Range coding"));
    f.writeKey(QStringLiteral("MOCORD_T"), moc.order(), QStringLiteral("Time MOC resolution"));
    f.writeKey(QStringLiteral("TIMESYS"), timeSystem, QStringLiteral("Time reference system"));
  });
}

void writeMocFits(const QString& path, const SpaceTimeMoc& moc, const QString& timeSystem) {
  std::vector<int64_t> v;
  for (const SpaceTimeEntry& e : moc.entries()) {
    for (const Range& r : e.time) {
      v.push_back(int64_t(r.first | kTimeFlag));
      v.push_back(int64_t(r.last | kTimeFlag));
    }
    for (const Range& r : e.space.ranges()) {
      v.push_back(int64_t(r.first));
      v.push_back(int64_t(r.last));
    }
  }
  writeTable(path, v, QStringLiteral("RANGE"), [&](fits::FitsFile& f) {
    f.writeKey(QStringLiteral("MOCVERS"), QStringLiteral("2.0"), QStringLiteral("MOC version"));
    f.writeKey(QStringLiteral("MOCDIM"), QStringLiteral("TIME.SPACE"), QStringLiteral("MOC dimension"));
    f.writeKey(QStringLiteral("ORDERING"), QStringLiteral("RANGE"), QStringLiteral("Range coding"));
    f.writeKey(QStringLiteral("MOCORD_S"), moc.spaceOrder(), QStringLiteral("Space MOC resolution"));
    f.writeKey(QStringLiteral("MOCORD_T"), moc.timeOrder(), QStringLiteral("Time MOC resolution"));
    f.writeKey(QStringLiteral("COORDSYS"), QStringLiteral("C"), QStringLiteral("ICRS reference frame"));
    f.writeKey(QStringLiteral("TIMESYS"), timeSystem, QStringLiteral("Time reference system"));
  });
}

void writeMocFits(const QString& path, const MocFile& file) {
  switch (file.dimension) {
    case MocDimension::Space: return writeMocFits(path, file.space);
    case MocDimension::Time: return writeMocFits(path, file.time, file.timeSystem);
    case MocDimension::SpaceTime: return writeMocFits(path, file.spaceTime, file.timeSystem);
  }
}

}  // namespace xsky::moc
