// The catalogue query language on 1,000,000 rows: XSky's compiled block evaluator (Query::compile
// + mask(), median of 7 runs, on one thread and on the global thread pool) vs NumPy evaluating the
// same expressions on the same float64 columns (anchor_query.py, median of 7, in its own script
// run), with the row counts of both. The table is generated here (fixed seed): positions uniform
// over 15 x 15 degrees around (202.48, 47.21), detection and extent likelihoods exponential with
// 2% nulls (NaN), fluxes log-uniform in 1e-16..1e-11.
// usage: bench_query

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "BenchSupport.h"
#include "TestSupport.h"
#include "catalog/Query.h"
#include "catalog/TableIndex.h"

using namespace xsky;
using namespace xsky::catalog;

namespace {

constexpr size_t kRows = 1'000'000;

Column realColumn(const char* name, const char* ucd = "") {
  ColumnMeta m;
  m.name = QString::fromLatin1(name);
  m.ucd = QString::fromLatin1(ucd);
  m.unit = QString::fromLatin1(*ucd != 0 ? "deg" : "");
  return Column(m, ColumnKind::Real);
}

bool writeDoubles(const QString& path, const std::vector<double>& v) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return false;
  const auto bytes = static_cast<qint64>(v.size() * sizeof(double));
  return f.write(reinterpret_cast<const char*>(v.data()), bytes) == bytes;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  SourceTable t;
  t.columns = {realColumn("SC_RA", "pos.eq.ra;meta.main"), realColumn("SC_DEC", "pos.eq.dec;meta.main"),
               realColumn("SC_DET_ML"), realColumn("SC_EXT_ML"), realColumn("FLUX")};
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> ra(195.0, 210.0), dec(40.0, 55.0), logFlux(-16, -11), u(0, 1);
  std::exponential_distribution<double> ml(1.0 / 20), ext(1.0 / 5);
  for (auto& c : t.columns) c.reals.resize(kRows);
  for (size_t i = 0; i < kRows; ++i) {
    t.columns[0].reals[i] = ra(rng);
    t.columns[1].reals[i] = dec(rng);
    t.columns[2].reals[i] = u(rng) < 0.02 ? std::nan("") : ml(rng);
    t.columns[3].reals[i] = u(rng) < 0.02 ? std::nan("") : ext(rng);
    t.columns[4].reals[i] = std::pow(10.0, logFlux(rng));
  }
  QTemporaryDir dir;
  const char* files[] = {"sc_ra", "sc_dec", "sc_det_ml", "sc_ext_ml", "flux"};
  for (size_t k = 0; k < 5; ++k) {
    if (!writeDoubles(dir.filePath(QString::fromLatin1(files[k]) + QStringLiteral(".f64")), t.columns[k].reals)) {
      std::fprintf(stderr, "bench_query: cannot write the columns to %s\n", qPrintable(dir.path()));
      return 1;
    }
  }
  const char* queries[] = {
      "sc_det_ml > 10 AND sc_ext_ml < 5",
      "cone('202.48 47.21', '1deg') AND flux > 1e-14",
      "sqrt(sc_det_ml * sc_det_ml + sc_ext_ml * sc_ext_ml) / (sc_ext_ml + 1) > 2 AND log10(flux) > -13",
      "sc_det_ml > 10 AND sc_ext_ml < 5 OR flux > 1e-12",
  };
  // The indexes the catalogue dock builds the first time a column is queried, built here up front.
  TableIndex index(t);
  const double buildColumns = bench::medianSeconds(1, [&] {
    for (size_t k = 2; k < 5; ++k) (void)index.numeric(t.columns[k]);
  });
  const double buildSky = bench::medianSeconds(1, [&] { (void)index.sky(t.columns[0], 1.0, t.columns[1], 1.0); });
  struct Result {
    double one = 0, pool = 0, indexed = 0;
    size_t rows = 0, indexedRows = 0;
  };
  std::vector<Result> mine;
  for (const char* q : queries) {
    Result r;
    QueryOptions single;
    single.threads = 1;
    r.one = bench::medianSeconds(7, [&] { r.rows = Query::compile(QString::fromLatin1(q), t, single).count(); });
    r.pool = bench::medianSeconds(7, [&] { (void)Query::compile(QString::fromLatin1(q), t).mask(); });
    QueryOptions withIndex;
    withIndex.index = &index;
    std::vector<uint8_t> m;
    r.indexed = bench::medianSeconds(7, [&] { m = Query::compile(QString::fromLatin1(q), t, withIndex).mask(); });
    r.indexedRows = static_cast<size_t>(std::count(m.begin(), m.end(), 1));
    mine.push_back(r);
  }
  const QJsonArray theirs =
      QJsonDocument::fromJson(test::runPython(QStringLiteral("bench/anchor_query.py"), {dir.path()}, 600000)).array();
  std::printf("query filter on %zu rows (5 float64 columns), median of 7 runs; NumPy on the same columns\n", kRows);
  std::printf("%-92s %8s %8s %8s %8s %7s %7s %7s %8s %8s\n", "expression", "scan1 ms", "scan ms", "index ms",
              "NumPy ms", "ratio1", "ratio", "ratioI", "rows", "NumPy");
  bool same = true;
  for (size_t i = 0; i < mine.size(); ++i) {
    const QJsonObject o = theirs.at(qsizetype(i)).toObject();
    const double np = o.value(QStringLiteral("seconds")).toDouble();
    const auto npRows = static_cast<long long>(o.value(QStringLiteral("rows")).toInteger(-1));
    std::printf("%-92s %8.2f %8.2f %8.3f %8.2f %7.1f %7.1f %7.1f %8zu %8lld\n", queries[i], mine[i].one * 1e3,
                mine[i].pool * 1e3, mine[i].indexed * 1e3, np * 1e3, np / mine[i].one, np / mine[i].pool,
                np / mine[i].indexed, mine[i].rows, npRows);
    same = same && static_cast<long long>(mine[i].rows) == npRows && mine[i].indexedRows == mine[i].rows;
  }
  std::printf("index ms: mask() with the table's indexes (catalog/TableIndex.h), built once beforehand in %.0f ms "
              "(3 numeric columns) + %.0f ms (positions), as the catalogue dock builds them on first use\n",
              buildColumns * 1e3, buildSky * 1e3);
  std::printf("rows: %s\n", same ? "XSky (scan and indexed) and NumPy select the same number of rows in every case"
                                  : "MISMATCH between XSky and NumPy row counts");
  std::printf("scan1: the calling thread only; scan and index: the global thread pool (%d threads)\n",
              QThreadPool::globalInstance()->maxThreadCount());
  return same ? 0 : 1;
}
