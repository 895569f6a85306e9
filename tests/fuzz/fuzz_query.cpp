// Fuzz target: the catalogue query language (core/catalog/Query.h), compiled against a five-row
// table with every column kind, nulls and position columns, then evaluated. Names resolve offline
// ("M31" only); region('file') reads whatever file the text names, as the CLI would.
#include <limits>
#include <numeric>
#include <optional>

#include "FuzzTargets.h"
#include "catalog/Query.h"

namespace xsky::fuzz {

namespace {

using namespace xsky::catalog;

Column column(const char* name, ColumnKind kind, const char* ucd = "", const char* unit = "") {
  ColumnMeta meta;
  meta.name = QString::fromLatin1(name);
  meta.ucd = QString::fromLatin1(ucd);
  meta.unit = QString::fromLatin1(unit);
  return Column(meta, kind);
}

const SourceTable& table() {
  static const SourceTable t = [] {
    SourceTable s;
    s.name = QStringLiteral("fuzz");
    Column ra = column("ra", ColumnKind::Real, "pos.eq.ra;meta.main", "deg");
    ra.reals = {10.68, 202.48, 0.0, 359.99, 83.63};
    Column dec = column("dec", ColumnKind::Real, "pos.eq.dec;meta.main", "deg");
    dec.reals = {41.27, 47.21, -90.0, 89.99, 22.01};
    Column err = column("sc_poserr", ColumnKind::Real, "stat.error;pos", "arcsec");
    err.reals = {1.5, 0.2, std::numeric_limits<double>::quiet_NaN(), 3.0, 0.0};
    Column flux = column("flux err", ColumnKind::Real, "", "erg/cm2/s");
    flux.reals = {1e-14, 2e-13, -1.0, std::numeric_limits<double>::infinity(), 0.0};
    Column n = column("n_detections", ColumnKind::Integer);
    n.integers = {1, 2, 0, -9223372036854775807LL - 1, 9223372036854775807LL};
    n.setNull(2);
    Column ulx = column("is_ulx", ColumnKind::Boolean);
    ulx.booleans = {1, 0, 0, 1, 0};
    ulx.setNull(4);
    Column name = column("iauname", ColumnKind::String);
    name.strings = {QStringLiteral("3XMM J004242.7+411608"), QStringLiteral("M51 X-1"), QString(),
                    QStringLiteral("ngc_%"), QStringLiteral("\u00e9t\u00e9")};
    name.setNull(2);
    s.columns = {ra, dec, err, flux, n, ulx, name};
    s.checkConsistent();
    return s;
  }();
  return t;
}

}  // namespace

int fuzzQuery(const uint8_t* data, size_t size) {
  QueryOptions options;
  options.threads = 1;
  options.resolver = [](const QString& name, QString* error) -> std::optional<wcs::SkyPoint> {
    if (name.compare(QLatin1String("M31"), Qt::CaseInsensitive) == 0) return wcs::SkyPoint{10.6847, 41.2690};
    if (error) *error = QStringLiteral("not found (offline)");
    return std::nullopt;
  };
  try {
    const Query q = Query::compile(toText(data, size), table(), options);
    const std::vector<uint8_t> mask = q.mask();
    const std::vector<size_t> rows = q.rows();
    fuzzCheck(mask.size() == table().rowCount(), "mask size differs from the row count", q.text());
    fuzzCheck(size_t(std::accumulate(mask.begin(), mask.end(), 0)) == rows.size(),
              "mask and rows disagree", q.text());
    fuzzCheck(q.count() == rows.size(), "count and rows disagree", q.text());
    (void)q.explain();
    (void)selectRows(table(), rows);
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
