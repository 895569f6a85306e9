// The observation index (core/archive): the SQLite store, the scanner and the in-memory query.
//  - real data: the four XMM-Newton MOS lists of RXCJ0958.3-1103 and Chandra's M82 list; a
//    small circle at each target lists exactly the observations of that target;
//  - the demo archive: circles around truth.json's sources list exactly the cameras whose CCDs
//    hold the source (inside a field), none for a source in a CCD gap of that camera, nothing
//    outside all fields; and a date range keeps only the observation of those dates;
//  - bad input: a locked database and a corrupt one give a clear error and stay byte-identical;
//    an unreadable file is skipped with its reason while the scan goes on; re-adding is
//    incremental (unchanged files are not read again, a changed file is replaced).

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <healpix_cxx/healpix_base.h>

#include <array>
#include <cmath>

#include "TestSupport.h"
#include "archive/FootprintBlob.h"
#include "archive/FootprintIndex.h"
#include "archive/ObservationDates.h"
#include "archive/ObservationIndex.h"
#include "archive/ObservationScanner.h"
#include "sim/DemoSky.h"
#include "sim/TangentPlane.h"

using namespace xsky;
using namespace xsky::archive;

namespace {

// A cone as HEALPix C++'s exact query_disc at `order` (cells whose centre lies inside).
moc::SpaceMoc circle(double raDeg, double decDeg, double radiusArcsec, int order = 16) {
  const T_Healpix_Base<int64> grid(order, NEST);
  rangeset<int64> rs;
  const double d2r = M_PI / 180.0;
  grid.query_disc(pointing((90.0 - decDeg) * d2r, raDeg * d2r), radiusArcsec / 3600.0 * d2r, rs);
  std::vector<moc::Range> ranges;
  const int shift = 2 * (moc::kMaxSpaceOrder - order);
  for (tsize i = 0; i < rs.nranges(); ++i) {
    ranges.push_back({uint64_t(rs.ivbegin(i)) << shift, uint64_t(rs.ivend(i)) << shift});
  }
  return moc::SpaceMoc::fromRanges(std::move(ranges), order);
}

QByteArray sha256Of(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// "obsid/instrument" of each hit, sorted.
QStringList hitNames(const FootprintIndex& index, const std::vector<FootprintHit>& hits) {
  QStringList names;
  for (const FootprintHit& h : hits) {
    names << index.record(h.entry).obsId + QLatin1Char('/') + index.record(h.entry).instrument;
  }
  names.sort();
  return names;
}

}  // namespace

class TestArchive : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void footprintBlobRoundTrip() {
    const std::vector<moc::Range> ranges{{0, 16}, {64, 128}, {uint64_t(11) << 56, uint64_t(12) << 56}};
    // order 27: cells of 16 order-29 units
    const QByteArray blob = encodeFootprint(ranges, 27);
    int order = -1;
    QCOMPARE(decodeFootprintRanges(blob.constData(), size_t(blob.size()), &order), ranges);
    QCOMPARE(order, 27);
    QVERIFY(blob.size() < 32);  // the far range's gap takes 9 bytes
    QVERIFY_THROWS_EXCEPTION(Error, decodeFootprintRanges(blob.constData(), size_t(blob.size() - 1), nullptr));
    QVERIFY_THROWS_EXCEPTION(Error, decodeFootprintRanges("XMR1", 4, nullptr));
    QByteArray bad = blob;
    bad[4] = 30;  // order above 29
    QVERIFY_THROWS_EXCEPTION(Error, decodeFootprintRanges(bad.constData(), size_t(bad.size()), nullptr));
  }

  void dates() {
    XSKY_COMPARE_NEAR(*mjdOfIsoDate(QStringLiteral("2019-04-21")), 58594.0, 1e-9);
    XSKY_COMPARE_NEAR(*mjdOfIsoDate(QStringLiteral("2004-05-09T16:07:05")), 53134.0 + (16 * 3600 + 7 * 60 + 5) / 86400.0, 1e-8);
    QVERIFY(!mjdOfIsoDate(QStringLiteral("yesterday")));
    XSKY_COMPARE_NEAR(parseDateArgument(QStringLiteral("2019-04-21"), true), 58595.0, 1e-9);
    XSKY_COMPARE_NEAR(parseDateArgument(QStringLiteral("58000.5")), 58000.5, 0);
    QCOMPARE(isoDateOfMjd(58594.5), QStringLiteral("2019-04-21T12:00:00.000"));
    QVERIFY_THROWS_EXCEPTION(Error, parseDateArgument(QStringLiteral("2019-13-45")));
  }

  void storeAndReadBack() {
    const QString path = dir_.filePath(QStringLiteral("roundtrip.sqlite"));
    ObservationRecord r;
    r.obsId = QStringLiteral("0123456789");
    r.instrument = QStringLiteral("EPN");
    r.raPointing = 10.5;
    r.decPointing = -20.25;
    r.mjdStart = 58000;
    r.mjdEnd = 58000.5;
    r.exposure = 12345;
    r.location = QStringLiteral("/data/x.fits");
    r.checksum = QStringLiteral("sha256:00");
    r.footprint = circle(10.5, -20.25, 900, 12);
    {
      ObservationIndex db(path);
      db.store(r);
      QVERIFY(r.id > 0);
      r.exposure = 999;  // same location: replaced, not added
      db.store(r);
      QCOMPARE(db.count(), 1LL);
    }
    ObservationIndex db(path, {.readOnly = true});
    const auto back = db.findByLocation(QStringLiteral("/data/x.fits"), true);
    QVERIFY(back.has_value());
    QCOMPARE(back->obsId, r.obsId);
    QCOMPARE(back->exposure, 999.0);
    QCOMPARE(back->raPointing, 10.5);
    QVERIFY(std::isnan(ObservationRecord().raPointing));
    QCOMPARE(back->footprint, r.footprint);
    QCOMPARE(back->footprintOrder, 12);
    QVERIFY_THROWS_EXCEPTION(Error, db.store(r));  // read-only
  }

  void realEventLists() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: the real event lists are needed");
    const QString events = test::sharedData(QStringLiteral("events/"));
    const QStringList files{events + QStringLiteral("XGA__0201901401_mos1_exp1_clean_evts.fits"),
                            events + QStringLiteral("XGA__0201901401_mos2_exp1_clean_evts.fits"),
                            events + QStringLiteral("XGA__0201903501_mos1_exp1_clean_evts.fits"),
                            events + QStringLiteral("XGA__0404910601_mos1_exp1_clean_evts.fits"),
                            events + QStringLiteral("stingray__chandra_test.fits")};
    ObservationIndex db(dir_.filePath(QStringLiteral("real.sqlite")));
    const ScanReport report = indexFiles(db, files);
    for (const ScannedFile& f : report.files) {
      QVERIFY2(f.status == ScannedFile::Status::Added, qPrintable(f.path + QStringLiteral(": ") + f.reason));
    }
    const FootprintIndex index = FootprintIndex::fromDatabase(db);
    QCOMPARE(index.size(), size_t(5));
    const auto chandra = db.findByLocation(files[4]);
    QVERIFY(chandra);
    QCOMPARE(chandra->obsId, QStringLiteral("10027"));
    QCOMPARE(chandra->target, QStringLiteral("M82"));
    QCOMPARE(chandra->mission, QStringLiteral("CHANDRA"));
    QVERIFY(chandra->checksum.startsWith(QLatin1String("sha256:")) && chandra->checksum.size() == 71);
    const auto mos = db.findByLocation(files[0]);
    QCOMPARE(mos->filter, QStringLiteral("Thin1"));
    QCOMPARE(mos->mode, QStringLiteral("PrimeFullWindow"));
    QCOMPARE(mos->dateStart, QStringLiteral("2004-05-09T16:07:05"));
    XSKY_COMPARE_NEAR(mos->raPointing, 149.6005, 1e-6);

    // RXCJ0958.3-1103 (RA_OBJ/DEC_OBJ of the XMM headers): the three XMM observations, four lists.
    const QStringList cluster = hitNames(index, index.query(circle(149.5922925, -11.0597, 30)));
    QCOMPARE(cluster, (QStringList{"0201901401/EMOS1", "0201901401/EMOS2", "0201903501/EMOS1",
                                   "0404910601/EMOS1"}));
    // The brightest point of the Chandra list (its footprint is a cut-out near M82).
    const QStringList m82 = hitNames(index, index.query(circle(chandraCentre_.ra, chandraCentre_.dec, 10)));
    QCOMPARE(m82, QStringList{QStringLiteral("10027/ACIS")});
    // Far from both: nothing.
    QVERIFY(index.query(circle(30.0, 30.0, 60)).empty());
  }

  void demoArchive() {
    const QString root = dir_.filePath(QStringLiteral("demo"));
    sim::simulateDemoSky(root, {});
    QFile truthFile(root + QStringLiteral("/truth.json"));
    QVERIFY(truthFile.open(QIODevice::ReadOnly));
    const QJsonObject truth = QJsonDocument::fromJson(truthFile.readAll()).object();
    ObservationIndex db(dir_.filePath(QStringLiteral("demo.sqlite")));
    // Order 17 (1.6" cells): the 10-20" CCD gaps are resolved.
    const ScanReport report = indexFiles(db, {root}, {.footprintOrder = 17});
    QCOMPARE(report.count(ScannedFile::Status::Added), 9);
    // The demo's source list is a FITS table, not an observation: skipped, with its reason.
    QCOMPARE(report.count(ScannedFile::Status::Skipped), 1);
    for (const ScannedFile& f : report.files) {
      if (f.status == ScannedFile::Status::Skipped)
        QVERIFY2(f.path.endsWith(QStringLiteral("catalogue/xsky_demo_4xmm.fits")), qPrintable(f.path + QStringLiteral(": ") + f.reason));
    }
    const FootprintIndex index = FootprintIndex::fromDatabase(db);

    const QHash<QString, QString> instrume{{QStringLiteral("pn"), QStringLiteral("EPN")},
                                           {QStringLiteral("mos1"), QStringLiteral("EMOS1")},
                                           {QStringLiteral("mos2"), QStringLiteral("EMOS2")}};
    // Distance (arcsec) of a detector position from the nearest CCD edge: > 0 inside a CCD,
    // < 0 outside all of them (in a gap or off the array), from truth.json's camera geometry.
    const auto edgeDistance = [&](const QString& camera, double x, double y) {
      double best = -1e9;
      const QJsonObject g = truth[QStringLiteral("cameras")][camera][QStringLiteral("geometry")].toObject();
      for (const QJsonValue& cv : g[QStringLiteral("ccds")].toArray()) {
        const QJsonObject c = cv.toObject();
        const double x0 = c[QStringLiteral("x0_arcsec")].toDouble(), y0 = c[QStringLiteral("y0_arcsec")].toDouble();
        const double x1 = x0 + c[QStringLiteral("width_arcsec")].toDouble();
        const double y1 = y0 + c[QStringLiteral("height_arcsec")].toDouble();
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
          best = std::max(best, std::min({x - x0, x1 - x, y - y0, y1 - y}));
        } else {
          const double dx = std::max({x0 - x, 0.0, x - x1}), dy = std::max({y0 - y, 0.0, y - y1});
          best = std::max(best, -std::hypot(dx, dy));
        }
      }
      return best;
    };
    constexpr double kRadius = 2.0, kMargin = 3.0;  // query circle and hull slack, arcsec
    int inside = 0, gaps = 0;
    for (const QJsonValue& sv : truth[QStringLiteral("sources")].toArray()) {
      const QJsonObject s = sv.toObject();
      const double ra = s[QStringLiteral("ra")].toDouble(), dec = s[QStringLiteral("dec")].toDouble();
      QStringList expected, unexpected;
      for (const QJsonValue& ov : s[QStringLiteral("observations")].toArray()) {
        const QJsonObject o = ov.toObject();
        const QJsonObject cams = o[QStringLiteral("cameras")].toObject();
        for (auto it = cams.begin(); it != cams.end(); ++it) {
          const QJsonObject c = it.value().toObject();
          const QString name = o[QStringLiteral("obs_id")].toString() + QLatin1Char('/') + instrume[it.key()];
          const double offAxis = c[QStringLiteral("off_axis_arcmin")].toDouble() * 60.0;
          const double edge = edgeDistance(it.key(), c[QStringLiteral("detx_arcsec")].toDouble(),
                                           c[QStringLiteral("dety_arcsec")].toDouble());
          if (edge > kRadius + kMargin && offAxis < 900.0 - 60.0) {
            expected << name;
            QVERIFY(c[QStringLiteral("ccd")].toInt() != 0);
          } else if (edge < -(kRadius + kMargin) || offAxis > 900.0 + 10.0) {
            unexpected << name;
          }
        }
      }
      // A 2" circle: inside a field it lies on one CCD; in a gap (10-20" wide) it stays in the gap.
      const std::vector<FootprintHit> hits = index.query(circle(ra, dec, kRadius, 18));
      const QStringList names = hitNames(index, hits);
      for (const QString& e : expected) {
        QVERIFY2(names.contains(e), qPrintable(QStringLiteral("source %1 at %2 %3: %4 missing from %5")
                                                   .arg(s[QStringLiteral("name")].toString()).arg(ra).arg(dec)
                                                   .arg(e, names.join(QLatin1Char(',')))));
        ++inside;
      }
      for (const QString& u : unexpected) {
        QVERIFY2(!names.contains(u), qPrintable(QStringLiteral("source %1 at %2 %3: %4 should not cover it")
                                                    .arg(s[QStringLiteral("name")].toString()).arg(ra).arg(dec).arg(u)));
        ++gaps;
      }
    }
    QVERIFY(inside > 20);

    // CCD gaps: a point in the middle of a gap of each camera of each observation, placed on the
    // sky with truth.json's pointing and detector angle, is not covered by that camera, while the
    // points 30" to either side (on the neighbouring CCDs) are.
    const QList<std::pair<QString, std::array<double, 3>>> gapPoints{
        // camera, detx, dety of the gap's middle, 1 for a vertical gap (neighbours along x)
        {QStringLiteral("mos1"), {335.0, 100.0, 1}},   // central CCD | right column
        {QStringLiteral("mos2"), {-335.0, -100.0, 1}},
        {QStringLiteral("pn"), {0.0, -70.0, 0}}};      // between the two halves
    for (const QJsonValue& ov : truth[QStringLiteral("observations")].toArray()) {
      const QJsonObject o = ov.toObject();
      for (const auto& [camera, g] : gapPoints) {
        const double angle = o[QStringLiteral("cameras")][camera][QStringLiteral("detector_angle_deg")].toDouble();
        const QString name = o[QStringLiteral("obs_id")].toString() + QLatin1Char('/') + instrume[camera];
        for (double step : {0.0, -30.0, 30.0}) {
          const sim::Plane det{g[0] + (g[2] > 0 ? step : 0.0), g[1] + (g[2] > 0 ? 0.0 : step)};
          const sim::Plane sky = sim::Rotation(angle).toSky(det);
          double ra = 0, dec = 0;
          sim::fromStandard(o[QStringLiteral("ra_pnt")].toDouble(), o[QStringLiteral("dec_pnt")].toDouble(),
                            {-sky.x, sky.y}, &ra, &dec);
          const QStringList names = hitNames(index, index.query(circle(ra, dec, kRadius, 18)));
          QVERIFY2(names.contains(name) == (step != 0.0),
                   qPrintable(QStringLiteral("%1 at det (%2, %3): hits %4").arg(name).arg(det.x).arg(det.y)
                                  .arg(names.join(QLatin1Char(',')))));
          if (step == 0.0) ++gaps;
        }
      }
    }
    QVERIFY(gaps >= 9);
    qInfo("demo archive: %d source/camera pairs inside fields, %d points in gaps or outside", inside, gaps);
    // Outside all fields (2 degrees from the centre): nothing.
    const QJsonObject field = truth[QStringLiteral("field")].toObject();
    QVERIFY(index.query(circle(field[QStringLiteral("ra")].toDouble() + 2.0, field[QStringLiteral("dec")].toDouble(), 60)).empty());
    // The field centre, with a date range that holds only the second observation.
    const moc::SpaceMoc centre = circle(field[QStringLiteral("ra")].toDouble(), field[QStringLiteral("dec")].toDouble(), 20);
    FootprintQuery dates;
    dates.fromMjd = parseDateArgument(QStringLiteral("2020-11-01"));
    dates.toMjd = parseDateArgument(QStringLiteral("2020-11-30"), true);
    for (const QString& n : hitNames(index, index.query(centre, dates))) {
      QVERIFY2(n.startsWith(QLatin1String("0901230201/")), qPrintable(n));
    }
  }

  void lockedDatabaseUntouched() {
    const QString path = dir_.filePath(QStringLiteral("locked.sqlite"));
    { ObservationIndex create(path); }
    const QByteArray before = sha256Of(path);
    {
      QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
      other.setDatabaseName(path);
      QVERIFY(other.open());
      QSqlQuery q(other);
      QVERIFY(q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE")));
      QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
      try {
        ObservationIndex db(path, {.busyTimeoutMs = 200});
        QFAIL("opening a locked index should fail");
      } catch (const Error& e) {
        QVERIFY2(e.message().contains(QLatin1String("locked")), qPrintable(e.message()));
        QVERIFY2(e.message().contains(path), qPrintable(e.message()));
      }
      QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
      q.finish();
      other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    QCOMPARE(sha256Of(path), before);
  }

  void corruptDatabaseUntouched() {
    // Not an SQLite file at all.
    const QString text = dir_.filePath(QStringLiteral("notes.sqlite"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("these are my notes, not a database\n");
    f.close();
    const QByteArray before = sha256Of(text);
    try {
      ObservationIndex db(text);
      QFAIL("a text file opened as an index");
    } catch (const Error& e) {
      QVERIFY2(e.message().contains(QLatin1String("not an SQLite database")), qPrintable(e.message()));
    }
    QCOMPARE(sha256Of(text), before);

    // An SQLite header followed by garbage pages.
    const QString broken = dir_.filePath(QStringLiteral("broken.sqlite"));
    { ObservationIndex create(broken); }
    QFile b(broken);
    QVERIFY(b.open(QIODevice::ReadWrite));
    QByteArray bytes = b.readAll();
    for (qsizetype i = 100; i < bytes.size(); ++i) bytes[i] = char((i * 131) & 0xff);
    b.seek(0);
    b.write(bytes);
    b.close();
    const QByteArray brokenBefore = sha256Of(broken);
    for (bool readOnly : {false, true}) {
      try {
        ObservationIndex db(broken, {.readOnly = readOnly});
        QFAIL("a corrupt index opened");
      } catch (const Error& e) {
        QVERIFY2(e.message().contains(broken), qPrintable(e.message()));
      }
    }
    QCOMPARE(sha256Of(broken), brokenBefore);

    // Another application's SQLite database.
    const QString foreign = dir_.filePath(QStringLiteral("foreign.sqlite"));
    {
      QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
      other.setDatabaseName(foreign);
      QVERIFY(other.open());
      QSqlQuery q(other);
      QVERIFY(q.exec(QStringLiteral("CREATE TABLE things (a INTEGER)")));
      q.finish();
      other.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const QByteArray foreignBefore = sha256Of(foreign);
    QVERIFY_THROWS_EXCEPTION(Error, [&] { ObservationIndex db(foreign); }());
    QCOMPARE(sha256Of(foreign), foreignBefore);
  }

  void unreadableSkippedAndIncremental() {
    if (!test::haveSharedData()) QSKIP("../shared/data is absent: the real event lists are needed");
    const QString folder = dir_.filePath(QStringLiteral("scan"));
    QVERIFY(QDir().mkpath(folder));
    const QString good = folder + QStringLiteral("/a_mos1.fits");
    QVERIFY(QFile::copy(test::sharedData(QStringLiteral("events/XGA__0201903501_mos1_exp1_clean_evts.fits")), good));
    QFile t(folder + QStringLiteral("/b_truncated.fits"));  // a FITS header cut short
    QVERIFY(t.open(QIODevice::WriteOnly));
    t.write(QByteArray("SIMPLE  =                    T").leftJustified(200, ' '));
    t.close();
    QVERIFY(QFile::copy(test::sharedData(QStringLiteral("events/stingray__xte_test.evt.gz")),
                        folder + QStringLiteral("/c_xte.evt.gz")));  // no sky coordinates
    const QString later = folder + QStringLiteral("/d_mos1.fits");
    QVERIFY(QFile::copy(test::sharedData(QStringLiteral("events/XGA__0404910601_mos1_exp1_clean_evts.fits")), later));

    ObservationIndex db(dir_.filePath(QStringLiteral("scan.sqlite")));
    ScanReport r = indexFiles(db, {folder, folder + QStringLiteral("/missing.fits")});
    QCOMPARE(int(r.files.size()), 5);
    QCOMPARE(r.files[0].status, ScannedFile::Status::Added);
    QCOMPARE(r.files[1].status, ScannedFile::Status::Skipped);
    QVERIFY2(!r.files[1].reason.isEmpty(), "a skipped file needs its reason");
    QCOMPARE(r.files[2].status, ScannedFile::Status::Skipped);
    QVERIFY2(r.files[2].reason.contains(QLatin1String("sky")), qPrintable(r.files[2].reason));
    QCOMPARE(r.files[3].status, ScannedFile::Status::Added);  // the scan went on
    QCOMPARE(r.files[4].status, ScannedFile::Status::Skipped);
    QVERIFY2(r.files[4].reason.contains(QLatin1String("no such file")), qPrintable(r.files[4].reason));
    QCOMPARE(db.count(), 2LL);

    // Again: nothing is read (same size and time).
    r = indexFiles(db, {folder});
    QCOMPARE(r.files[0].status, ScannedFile::Status::Unchanged);
    QCOMPARE(r.files[3].status, ScannedFile::Status::Unchanged);
    // Touched but identical: recognised by its checksum.
    QFile touched(good);
    QVERIFY(touched.open(QIODevice::ReadWrite));
    QVERIFY(touched.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60), QFileDevice::FileModificationTime));
    touched.close();
    r = indexFiles(db, {good});
    QCOMPARE(r.files[0].status, ScannedFile::Status::Unchanged);
    QCOMPARE(r.files[0].reason, QStringLiteral("same checksum"));
    // Replaced by another observation's list: read again, row updated in place.
    const long long id = db.findByLocation(later)->id;
    QVERIFY(QFile::remove(later));
    QVERIFY(QFile::copy(test::sharedData(QStringLiteral("events/XGA__0201901401_mos2_exp1_clean_evts.fits")), later));
    r = indexFiles(db, {later});
    QCOMPARE(r.files[0].status, ScannedFile::Status::Updated);
    QCOMPARE(db.findByLocation(later)->id, id);
    QCOMPARE(db.findByLocation(later)->instrument, QStringLiteral("EMOS2"));
    QCOMPARE(db.count(), 2LL);
  }

 private:
  QTemporaryDir dir_;
  struct {
    double ra = 148.9685, dec = 69.6797;
  } chandraCentre_;
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"
