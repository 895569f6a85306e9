#include "moc/MocText.h"

#include <map>

#include <QFile>
#include <QRegularExpression>

#include "fits/FitsError.h"

namespace xsky::moc {

namespace {

/// One dimension's geometry: bits per order step and deepest order.
struct Axis {
  int bits;
  int maxOrder;
  const char* name;
};
constexpr Axis kSpace{2, kMaxSpaceOrder, "space"};
constexpr Axis kTime{1, kMaxTimeOrder, "time"};

/// Cells read for one dimension: ranges at the deepest resolution and the deepest order seen.
struct Cells {
  std::vector<Range> ranges;
  int order = -1;
  bool any = false;
};

uint64_t parseNumber(const QString& s, const QString& token) {
  bool ok = false;
  const qulonglong v = s.toULongLong(&ok);
  if (!ok) throw Error(QStringLiteral("MOC text: '%1' is not a cell number").arg(token));
  return v;
}

void addCells(Cells& cells, const Axis& axis, int order, uint64_t a, uint64_t b, const QString& token) {
  const uint64_t count = axis.bits == 2 ? (uint64_t(12) << (2 * order)) : (uint64_t(1) << order);
  if (a > b || b >= count)
    throw Error(QStringLiteral("MOC text: '%1' is not a valid %2 cell range at order %3")
                    .arg(token, QLatin1String(axis.name))
                    .arg(order));
  const int shift = axis.bits * (axis.maxOrder - order);
  cells.ranges.push_back({a << shift, (b + 1) << shift});
}

/// Splits into tokens: whitespace, commas and JSON-ish punctuation separate them.
QStringList tokensOf(const QString& text) {
  static const QRegularExpression sep(QStringLiteral("[\\s,;]+"));
  return text.split(sep, Qt::SkipEmptyParts);
}

struct Parsed {
  bool sawTime = false, sawSpace = false;
  std::vector<std::pair<Cells, Cells>> entries;  // (time, space); a single entry for 1-D MOCs
};

Parsed parseAscii(const QString& text, bool defaultTime) {
  Parsed p;
  p.entries.emplace_back();
  bool inTime = defaultTime;
  int order = -1;
  for (const QString& token : tokensOf(text)) {
    QString t = token;
    if (t.startsWith(QLatin1Char('t')) || t.startsWith(QLatin1Char('s'))) {
      const bool time = t.startsWith(QLatin1Char('t'));
      if (time && p.entries.back().second.any) p.entries.emplace_back();
      inTime = time;
      (time ? p.sawTime : p.sawSpace) = true;
      order = -1;
      t = t.mid(1);
    }
    Cells& cells = inTime ? p.entries.back().first : p.entries.back().second;
    const Axis& axis = inTime ? kTime : kSpace;
    const qsizetype slash = t.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
      bool ok = false;
      order = t.left(slash).toInt(&ok);
      if (!ok || order < 0 || order > axis.maxOrder)
        throw Error(QStringLiteral("MOC text: '%1' has an invalid %2 order (0..%3)")
                        .arg(token, QLatin1String(axis.name))
                        .arg(axis.maxOrder));
      cells.order = std::max(cells.order, order);
      cells.any = true;
      t = t.mid(slash + 1);
      if (t.isEmpty()) continue;
    }
    if (order < 0) throw Error(QStringLiteral("MOC text: '%1' comes before any order").arg(token));
    const qsizetype dash = t.indexOf(QLatin1Char('-'));
    const uint64_t a = parseNumber(dash >= 0 ? t.left(dash) : t, token);
    const uint64_t b = dash >= 0 ? parseNumber(t.mid(dash + 1), token) : a;
    addCells(cells, axis, order, a, b, token);
  }
  return p;
}

SpaceMoc spaceOf(const Cells& c) { return SpaceMoc::fromRanges(c.ranges, std::max(c.order, 0)); }
TimeMoc timeOf(const Cells& c) { return TimeMoc::fromRanges(c.ranges, std::max(c.order, 0)); }

/// Minimal cells of normalized ranges, none finer than `order`: order -> ascending cells.
std::map<int, std::vector<uint64_t>> minimalCells(const std::vector<Range>& ranges, int order,
                                                  const Axis& axis) {
  std::map<int, std::vector<uint64_t>> out;
  for (const Range& r : ranges) {
    uint64_t pos = r.first;
    while (pos < r.last) {
      int o = order;
      while (o > 0) {
        const uint64_t size = uint64_t(1) << (axis.bits * (axis.maxOrder - (o - 1)));
        if ((pos & (size - 1)) != 0 || pos + size > r.last) break;
        --o;
      }
      const int shift = axis.bits * (axis.maxOrder - o);
      out[o].push_back(pos >> shift);
      pos += uint64_t(1) << shift;
    }
  }
  for (auto& [o, cells] : out) std::sort(cells.begin(), cells.end());
  return out;
}

QString asciiOf(const std::vector<Range>& ranges, int order, const Axis& axis) {
  const auto cells = minimalCells(ranges, order, axis);
  QStringList parts;
  int deepest = -1;
  for (const auto& [o, list] : cells) {
    deepest = o;
    QStringList items;
    for (size_t i = 0; i < list.size();) {
      size_t j = i;
      while (j + 1 < list.size() && list[j + 1] == list[j] + 1) ++j;
      items << (j == i ? QString::number(list[i])
                       : QStringLiteral("%1-%2").arg(list[i]).arg(list[j]));
      i = j + 1;
    }
    parts << QStringLiteral("%1/%2").arg(o).arg(items.join(QLatin1Char(' ')));
  }
  if (deepest < order) parts << QStringLiteral("%1/").arg(order);
  return parts.join(QLatin1Char(' '));
}

QString jsonOf(const std::vector<Range>& ranges, int order, const Axis& axis) {
  const auto cells = minimalCells(ranges, order, axis);
  QStringList parts;
  int deepest = -1;
  for (const auto& [o, list] : cells) {
    deepest = o;
    QStringList items;
    for (uint64_t c : list) items << QString::number(c);
    parts << QStringLiteral("\"%1\":[%2]").arg(o).arg(items.join(QLatin1Char(',')));
  }
  if (deepest < order) parts << QStringLiteral("\"%1\":[]").arg(order);
  return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

/// {"order":[cells...],...} with exact 64-bit integers (a JSON library would go through double).
Cells parseJson(const QString& text, const Axis& axis) {
  static const QRegularExpression entry(QStringLiteral("\"\\s*(\\d+)\\s*\"\\s*:\\s*\\[([^\\]]*)\\]"));
  const QString trimmed = text.trimmed();
  if (!trimmed.startsWith(QLatin1Char('{')) || !trimmed.endsWith(QLatin1Char('}')))
    throw Error(QStringLiteral("MOC JSON must be an object {\"order\": [cells], ...}"));
  Cells cells;
  qsizetype consumed = 0;
  auto it = entry.globalMatch(trimmed);
  while (it.hasNext()) {
    const auto m = it.next();
    const QString between = trimmed.mid(consumed, m.capturedStart() - consumed);
    static const QRegularExpression glue(QStringLiteral("^[\\s{,]*$"));
    if (!glue.match(between).hasMatch())
      throw Error(QStringLiteral("MOC JSON: unexpected '%1'").arg(between.trimmed()));
    consumed = m.capturedEnd();
    const int order = m.captured(1).toInt();
    if (order > axis.maxOrder)
      throw Error(QStringLiteral("MOC JSON: order %1 is above %2").arg(order).arg(axis.maxOrder));
    cells.order = std::max(cells.order, order);
    cells.any = true;
    for (const QString& v : tokensOf(m.captured(2))) {
      const uint64_t c = parseNumber(v, v);
      addCells(cells, axis, order, c, c, v);
    }
  }
  static const QRegularExpression tail(QStringLiteral("^[\\s,]*\\}$"));
  if (!tail.match(trimmed.mid(consumed)).hasMatch())
    throw Error(QStringLiteral("MOC JSON: unexpected '%1'").arg(trimmed.mid(consumed).trimmed()));
  return cells;
}

}  // namespace

QString toAscii(const SpaceMoc& moc) { return asciiOf(moc.ranges(), moc.order(), kSpace); }
QString toAscii(const TimeMoc& moc) {
  return QLatin1Char('t') + asciiOf(moc.ranges(), moc.order(), kTime);
}
QString toAscii(const SpaceTimeMoc& moc) {
  QStringList parts;
  for (const SpaceTimeEntry& e : moc.entries())
    parts << QLatin1Char('t') + asciiOf(e.time, moc.timeOrder(), kTime) + QStringLiteral(" s") +
                 asciiOf(e.space.ranges(), moc.spaceOrder(), kSpace);
  if (parts.isEmpty())
    parts << QStringLiteral("t%1/ s%2/").arg(moc.timeOrder()).arg(moc.spaceOrder());
  return parts.join(QLatin1Char(' '));
}

MocFile mocFromAscii(const QString& text) {
  const Parsed p = parseAscii(text, false);
  MocFile out;
  if (p.sawTime && p.sawSpace) {
    out.dimension = MocDimension::SpaceTime;
    int timeOrder = 0, spaceOrder = 0;
    std::vector<SpaceTimeEntry> entries;
    for (const auto& [t, s] : p.entries) {
      timeOrder = std::max(timeOrder, t.order);
      spaceOrder = std::max(spaceOrder, s.order);
    }
    for (const auto& [t, s] : p.entries) {
      if (!t.any && !s.any) continue;
      if (t.ranges.empty() && !s.ranges.empty())
        throw Error(QStringLiteral("MOC text: space cells without time cells"));
      entries.push_back({TimeMoc::fromRanges(t.ranges, timeOrder).ranges(),
                         SpaceMoc::fromRanges(s.ranges, spaceOrder)});
    }
    out.spaceTime = SpaceTimeMoc::fromEntries(std::move(entries), timeOrder, spaceOrder);
  } else if (p.sawTime) {
    out.dimension = MocDimension::Time;
    out.time = timeOf(p.entries.front().first);
  } else {
    out.dimension = MocDimension::Space;
    out.space = spaceOf(p.entries.front().second);
  }
  out.timeSystem = QStringLiteral("TCB");
  return out;
}

SpaceMoc spaceMocFromAscii(const QString& text) {
  const Parsed p = parseAscii(text, false);
  if (p.sawTime) throw Error(QStringLiteral("MOC text: time cells in a space MOC"));
  return spaceOf(p.entries.front().second);
}

TimeMoc timeMocFromAscii(const QString& text) {
  const Parsed p = parseAscii(text, true);
  if (p.sawSpace) throw Error(QStringLiteral("MOC text: space cells in a time MOC"));
  return timeOf(p.entries.front().first);
}

SpaceTimeMoc spaceTimeMocFromAscii(const QString& text) {
  MocFile f = mocFromAscii(text);
  if (f.dimension != MocDimension::SpaceTime)
    throw Error(QStringLiteral("MOC text: not a space-time MOC (t.../s... groups expected)"));
  return f.spaceTime;
}

QString toJson(const SpaceMoc& moc) { return jsonOf(moc.ranges(), moc.order(), kSpace); }
QString toJson(const TimeMoc& moc) { return jsonOf(moc.ranges(), moc.order(), kTime); }
SpaceMoc spaceMocFromJson(const QString& text) { return spaceOf(parseJson(text, kSpace)); }
TimeMoc timeMocFromJson(const QString& text) { return timeOf(parseJson(text, kTime)); }

MocFile readMocText(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw Error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
  const QString text = QString::fromUtf8(file.readAll());
  try {
    if (text.trimmed().startsWith(QLatin1Char('{'))) {
      MocFile out;
      out.space = spaceMocFromJson(text);
      return out;
    }
    return mocFromAscii(text);
  } catch (const Error& e) {
    throw Error(QStringLiteral("%1: %2").arg(path, e.message()));
  }
}

MocFile readMocAny(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw Error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
  const QByteArray head = file.read(9);
  file.close();
  if (head == "SIMPLE  =" || head.startsWith("\x1f\x8b")) return readMocFits(path);
  return readMocText(path);
}

}  // namespace xsky::moc
