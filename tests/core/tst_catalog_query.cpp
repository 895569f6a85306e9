// The catalogue query language (core/catalog/Query.h) against an independent oracle:
//  - tests/oracles/query_oracle.py writes a 3000-row source table with astropy (BINARY2 VOTable:
//    nulls in reals, integers, booleans and strings; 4XMM-like column names; a column named
//    "flux err") and selects rows with hand-written NumPy/astropy code for each query id; XSky's
//    matching rows must equal the oracle's exactly: comparisons, AND/OR/NOT and their precedence,
//    IN/NOT IN, LIKE, string =, booleans, arithmetic and functions, IS NULL, quoted names,
//    cone() against SkyCoord.separation with decimal and sexagesimal targets and every radius unit,
//    box() against a NumPy gnomonic box, region() with an excluded circle, a bare name;
//  - syntax and type errors name the 1-based column of the mistake;
//  - angles and coordinates parse with their units;
//  - Sesame name resolution against a local HTTP server answering like CDS: a hit, the cache after
//    the server is gone, an unreachable service and an unknown name give clear messages;
//  - `xsky-cli query` with --json, --votable (read back by astropy), FITS input, and exit codes.

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <set>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "catalog/FitsTableReader.h"
#include "catalog/NameResolver.h"
#include "catalog/Query.h"
#include "catalog/TableIndex.h"
#include "catalog/VoTableReader.h"
#include "sim/DemoSky.h"

using namespace xsky;
using namespace xsky::catalog;

namespace {

ColumnMeta named(const char* name) {
  ColumnMeta m;
  m.name = QString::fromLatin1(name);
  return m;
}

const QString kOracle = QStringLiteral("oracles/query_oracle.py");

/// A Sesame -oxp answer as CDS writes it (abridged from the documented format).
QByteArray sesameXml(const QString& name, double ra, double dec) {
  return QStringLiteral(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
             "<Sesame xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
             "xsi:noNamespaceSchemaLocation=\"http://vizier.u-strasbg.fr/xml/sesame_4x.xsd\">\n"
             "<Target option=\"SNV\">\n  <name>%1</name>\n"
             "  <INFO>from cache</INFO>\n"
             "  <Resolver name=\"S=Simbad (via url)\">\n"
             "    <INFO>*** Simbad: 1 objects</INFO>\n"
             "    <otype>G</otype>\n    <jpos>00:42:44.33 +41:16:07.5</jpos>\n"
             "    <jradeg>%2</jradeg>\n    <jdedeg>%3</jdedeg>\n"
             "    <refPos>2006AJ....131.1163S</refPos>\n"
             "    <errRAmas>1.5</errRAmas><errDEmas>1.2</errDEmas>\n"
             "    <oname>%1</oname>\n"
             "    <alias>NAME Andromeda</alias>\n    <nrefs>12000</nrefs>\n"
             "  </Resolver>\n"
             "</Target>\n"
             "<!--- ====Done (2026-Nov-23,16:00:00z)==== --->\n"
             "</Sesame>\n")
      .arg(name)
      .arg(ra, 0, 'f', 8)
      .arg(dec, 0, 'f', 8)
      .toUtf8();
}

QByteArray sesameNothing(const QString& name) {
  return QStringLiteral(
             "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<Sesame>\n<Target option=\"SNV\">\n"
             "  <name>%1</name>\n"
             "  <Resolver name=\"S=Simbad (via url)\"><INFO>*** Nothing found *** </INFO></Resolver>\n"
             "  <Resolver name=\"N=NED (local)\"><INFO>*** Nothing found *** </INFO></Resolver>\n"
             "  <Resolver name=\"V=VizieR (local)\"><INFO>*** Nothing found *** </INFO></Resolver>\n"
             "</Target>\n</Sesame>\n")
      .arg(name)
      .toUtf8();
}

std::vector<size_t> jsonRows(const QJsonArray& a) {
  std::vector<size_t> out;
  for (const QJsonValue& v : a) out.push_back(static_cast<size_t>(v.toInteger()));
  return out;
}

QString firstDifference(const std::vector<size_t>& got, const std::vector<size_t>& want) {
  std::set<size_t> g(got.begin(), got.end()), w(want.begin(), want.end());
  for (size_t r : g) {
    if (!w.count(r)) return QStringLiteral("row %1 selected, the oracle does not select it").arg(r);
  }
  for (size_t r : w) {
    if (!g.count(r)) return QStringLiteral("row %1 not selected, the oracle selects it").arg(r);
  }
  return {};
}

}  // namespace

class TestCatalogQuery : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void oracle_data();
  void oracle();
  void errorColumns_data();
  void errorColumns();
  void anglesAndTargets();
  void precedenceExplained();
  void largeTableThreads();
  void indexedEqualsScan();
  void demoCatalogue();
  void sesame();
  void cli();

 private:
  QTemporaryDir dir_;
  QString vot_, fits_, region_;
  SourceTable table_;
  std::unique_ptr<TableIndex> index_;
  QJsonObject expected_;
  NameResolver fakeResolver_ = [](const QString& name, QString* error) -> std::optional<wcs::SkyPoint> {
    if (name.compare(QStringLiteral("M51"), Qt::CaseInsensitive) == 0) return wcs::SkyPoint{202.4696, 47.1952};
    *error = QStringLiteral("cannot resolve \"%1\": unknown to the test resolver").arg(name);
    return std::nullopt;
  };
};

void TestCatalogQuery::initTestCase() {
  QVERIFY(dir_.isValid());
  vot_ = dir_.filePath(QStringLiteral("sources.vot"));
  fits_ = dir_.filePath(QStringLiteral("sources.fits"));
  const QByteArray written = test::runPython(kOracle, {QStringLiteral("write"), vot_, fits_, QStringLiteral("3000")});
  if (written.isEmpty()) QSKIP("python3 with numpy/astropy is needed for the query oracle");
  table_ = readVoTable(vot_);
  QCOMPARE(table_.rowCount(), size_t(3000));
  index_ = std::make_unique<TableIndex>(table_);
  expected_ = QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("eval"), vot_})).object();
  QVERIFY(!expected_.isEmpty());
  // The region file of the "region" query (the oracle knows the same circles).
  region_ = dir_.filePath(QStringLiteral("sel.reg"));
  QFile f(region_);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("# Region file format: DS9 version 4.1\nfk5\ncircle(202.0,47.0,1800\")\n"
          "circle(13:36:00.0,+48:00:00,0.3d)\n-circle(202.0,47.0,6')\n");
}

void TestCatalogQuery::oracle_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("query");
  const std::pair<const char*, QString> cases[] = {
      {"and", QStringLiteral("sc_det_ml > 10 AND sc_ext_ml < 5")},
      {"case", QStringLiteral("SC_DET_ML >= 10 and Sc_Ext_Ml <= 5")},
      {"precedence", QStringLiteral("sc_det_ml > 50 OR sc_ext_ml > 20 AND n_detections > 2")},
      {"parens", QStringLiteral("(sc_det_ml > 50 || sc_ext_ml > 20) && n_detections > 2")},
      {"not", QStringLiteral("NOT sc_det_ml > 10")},
      {"ne", QStringLiteral("n_detections != 3")},
      {"ne_not_bool", QStringLiteral("n_detections <> 3 AND !(is_ulx = true)")},
      {"not_and", QStringLiteral("not is_ulx == true and sc_det_ml > 10")},
      {"in", QStringLiteral("n_detections IN {1, 3, 5}")},
      {"not_in", QStringLiteral("n_detections NOT IN {1,3}")},
      {"in_expr", QStringLiteral("n_detections - 3 in {-2, 0, 2}")},
      {"in_srcid", QStringLiteral("SRCID IN {1000005, 1000100, 1002999}")},
      {"in_str", QStringLiteral("obj_class IN {\"AGN\", 'star'}")},
      {"like_s", QStringLiteral("obj_class LIKE 's%'")},
      {"like_name", QStringLiteral("iauname like '%J1329%'")},
      {"not_like", QStringLiteral("obj_class NOT LIKE '%a_'")},
      {"str_eq", QStringLiteral("obj_class = \"galaxy\"")},
      {"str_ne", QStringLiteral("obj_class != 'AGN'")},
      {"bool_true", QStringLiteral("is_ulx = true")},
      {"bool_false", QStringLiteral("IS_ULX = FALSE")},
      {"bool_bare", QStringLiteral("is_ulx")},
      {"bool_ne", QStringLiteral("is_ulx != true")},
      {"arith1", QStringLiteral("sc_det_ml * 2 + 1 > sc_ext_ml ^ 2 - 3")},
      {"arith_neg", QStringLiteral("-sc_det_ml < -20")},
      {"arith_sqrt", QStringLiteral("sqrt(sc_det_ml) / (sc_ext_ml + 1) > 1.5")},
      {"arith_log", QStringLiteral("log10(sc_ep_8_flux) > -13.5 AND abs(sc_dec - 47.21) < 0.5")},
      {"arith_ln_exp", QStringLiteral("ln(sc_det_ml) < 2 OR exp(sc_ext_ml / 10) > 3")},
      {"arith_pow", QStringLiteral("pow(sc_det_ml, 1.5) > 100")},
      {"quoted", QStringLiteral("\"flux err\" / sc_ep_8_flux < 0.3")},
      {"backquoted", QStringLiteral("`FLUX ERR` > 1e-13")},
      {"numbers", QStringLiteral("sc_ep_8_flux > 1e-14 AND sc_ep_8_flux < 5E-13 AND sc_dec > .5e2 - 3")},
      {"is_null", QStringLiteral("sc_det_ml IS NULL")},
      {"is_not_null", QStringLiteral("n_detections IS NOT NULL AND is_ulx IS NULL")},
      {"str_null", QStringLiteral("iauname is null")},
      {"cone_deg", QStringLiteral("cone('202.48 47.21', '1deg')")},
      {"cone_sexa", QStringLiteral("cone('13:29:55.2 +47:12:36', '30arcmin')")},
      {"cone_hms", QStringLiteral("CONE('13h29m55.2s +47d12m36s', \"45'\")")},
      {"cone_spaces", QStringLiteral("cone('13 29 55.2 +47 12 36', '1800\"')")},
      {"cone3", QStringLiteral("cone(202.48, 47.21, '90arcmin') AND sc_ep_8_flux > 1e-14")},
      {"cone_comma", QStringLiteral("cone('201.5, 46.5', 0.75)")},
      {"cone_or", QStringLiteral("cone('202.48 47.21', '600 arcsec') OR sc_det_ml > 80")},
      {"box", QStringLiteral("box('202.48 47.21', '1deg', '30arcmin')")},
      {"box_square", QStringLiteral("box('13:32:00 +48:00:00', '48arcmin')")},
      {"region", QStringLiteral("region('%1')")},
      {"bare_name", QStringLiteral("M51")},
      {"bare_coords", QStringLiteral("'13:29:52.7 +47:11:43'")},
      {"name_cone", QStringLiteral("cone('M51', '0.5d') AND sc_det_ml < 100")},
  };
  for (const auto& [id, query] : cases) QTest::newRow(id) << QString::fromLatin1(id) << query;
}

void TestCatalogQuery::oracle() {
  QFETCH(QString, id);
  QFETCH(QString, query);
  if (id == u"region") query = query.arg(region_);
  QVERIFY2(expected_.contains(id), qPrintable(id));
  QueryOptions options;
  options.resolver = fakeResolver_;
  std::vector<size_t> got;
  try {
    const Query q = Query::compile(query, table_, options);
    got = q.rows();
    QCOMPARE(q.count(), got.size());
    // The single-threaded evaluation gives the same rows.
    QueryOptions one = options;
    one.threads = 1;
    QCOMPARE(Query::compile(query, table_, one).rows(), got);
    // With the table's indexes (kept across the cases, as the catalogue dock keeps them).
    QueryOptions indexed = options;
    indexed.index = index_.get();
    const Query qi = Query::compile(query, table_, indexed);
    QCOMPARE(qi.rows(), got);
    QCOMPARE(qi.count(), got.size());
    QCOMPARE(qi.mask(), q.mask());
  } catch (const Error& e) {
    QFAIL(qPrintable(QStringLiteral("%1: %2").arg(query, e.message())));
  }
  const std::vector<size_t> want = jsonRows(expected_.value(id).toArray());
  const QString diff = firstDifference(got, want);
  QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("%1: %2 (%3 rows, oracle %4)").arg(query, diff).arg(got.size()).arg(want.size())));
  QVERIFY2(!want.empty() || id == u"str_null", "the oracle selects nothing: a weak case");
}

void TestCatalogQuery::errorColumns_data() {
  QTest::addColumn<QString>("query");
  QTest::addColumn<int>("column");
  QTest::addColumn<QString>("message");
  QTest::newRow("typo") << QStringLiteral("sc_det_ml > 10 AND sc_det_mll < 5") << 20
                        << QStringLiteral("column 20: unknown column \"sc_det_mll\" (did you mean SC_DET_ML?)");
  QTest::newRow("typo2") << QStringLiteral("n_detection > 2") << 1 << QStringLiteral("did you mean N_DETECTIONS?");
  QTest::newRow("unknown far") << QStringLiteral("zzz_qqq_www > 2") << 1 << QStringLiteral("unknown column \"zzz_qqq_www\"");
  QTest::newRow("double op") << QStringLiteral("sc_det_ml > > 10") << 13 << QStringLiteral("unexpected \">\"");
  QTest::newRow("open paren") << QStringLiteral("(sc_det_ml > 10") << 16 << QStringLiteral("expected ')'");
  QTest::newRow("dangling and") << QStringLiteral("sc_det_ml > 10 AND") << 19 << QStringLiteral("ends too early");
  QTest::newRow("string vs number") << QStringLiteral("obj_class > 3") << 11 << QStringLiteral("type mismatch");
  QTest::newRow("number vs string") << QStringLiteral("sc_det_ml = 'abc'") << 11 << QStringLiteral("type mismatch");
  QTest::newRow("bool vs number") << QStringLiteral("is_ulx = 3") << 8 << QStringLiteral("type mismatch");
  QTest::newRow("bad unit") << QStringLiteral("cone('202.48 47.21', '1 parsec')") << 22 << QStringLiteral("unknown angle unit");
  QTest::newRow("function typo") << QStringLiteral("sqrtt(sc_det_ml) > 1") << 1 << QStringLiteral("did you mean sqrt?");
  QTest::newRow("in mismatch") << QStringLiteral("sc_det_ml > 10 AND n_detections IN {1, 'a'}") << 40
                               << QStringLiteral("type mismatch");
  QTest::newRow("not a condition") << QStringLiteral("sc_det_ml + 1") << 11 << QStringLiteral("needs a condition");
  QTest::newRow("like number") << QStringLiteral("obj_class LIKE 5") << 16 << QStringLiteral("quoted pattern");
  QTest::newRow("bad char") << QStringLiteral("sc_det_ml # 3") << 11 << QStringLiteral("unexpected character '#'");
  QTest::newRow("unterminated") << QStringLiteral("obj_class = 'abc") << 13 << QStringLiteral("unterminated string");
  QTest::newRow("unknown name") << QStringLiteral("sc_det_ml > 1 AND cone('Nowhere X', '1deg')") << 24
                                << QStringLiteral("cannot resolve \"Nowhere X\"");
  QTest::newRow("missing and") << QStringLiteral("sc_det_ml > 1 sc_ext_ml < 2") << 15 << QStringLiteral("missing AND/OR");
  QTest::newRow("region missing") << QStringLiteral("region('/nonexistent/x.reg')") << 8 << QStringLiteral("x.reg");
  QTest::newRow("empty") << QStringLiteral("   ") << 1 << QStringLiteral("empty");
}

void TestCatalogQuery::errorColumns() {
  QFETCH(QString, query);
  QFETCH(int, column);
  QFETCH(QString, message);
  QueryOptions options;
  options.resolver = fakeResolver_;
  try {
    (void)Query::compile(query, table_, options);
    QFAIL(qPrintable(QStringLiteral("no error for %1").arg(query)));
  } catch (const QueryError& e) {
    QCOMPARE(e.column(), column);
    QVERIFY2(e.message().startsWith(QStringLiteral("column %1: ").arg(column)), qPrintable(e.message()));
    QVERIFY2(e.message().contains(message), qPrintable(e.message()));
  }
}

void TestCatalogQuery::anglesAndTargets() {
  auto angle = [](const char* t) { return parseAngle(QString::fromUtf8(t)).value_or(-1); };
  XSKY_COMPARE_NEAR(angle("1deg"), 1.0, 1e-15);
  XSKY_COMPARE_NEAR(angle("2.5d"), 2.5, 1e-15);
  XSKY_COMPARE_NEAR(angle("10arcmin"), 10.0 / 60, 1e-15);
  XSKY_COMPARE_NEAR(angle("10'"), 10.0 / 60, 1e-15);
  XSKY_COMPARE_NEAR(angle("30arcsec"), 30.0 / 3600, 1e-15);
  XSKY_COMPARE_NEAR(angle("30\""), 30.0 / 3600, 1e-15);
  XSKY_COMPARE_NEAR(angle("1.5e1 arcsec"), 15.0 / 3600, 1e-15);
  XSKY_COMPARE_NEAR(angle("0.25"), 0.25, 1e-15);
  QVERIFY(!parseAngle(QStringLiteral("1 parsec")));
  QVERIFY(!parseAngle(QStringLiteral("-1deg")));
  QVERIFY(!parseAngle(QStringLiteral("deg")));
  const char* forms[] = {"202.48 47.21", "202.48, 47.21", "13:29:55.2 +47:12:36", "13h29m55.2s +47d12m36s",
                         "13 29 55.2 +47 12 36"};
  for (const char* f : forms) {
    const auto p = parseSkyCoordinates(QString::fromLatin1(f));
    QVERIFY2(p, f);
    XSKY_COMPARE_NEAR(p->lon, 202.48, 1e-9);
    XSKY_COMPARE_NEAR(p->lat, 47.21, 1e-9);
  }
  const auto south = parseSkyCoordinates(QStringLiteral("05:34:31.94 -22:00:52.2"));
  QVERIFY(south);
  XSKY_COMPARE_NEAR(south->lon, 83.63308333, 1e-7);
  XSKY_COMPARE_NEAR(south->lat, -22.01450, 1e-7);
  QVERIFY(!parseSkyCoordinates(QStringLiteral("M31")));
  QVERIFY(!parseSkyCoordinates(QStringLiteral("25:00:00 +10:00:00")));
}

void TestCatalogQuery::precedenceExplained() {
  // AND binds tighter than OR, NOT tighter than AND; AND operands run cheapest first.
  const Query q = Query::compile(QStringLiteral("sc_det_ml > 50 OR NOT sc_ext_ml > 20 AND n_detections > 2"), table_);
  QCOMPARE(q.explain(), QStringLiteral("((SC_DET_ML > 50) OR ((NOT (SC_EXT_ML > 20)) AND (N_DETECTIONS > 2)))"));
  const Query p = Query::compile(QStringLiteral("-2^2 = -4 AND 2 * 3 + 1 = 7 AND is_ulx"), table_);
  QCOMPARE(p.explain(), QStringLiteral("((-4 = -4) AND (7 = 7) AND (IS_ULX = true))"));
  // A query without rows, and no table positions: clear errors, no crash.
  SourceTable empty;
  Column c(named("x"), ColumnKind::Real);
  empty.columns.push_back(c);
  QCOMPARE(Query::compile(QStringLiteral("x > 1"), empty).count(), size_t(0));
  try {
    (void)Query::compile(QStringLiteral("x > 1 AND cone('10 20', '1deg')"), empty);
    QFAIL("no error for a table without positions");
  } catch (const QueryError& e) {
    QCOMPARE(e.column(), 11);
    QVERIFY(e.message().contains(QStringLiteral("RA/Dec")));
  }
}

void TestCatalogQuery::largeTableThreads() {
  // 300,000 rows (several parallel chunks, a ragged last block) give the same rows threaded or not.
  SourceTable t;
  Column a(named("a"), ColumnKind::Real), n(named("n"), ColumnKind::Integer);
  const size_t rows = 300'001;
  for (size_t i = 0; i < rows; ++i) {
    a.reals.push_back(std::fmod(static_cast<double>(i) * 0.618034, 1.0));
    n.integers.push_back(static_cast<int64_t>(i % 7));
  }
  n.nullMask.assign(rows, 0);
  for (size_t i = 0; i < rows; i += 11) n.setNull(i);
  t.columns.push_back(std::move(a));
  t.columns.push_back(std::move(n));
  size_t expected = 0;
  for (size_t i = 0; i < rows; ++i) {
    const double x = t.columns[0].reals[i];
    const bool nNull = i % 11 == 0;
    expected += (x > 0.3 && !nNull && t.columns[1].integers[i] != 3) || x > 0.95;
  }
  QueryOptions one;
  one.threads = 1;
  const QString text = QStringLiteral("a > 0.3 AND n != 3 OR a > 0.95");
  QCOMPARE(Query::compile(text, t).count(), expected);
  QCOMPARE(Query::compile(text, t, one).mask(), Query::compile(text, t).mask());
}

void TestCatalogQuery::indexedEqualsScan() {
  // The indexed path must select exactly the rows the scan does, on data made to hit its edges:
  // ties (integers, repeated reals), NaN and nulls, infinities, zeros of both signs and negative
  // values under log10/ln/sqrt, positions across RA 0/360, at the poles and with RA outside
  // [0, 360), thresholds equal to values present, and constants on the left.
  SourceTable t;
  Column x(named("x"), ColumnKind::Real), k(named("k"), ColumnKind::Integer), f(named("f"), ColumnKind::Real);
  Column ra(named("ra"), ColumnKind::Real), dec(named("dec"), ColumnKind::Real);
  ra.meta.ucd = QStringLiteral("pos.eq.ra;meta.main");
  dec.meta.ucd = QStringLiteral("pos.eq.dec;meta.main");
  ra.meta.unit = dec.meta.unit = QStringLiteral("deg");
  const size_t rows = 200'003;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  k.nullMask.assign(rows, 0);
  for (size_t i = 0; i < rows; ++i) {
    const double r = u(rng);
    x.reals.push_back(r < 0.02 ? std::nan("") : r < 0.03 ? (r < 0.025 ? -0.0 : 0.0) : r < 0.031 ? INFINITY
                                : std::round(u(rng) * 2000) / 100 - 5);
    k.integers.push_back(static_cast<int64_t>(u(rng) * 10));
    f.reals.push_back(std::pow(10.0, -16 + 5 * u(rng)) * (u(rng) < 0.05 ? -1 : 1));
    const double zone = u(rng);
    if (zone < 0.3) {  // around RA 0
      ra.reals.push_back(std::fmod(360 + (u(rng) - 0.5) * 4, 360.0));
      dec.reals.push_back((u(rng) - 0.5) * 4);
    } else if (zone < 0.4) {  // near the north pole
      ra.reals.push_back(u(rng) * 360);
      dec.reals.push_back(88 + 2 * u(rng));
    } else if (zone < 0.401) {  // RA outside [0, 360) and no positions
      ra.reals.push_back(u(rng) < 0.5 ? 360 + u(rng) : std::nan(""));
      dec.reals.push_back((u(rng) - 0.5) * 2);
    } else {
      ra.reals.push_back(200 + 10 * u(rng));
      dec.reals.push_back(40 + 10 * u(rng));
    }
  }
  for (size_t i = 0; i < rows; i += 13) k.setNull(i);
  for (Column* c : {&x, &k, &f, &ra, &dec}) t.columns.push_back(std::move(*c));
  TableIndex index(t);
  const QString queries[] = {
      QStringLiteral("x > 1.5"), QStringLiteral("x >= 1.5"), QStringLiteral("x < 1.5"), QStringLiteral("x <= -5"),
      QStringLiteral("x = 0"), QStringLiteral("x != 0"), QStringLiteral("x = 1e300"), QStringLiteral("x < 1e300"),
      QStringLiteral("2 < x"), QStringLiteral("15 >= x AND x > -1"), QStringLiteral("NOT x > 3"),
      QStringLiteral("k = 3"), QStringLiteral("k != 3"), QStringLiteral("k >= 9"), QStringLiteral("k IN {1, 4, 7}"),
      QStringLiteral("k NOT IN {0, 2}"), QStringLiteral("k IS NULL"), QStringLiteral("x IS NOT NULL"),
      QStringLiteral("log10(f) > -13"), QStringLiteral("log10(f) <= -14.5"), QStringLiteral("ln(f) = ln(f)"),
      QStringLiteral("sqrt(x) < 2"), QStringLiteral("sqrt(x) != 0"), QStringLiteral("exp(x) >= 1"),
      QStringLiteral("log10(x) < 0.5"), QStringLiteral("-13 < log10(f)"),
      QStringLiteral("x > 1 AND k < 5 OR log10(f) > -12"), QStringLiteral("x * 2 > k AND x > 0"),
      QStringLiteral("(x > 1 OR abs(x) < 0.5) AND NOT k = 2"), QStringLiteral("abs(x) < 1 OR k = 1"),
      QStringLiteral("abs(x) < 3 AND k = 3"), QStringLiteral("x * x < 4 AND k IN {2, 5} AND NOT cone('0.5 0.5', '1deg')"),
      QStringLiteral("cone('0.5 0.5', '1deg')"), QStringLiteral("cone('359.8 -1', '30arcmin') AND x > 0"),
      QStringLiteral("cone('0 90', '1.5deg')"), QStringLiteral("cone('123 89.5', '1deg') OR k = 0"),
      QStringLiteral("cone('0.5 0', '1deg')"), QStringLiteral("box('0 0', '2deg', '1deg')"),
      QStringLiteral("cone('205 45', '2deg') AND NOT cone('205 45', '1deg')"), QStringLiteral("cone('205 45', '200deg')"),
  };
  QueryOptions one, withIndex;
  one.threads = 1;
  withIndex.index = &index;
  // Built in the background (the catalogue dock's way): the first queries scan, later ones use it.
  TableIndex background(t, TableIndex::Build::InBackground);
  QueryOptions withBackground;
  withBackground.index = &background;
  for (const QString& text : {queries[0], queries[17], queries[30]}) {
    const std::vector<uint8_t> scanned = Query::compile(text, t, one).mask();
    QCOMPARE(Query::compile(text, t, withBackground).mask(), scanned);
    background.waitForBuilds();
    QCOMPARE(Query::compile(text, t, withBackground).mask(), scanned);
  }
  for (const QString& text : queries) {
    const std::vector<uint8_t> scanned = Query::compile(text, t, one).mask();
    QVERIFY2(std::find(scanned.begin(), scanned.end(), 1) != scanned.end() || text.startsWith(QStringLiteral("x = 1e300")),
             qPrintable(text + QStringLiteral(": selects nothing")));
    const Query q = Query::compile(text, t, withIndex);
    const std::vector<uint8_t> got = q.mask();
    size_t differ = 0, first = rows;
    for (size_t i = 0; i < rows; ++i) {
      if (got[i] != scanned[i]) {
        ++differ;
        first = std::min(first, i);
      }
    }
    QVERIFY2(differ == 0, qPrintable(QStringLiteral("%1: %2 rows differ, first %3").arg(text).arg(differ).arg(first)));
    QCOMPARE(q.count(), static_cast<size_t>(std::count(scanned.begin(), scanned.end(), 1)));
  }
}

void TestCatalogQuery::sesame() {
  QTemporaryDir root;
  SesameOptions options;
  options.cachePath = root.filePath(QStringLiteral("cache/names.json"));
  options.timeoutMs = 5000;
  QString deadUrl;
  {
    test::LocalHttpServer server(root.path());
    server.setHandler([](const QString& path, const QString& query) -> std::optional<QByteArray> {
      if (path != u"/sesame") return std::nullopt;
      if (query == u"M31") return sesameXml(QStringLiteral("M31"), 10.684708, 41.268750);
      if (query == u"NGC 4151") return sesameXml(QStringLiteral("NGC 4151"), 182.635745, 39.405730);
      return sesameNothing(query);
    });
    options.baseUrl = server.url(QStringLiteral("sesame"));
    deadUrl = options.baseUrl;
    SesameResolver resolver(options);
    QString error;
    const auto m31 = resolver.resolve(QStringLiteral("M31"), &error);
    QVERIFY2(m31, qPrintable(error));
    XSKY_COMPARE_NEAR(m31->lon, 10.684708, 1e-9);
    XSKY_COMPARE_NEAR(m31->lat, 41.268750, 1e-9);
    const auto ngc = resolver.resolve(QStringLiteral("NGC 4151"), &error);  // a blank, percent-encoded
    QVERIFY2(ngc, qPrintable(error));
    XSKY_COMPARE_NEAR(ngc->lon, 182.635745, 1e-9);
    QCOMPARE(server.requests().size(), 2);
    // Cache hit: no new request, whatever the case and blanks.
    QVERIFY(resolver.resolve(QStringLiteral("  m31 "), &error));
    QCOMPARE(server.requests().size(), 2);
    // Unknown name.
    QVERIFY(!resolver.resolve(QStringLiteral("Nowhere X"), &error));
    QVERIFY2(error.contains(QStringLiteral("cannot resolve \"Nowhere X\"")) && error.contains(QStringLiteral("does not know")),
             qPrintable(error));
    // Through a query.
    QueryOptions q;
    q.resolver = resolver.function();
    QVERIFY(Query::compile(QStringLiteral("cone('NGC 4151', '2deg')"), table_, q).count() == 0);
  }
  // The server is gone: cached names still resolve, others say why they cannot.
  QVERIFY(QFile::exists(options.cachePath));
  SesameResolver offline(options);
  QString error;
  const auto cached = offline.resolve(QStringLiteral("M31"), &error);
  QVERIFY2(cached, qPrintable(error));
  XSKY_COMPARE_NEAR(cached->lat, 41.268750, 1e-9);
  QVERIFY(!offline.resolve(QStringLiteral("M82"), &error));
  QVERIFY2(error.startsWith(QStringLiteral("cannot resolve \"M82\": the name service is unreachable (offline?) and "
                                           "the name is not in the local cache")),
           qPrintable(error));
  // The parser puts the message at the target's column.
  QueryOptions q;
  q.resolver = offline.function();
  try {
    (void)Query::compile(QStringLiteral("sc_det_ml > 1 AND cone('M82', '1deg')"), table_, q);
    QFAIL("no error");
  } catch (const QueryError& e) {
    QCOMPARE(e.column(), 24);
    QVERIFY(e.message().contains(QStringLiteral("unreachable")));
  }
  // parseSesameXml takes the first resolver that has a position.
  const QByteArray two = QByteArray("<Sesame><Target><name>x</name><Resolver name=\"S=Simbad\"><INFO>*** Nothing found"
                                    "</INFO></Resolver><Resolver name=\"N=NED\"><jradeg>1.5</jradeg><jdedeg>-2.25</jdedeg>"
                                    "</Resolver></Target></Sesame>");
  const auto a = parseSesameXml(two);
  QVERIFY(a);
  QCOMPARE(a->resolver, QStringLiteral("N=NED"));
  QCOMPARE(a->position.lat, -2.25);
  QVERIFY(!parseSesameXml("<Sesame><Target><Resolver name=\"S\"/></Target></Sesame>"));
  QVERIFY(!parseSesameXml("not xml"));
}

void TestCatalogQuery::demoCatalogue() {
  // The simulator's 4XMM-like source list of the demo field: the query examples select the rows
  // astropy and NumPy select directly (tests/oracles/demo_catalogue_oracle.py), scanned and indexed.
  QTemporaryDir demo;
  sim::simulateDemoSky(demo.path(), sim::SimulationOptions{});
  const QString file = QDir(demo.path()).filePath(QStringLiteral("catalogue/xsky_demo_4xmm.fits"));
  const SourceTable t = readFitsTable(file);
  QCOMPARE(t.rowCount(), size_t(71));
  const QJsonObject expected =
      QJsonDocument::fromJson(test::runPython(QStringLiteral("oracles/demo_catalogue_oracle.py"), {file})).object();
  QCOMPARE(expected.size(), 7);
  TableIndex index(t);
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::vector<size_t> want = jsonRows(it.value().toArray());
    QVERIFY2(!want.empty(), qPrintable(it.key() + QStringLiteral(": selects nothing, a weak case")));
    QueryOptions scan, indexed;
    indexed.index = &index;
    QCOMPARE(Query::compile(it.key(), t, scan).rows(), want);
    QCOMPARE(Query::compile(it.key(), t, indexed).rows(), want);
  }
}

void TestCatalogQuery::cli() {
  QTemporaryDir tmp;
  const QString query = QStringLiteral("sc_det_ml > 10 AND cone('13:29:55.2 +47:12:36', '1deg')");
  std::vector<size_t> want;
  for (size_t r : jsonRows(expected_.value(QStringLiteral("and")).toArray())) want.push_back(r);
  // --json: every matching row with every column.
  QByteArray out, err;
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_, QStringLiteral("sc_det_ml > 10 AND sc_ext_ml < 5"),
                         QStringLiteral("--json")},
                        &out, &err),
           0);
  const QJsonObject doc = QJsonDocument::fromJson(out).object();
  QCOMPARE(doc.value(u"rows").toInteger(), qint64(want.size()));
  QCOMPARE(doc.value(u"total_rows").toInteger(), qint64(3000));
  QCOMPARE(jsonRows(doc.value(u"row_indices").toArray()), want);
  QCOMPARE(doc.value(u"columns").toArray().size(), qsizetype(table_.columnCount()));
  QCOMPARE(doc.value(u"columns").toArray().at(0).toObject().value(u"name").toString(), QStringLiteral("SRCID"));
  QCOMPARE(doc.value(u"data").toArray().size(), qsizetype(want.size()));
  QCOMPARE(doc.value(u"data").toArray().at(0).toArray().at(0).toInteger(), qint64(1000000 + want.front()));
  // The FITS copy gives the same rows (--hdu 1: the first extension).
  QCOMPARE(test::runCli({QStringLiteral("query"), fits_, QStringLiteral("sc_det_ml > 10 AND sc_ext_ml < 5"),
                         QStringLiteral("--json"), QStringLiteral("--hdu"), QStringLiteral("1")},
                        &out, &err),
           0);
  QCOMPARE(jsonRows(QJsonDocument::fromJson(out).object().value(u"row_indices").toArray()), want);
  // --votable: the matching rows, read back by astropy.
  const QString sel = tmp.filePath(QStringLiteral("sel.vot"));
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_, query, QStringLiteral("--votable"), sel}, &out, &err), 0);
  const Query q = Query::compile(query, table_);
  const std::vector<size_t> rows = q.rows();
  QVERIFY(!rows.empty());
  QVERIFY2(out.startsWith(QStringLiteral("%1 of 3000 rows match").arg(rows.size()).toUtf8()), out.constData());
  const QJsonArray srcids = QJsonDocument::fromJson(test::runPython(kOracle, {QStringLiteral("srcids"), sel})).array();
  QCOMPARE(srcids.size(), qsizetype(rows.size()));
  for (qsizetype i = 0; i < srcids.size(); ++i) QCOMPARE(srcids[i].toInteger(), qint64(1000000 + rows[size_t(i)]));
  // Default text output.
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_, QStringLiteral("srcid in {1000005}")}, &out, &err), 0);
  QVERIFY2(out.contains("1 of 3000 rows match") && out.contains("SRCID") && out.contains("1000005"), out.constData());
  // A bad expression: exit 1 with the column; bad usage: exit 2.
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_, QStringLiteral("sc_det_ml > 10 AND sc_det_mll < 5")}, &out, &err), 1);
  QVERIFY2(err.contains("column 20: unknown column \"sc_det_mll\" (did you mean SC_DET_ML?)"), err.constData());
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_}, &out, &err), 2);
  QCOMPARE(test::runCli({QStringLiteral("query"), vot_, QStringLiteral("x"), QStringLiteral("--json"),
                         QStringLiteral("--votable"), sel},
                        &out, &err),
           2);
  QCOMPARE(test::runCli({QStringLiteral("query"), tmp.filePath(QStringLiteral("none.vot")), QStringLiteral("a > 1")}, &out, &err), 1);
  // A bare name through Sesame (local server; the cache in a temporary folder).
  test::LocalHttpServer server(tmp.path());
  server.setHandler([](const QString&, const QString& name) -> std::optional<QByteArray> {
    return name == u"M51" ? sesameXml(name, 202.4696, 47.1952) : sesameNothing(name);
  });
  qputenv("XSKY_SESAME_URL", server.url(QStringLiteral("sesame")).toUtf8());
  qputenv("XSKY_CACHE_DIR", tmp.filePath(QStringLiteral("cache")).toUtf8());
  const int code = test::runCli({QStringLiteral("query"), vot_, QStringLiteral("M51"), QStringLiteral("--json")}, &out, &err);
  qunsetenv("XSKY_SESAME_URL");
  qunsetenv("XSKY_CACHE_DIR");
  QCOMPARE(code, 0);
  QCOMPARE(jsonRows(QJsonDocument::fromJson(out).object().value(u"row_indices").toArray()),
           jsonRows(expected_.value(QStringLiteral("bare_name")).toArray()));
  QVERIFY(QFile::exists(tmp.filePath(QStringLiteral("cache/names.json"))));
}

QTEST_GUILESS_MAIN(TestCatalogQuery)
#include "tst_catalog_query.moc"
