#include "catalog/PositionColumns.h"

#include <cmath>
#include <limits>
#include <numbers>

#include <QStringList>

namespace xsky::catalog {

namespace {

QString normalUcd(const QString& ucd) {
  QString u = ucd.toLower();
  u.remove(QLatin1Char(' '));
  return u;
}

bool usable(const Column& c) { return c.isNumeric(); }

int findUcd(const SourceTable& t, const QString& wanted, bool prefix) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    if (!usable(c)) continue;
    const QString u = normalUcd(c.meta.ucd);
    if (u.isEmpty()) continue;
    if (prefix ? u.split(QLatin1Char(';')).first() == wanted : u == wanted)
      return static_cast<int>(i);
  }
  return -1;
}

int findName(const SourceTable& t, const QString& name) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    if (usable(c) && c.meta.name.compare(name, Qt::CaseInsensitive) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

int findError(const SourceTable& t) {
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const Column& c = t.columns[i];
    if (!usable(c)) continue;
    const QStringList words = normalUcd(c.meta.ucd).split(QLatin1Char(';'));
    if (words.size() >= 2 && words[0] == u"stat.error" &&
        (words[1] == u"pos" || words[1] == u"pos.eq")) {
      return static_cast<int>(i);
    }
    if (words[0] == u"pos.errorellipse") return static_cast<int>(i);
  }
  static const char* const kNames[] = {"sc_poserr",  "poserr", "pos_err", "poserror", "e_pos",
                                       "err_pos",    "epos",   "err_rad", "errrad",   "radec_err",
                                       "ra_dec_err", "sigpos", "errpos"};
  for (const char* n : kNames) {
    const int i = findName(t, QString::fromLatin1(n));
    if (i >= 0) return i;
  }
  return -1;
}

// Usual RA/Dec column names, tried in this order (lower case; matched case-insensitively).
const char* const kPairs[][2] = {
    {"ra", "dec"},
    {"ra_icrs", "de_icrs"},
    {"raj2000", "dej2000"},
    {"_raj2000", "_dej2000"},
    {"ra_j2000", "dec_j2000"},
    {"sc_ra", "sc_dec"},
    {"ra_deg", "dec_deg"},
    {"radeg", "dedeg"},
    {"ra_obj", "dec_obj"},
    {"ra_pnt", "dec_pnt"},
    {"alpha_j2000", "delta_j2000"},
    {"ra2000", "dec2000"},
    {"ra_icrs", "dec_icrs"},
    {"raj2000", "decj2000"},
};

}  // namespace

PositionColumns findPositionColumns(const SourceTable& table) {
  PositionColumns p;
  p.error = findError(table);
  auto take = [&](int ra, int dec, const char* how) {
    if (ra < 0 || dec < 0 || ra == dec) return false;
    p.ra = ra;
    p.dec = dec;
    p.how = QString::fromLatin1(how);
    return true;
  };
  if (take(findUcd(table, QStringLiteral("pos.eq.ra;meta.main"), false),
           findUcd(table, QStringLiteral("pos.eq.dec;meta.main"), false), "ucd")) {
    return p;
  }
  if (take(findUcd(table, QStringLiteral("pos_eq_ra_main"), false),
           findUcd(table, QStringLiteral("pos_eq_dec_main"), false), "ucd1")) {
    return p;
  }
  if (take(findUcd(table, QStringLiteral("pos.eq.ra"), true),
           findUcd(table, QStringLiteral("pos.eq.dec"), true), "ucd (no meta.main)")) {
    return p;
  }
  for (const auto& pair : kPairs) {
    if (take(findName(table, QString::fromLatin1(pair[0])),
             findName(table, QString::fromLatin1(pair[1])), "name")) {
      return p;
    }
  }
  return p;
}

QString positionColumnsSought() {
  QStringList names;
  for (const auto& pair : kPairs) {
    names << QStringLiteral("%1/%2").arg(QString::fromLatin1(pair[0]).toUpper(),
                                         QString::fromLatin1(pair[1]).toUpper());
  }
  return QStringLiteral(
             "numeric columns with the UCDs pos.eq.ra;meta.main and pos.eq.dec;meta.main (or "
             "POS_EQ_RA_MAIN/POS_EQ_DEC_MAIN, or pos.eq.ra/pos.eq.dec), or named %1")
      .arg(names.join(QStringLiteral(", ")));
}

double angleScaleToDegrees(const QString& unit, double emptyMeans) {
  const QString u = unit.trimmed().toLower();
  if (u.isEmpty()) return emptyMeans;
  if (u == u"deg" || u == u"degree" || u == u"degrees" || u == u"d") return 1.0;
  if (u == u"arcmin" || u == u"'" || u == u"amin") return 1.0 / 60.0;
  if (u == u"arcsec" || u == u"\"" || u == u"asec" || u == u"arcsecond" || u == u"arcseconds") {
    return 1.0 / 3600.0;
  }
  if (u == u"mas" || u == u"milliarcsec") return 1.0 / 3.6e6;
  if (u == u"rad" || u == u"radian" || u == u"radians") return 180.0 / std::numbers::pi;
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace xsky::catalog
