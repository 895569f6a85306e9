// Remote archives over HTTP (core/archive/DownloadCache.h, ArchiveListing.h and `xsky-cli index
// import|export|fetch`), against a real HTTP server on 127.0.0.1 that the test starts and stops
// (tests/support/LocalHttpServer.h) serving the demo archive the simulator writes. What users rely
// on: a downloaded file is byte-for-byte the archive's; a broken transfer resumes where it broke
// (an HTTP Range request) and a server without Range support still gives the right file; an
// unreachable host, a 404, a checksum mismatch, a file over the size limit and a cancel each give
// a clear message and leave no half file among the finished ones; an imported listing makes the
// same index (same footprints, so the same query answers) as indexing the files locally.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "archive/ArchiveListing.h"
#include "archive/DownloadCache.h"
#include "archive/FileChecksum.h"
#include "archive/ObservationIndex.h"
#include "archive/ObservationScanner.h"
#include "moc/MocIo.h"

using namespace xsky::archive;
using xsky::test::LocalHttpServer;
using xsky::test::runCli;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every regular file under a folder (the finished downloads of a cache).
QStringList filesUnder(const QString& dir) {
  QStringList out;
  QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) out << it.next();
  return out;
}

}  // namespace

class TestArchiveRemote : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    archive_ = dir_.filePath(QStringLiteral("archive"));
    QByteArray out, err;
    QCOMPARE(runCli({QStringLiteral("simulate"), QStringLiteral("-o"), archive_}, &out, &err), 0);
    localDb_ = dir_.filePath(QStringLiteral("local.sqlite"));
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("add"), QStringLiteral("--index"), localDb_, archive_},
                    &out, &err),
             0);
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("export"), QStringLiteral("--index"), localDb_,
                     QStringLiteral("-o"), archive_ + QStringLiteral("/listing.json")},
                    &out, &err),
             0);
    server_ = std::make_unique<LocalHttpServer>(archive_);
  }

  void cleanupTestCase() { server_.reset(); }

  void init() {
    server_->clearRequests();
    server_->setIgnoreRange(false);
    cacheDir_ = std::make_unique<QTemporaryDir>();
  }

  void downloadsWholeVerifiedFileOnce() {
    const QString rel = QStringLiteral("0901230101/pn_events.fits");
    const QString original = archive_ + QLatin1Char('/') + rel;
    DownloadCache cache(cacheDir_->path());
    DownloadRequest request;
    request.url = server_->url(rel);
    request.expectedChecksum = fileChecksum(original);
    request.expectedSize = QFileInfo(original).size();
    QStringList stages;
    const DownloadResult got = cache.fetch(request, [&](double, const QString& stage) {
      stages << stage;
      return true;
    });
    QVERIFY(!got.fromCache);
    QCOMPARE(readAll(got.path), readAll(original));
    QCOMPARE(got.bytesTransferred, QFileInfo(original).size());
    QVERIFY(got.path.startsWith(cacheDir_->path() + QStringLiteral("/files/")));
    QVERIFY(!stages.isEmpty() && stages.last().contains(QLatin1String("pn_events.fits")));
    QCOMPARE(server_->requests().size(), 1);
    // Asked again: answered from the cache without a request.
    const DownloadResult again = cache.fetch(request);
    QVERIFY(again.fromCache);
    QCOMPARE(again.path, got.path);
    QCOMPARE(server_->requests().size(), 1);
    QCOMPARE(filesUnder(cacheDir_->path() + QStringLiteral("/partial")).filter(QStringLiteral(".part")).size(), 0);
  }

  void resumesBrokenTransferWithRange() {
    const QString rel = QStringLiteral("0901230101/mos1_events.fits");
    const QString original = archive_ + QLatin1Char('/') + rel;
    server_->breakOffAfter(rel, 100000, 1);
    DownloadCache cache(cacheDir_->path());
    const DownloadResult got = cache.fetch({server_->url(rel), fileChecksum(original)});
    QCOMPARE(readAll(got.path), readAll(original));
    QVERIFY(got.resumed);
    const auto log = server_->requests();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].status, 200);
    QCOMPARE(log[1].range, QStringLiteral("bytes=100000-"));
    QCOMPARE(log[1].status, 206);
    QCOMPARE(got.bytesTransferred, QFileInfo(original).size());  // nothing fetched twice
  }

  void keepsPartWhenTheNetworkKeepsFailingAndResumesLater() {
    const QString rel = QStringLiteral("0901230201/mos2_events.fits");
    const QString original = archive_ + QLatin1Char('/') + rel;
    server_->breakOffAfter(rel, 50000, 4);  // every attempt of one fetch breaks off
    DownloadCache cache(cacheDir_->path());
    const QString url = server_->url(rel);
    try {
      cache.fetch({url, fileChecksum(original)});
      QFAIL("a transfer that always breaks off must fail");
    } catch (const xsky::Error& e) {
      QVERIFY2(e.message().contains(QLatin1String("broke off")), qPrintable(e.message()));
      QVERIFY2(e.message().contains(url), qPrintable(e.message()));
    }
    QCOMPARE(cache.partialBytes(url), 200000LL);
    QVERIFY(!QFileInfo::exists(cache.pathFor(url)));  // no half file among the finished ones
    server_->clearRequests();
    const DownloadResult got = cache.fetch({url, fileChecksum(original)});  // the network is back
    QVERIFY(got.resumed);
    QCOMPARE(server_->requests().value(0).range, QStringLiteral("bytes=200000-"));
    QCOMPARE(readAll(got.path), readAll(original));
    QCOMPARE(cache.partialBytes(url), 0LL);
  }

  void serverWithoutRangeSupportStillGivesTheFile() {
    const QString rel = QStringLiteral("0901230301/pn_events.fits");
    const QString original = archive_ + QLatin1Char('/') + rel;
    server_->setIgnoreRange(true);
    server_->breakOffAfter(rel, 300000, 1);
    DownloadCache cache(cacheDir_->path());
    const DownloadResult got = cache.fetch({server_->url(rel), fileChecksum(original)});
    QCOMPARE(readAll(got.path), readAll(original));
    QVERIFY(!got.resumed);  // started again from the first byte
    const auto log = server_->requests();
    QCOMPARE(log.size(), 3);  // broken; a Range request answered with the whole file; again from 0
    QCOMPARE(log[1].range, QStringLiteral("bytes=300000-"));
    QCOMPARE(log[1].status, 200);
    QCOMPARE(log[2].range, QString());
  }

  void failuresAreClearAndLeaveNoFile_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::newRow("404") << "404" << "not found on the server (HTTP 404)";
    QTest::newRow("unreachable") << "unreachable" << "cannot be reached";
    QTest::newRow("checksum") << "checksum" << "checksum mismatch";
    QTest::newRow("size limit") << "limit" << "more than the download limit";
    QTest::newRow("listing size") << "size" << "where the archive listing says";
  }

  void failuresAreClearAndLeaveNoFile() {
    QFETCH(QString, what);
    QFETCH(QString, message);
    const QString rel = QStringLiteral("0901230101/mos2_events.fits");
    const QString original = archive_ + QLatin1Char('/') + rel;
    DownloadRequest request{server_->url(rel), fileChecksum(original)};
    if (what == QLatin1String("404")) request.url = server_->url(QStringLiteral("0901230101/no_such_events.fits"));
    if (what == QLatin1String("unreachable")) {
      QTcpServer probe;  // a port nothing listens on once closed
      QVERIFY(probe.listen(QHostAddress::LocalHost));
      const quint16 port = probe.serverPort();
      probe.close();
      request.url = QStringLiteral("http://127.0.0.1:%1/x.fits").arg(port);
    }
    if (what == QLatin1String("checksum")) server_->setCorrupt(rel, true);
    if (what == QLatin1String("limit")) request.maxBytes = 1000;
    if (what == QLatin1String("size")) request.expectedSize = QFileInfo(original).size() + 1;
    DownloadCache cache(cacheDir_->path());
    QString error;
    try {
      cache.fetch(request);
    } catch (const xsky::Error& e) {
      error = e.message();
    }
    server_->setCorrupt(rel, false);
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(request.url), qPrintable(error));
    QCOMPARE(filesUnder(cacheDir_->path() + QStringLiteral("/files")), QStringList());
    QCOMPARE(cache.partialBytes(request.url), 0LL);
  }

  void cancelLeavesNoFinishedFile() {
    const QString rel = QStringLiteral("0901230201/pn_events.fits");
    DownloadCache cache(cacheDir_->path());
    bool cancelled = false;
    try {
      cache.fetch({server_->url(rel), {}}, [](double, const QString&) { return false; });
    } catch (const xsky::Cancelled&) {
      cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY(!QFileInfo::exists(cache.pathFor(server_->url(rel))));
  }

  void importedListingEqualsLocalIndex() {
    ObservationIndex remote(dir_.filePath(QStringLiteral("remote.sqlite")));
    const ListingImportReport report = importArchiveListing(remote, server_->url(QStringLiteral("listing.json")));
    QCOMPARE(report.added, 9);
    QCOMPARE(report.warnings, QStringList());
    ObservationIndex local(localDb_, IndexOpenOptions{true});
    const auto localRows = local.records(true);
    const auto remoteRows = remote.records(true);
    QCOMPARE(remoteRows.size(), localRows.size());
    for (const ObservationRecord& l : localRows) {
      const QString rel = QDir(archive_).relativeFilePath(l.location);
      const auto r = remote.findByLocation(server_->url(rel), true);
      QVERIFY2(r.has_value(), qPrintable(rel));
      QCOMPARE(r->obsId, l.obsId);
      QCOMPARE(r->instrument, l.instrument);
      QCOMPARE(r->checksum, l.checksum);
      QCOMPARE(r->fileSize, l.fileSize);
      QCOMPARE(r->dateStart, l.dateStart);
      QCOMPARE(r->exposure, l.exposure);
      QCOMPARE(r->footprintOrder, l.footprintOrder);
      QVERIFY(r->footprint.ranges() == l.footprint.ranges());
    }
  }

  void listingWithMocFilesAndBadEntries() {
    // A listing written by hand the way other archives would: MOC FITS files beside it, one
    // entry without a URL and one with a broken MOC; those two are skipped with their reason.
    ObservationIndex local(localDb_, IndexOpenOptions{true});
    const auto rows = local.records(true);
    QDir(archive_).mkpath(QStringLiteral("mocs"));
    QJsonArray entries;
    for (size_t i = 0; i < 2; ++i) {
      const QString name = QStringLiteral("mocs/fp%1.fits").arg(i);
      xsky::moc::writeMocFits(archive_ + QLatin1Char('/') + name, rows[i].footprint);
      entries.append(QJsonObject{{QStringLiteral("url"), QDir(archive_).relativeFilePath(rows[i].location)},
                                 {QStringLiteral("obsid"), rows[i].obsId},
                                 {QStringLiteral("moc_url"), name}});
    }
    entries.append(QJsonObject{{QStringLiteral("obsid"), QStringLiteral("nourl")}, {QStringLiteral("moc"), QStringLiteral("3/1")}});
    entries.append(QJsonObject{{QStringLiteral("url"), QStringLiteral("x.fits")}, {QStringLiteral("moc"), QStringLiteral("31/1")}});
    QFile f(archive_ + QStringLiteral("/sub/listing2.json"));
    QDir(archive_).mkpath(QStringLiteral("sub"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Relative URLs resolve against the listing's own URL: from sub/, go up one level.
    for (auto&& e : entries) {
      QJsonObject o = e.toObject();
      if (o.contains(QStringLiteral("url"))) o[QStringLiteral("url")] = QStringLiteral("../") + o[QStringLiteral("url")].toString();
      if (o.contains(QStringLiteral("moc_url"))) o[QStringLiteral("moc_url")] = QStringLiteral("../") + o[QStringLiteral("moc_url")].toString();
      e = o;
    }
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("xsky-archive-listing")},
                                      {QStringLiteral("version"), 1},
                                      {QStringLiteral("observations"), entries}})
                .toJson());
    f.close();
    ObservationIndex db(dir_.filePath(QStringLiteral("mocurl.sqlite")));
    const ListingImportReport report = importArchiveListing(db, server_->url(QStringLiteral("sub/listing2.json")));
    QCOMPARE(report.added, 2);
    QCOMPARE(report.warnings.size(), 2);
    QVERIFY2(report.warnings[0].contains(QLatin1String("no \"url\"")), qPrintable(report.warnings[0]));
    QVERIFY2(report.warnings[1].contains(QLatin1String("footprint")), qPrintable(report.warnings[1]));
    for (size_t i = 0; i < 2; ++i) {
      const auto r = db.findByLocation(server_->url(QDir(archive_).relativeFilePath(rows[i].location)), true);
      QVERIFY(r.has_value());
      QVERIFY(r->footprint.ranges() == rows[i].footprint.ranges());
    }
  }

  void notAListingIsRefused() {
    ObservationIndex db(dir_.filePath(QStringLiteral("refused.sqlite")));
    for (const QString& path : {QStringLiteral("truth.json"), QStringLiteral("0901230101/pn_events.fits"),
                                QStringLiteral("missing.json")}) {
      QString error;
      try {
        importArchiveListing(db, server_->url(path));
      } catch (const xsky::Error& e) {
        error = e.message();
      }
      QVERIFY2(!error.isEmpty(), qPrintable(path));
      QVERIFY2(error.contains(server_->url(path)), qPrintable(error));
    }
    QCOMPARE(db.count(), 0LL);
  }

  void cliImportQueryFetch() {
    const QString db = dir_.filePath(QStringLiteral("cli.sqlite"));
    QByteArray out, err;
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("import"), QStringLiteral("--index"), db,
                     server_->url(QStringLiteral("listing.json"))},
                    &out, &err),
             0);
    QVERIFY2(out.contains("9 added, 0 replaced"), out.constData());
    // The same region query as on the local index lists the same observations, with URLs.
    QFile reg(dir_.filePath(QStringLiteral("r.reg")));
    QVERIFY(reg.open(QIODevice::WriteOnly));
    reg.write("fk5\ncircle(150.1133433,2.2099999,30\")\n");
    reg.close();
    auto query = [&](const QString& index) {
      QByteArray o, e;
      if (runCli({QStringLiteral("moc"), QStringLiteral("query"), QStringLiteral("--index"), index,
                  QStringLiteral("--region"), reg.fileName(), QStringLiteral("--json")},
                 &o, &e) != 0) {
        qWarning("%s", e.constData());
      }
      return QJsonDocument::fromJson(o).object()[QStringLiteral("observations")].toArray();
    };
    const QJsonArray viaHttp = query(db), viaFiles = query(localDb_);
    QCOMPARE(viaHttp.size(), viaFiles.size());
    QVERIFY(viaHttp.size() > 0);
    for (qsizetype i = 0; i < viaHttp.size(); ++i) {
      const QJsonObject a = viaHttp[i].toObject(), b = viaFiles[i].toObject();
      QCOMPARE(a[QStringLiteral("obsid")], b[QStringLiteral("obsid")]);
      QCOMPARE(a[QStringLiteral("instrument")], b[QStringLiteral("instrument")]);
      QCOMPARE(a[QStringLiteral("covered_fraction")], b[QStringLiteral("covered_fraction")]);
      QVERIFY(a[QStringLiteral("file")].toString().startsWith(server_->url()));
    }
    // Fetch one observation's three cameras into a cache; the files are the archive's.
    const QString cache = cacheDir_->path();
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("fetch"), QStringLiteral("--index"), db,
                     QStringLiteral("--cache"), cache, QStringLiteral("--json"), QStringLiteral("0901230201")},
                    &out, &err),
             0);
    const QJsonArray files = QJsonDocument::fromJson(out).object()[QStringLiteral("files")].toArray();
    QCOMPARE(files.size(), 3);
    for (const auto& v : files) {
      const QJsonObject o = v.toObject();
      const QString rel = o[QStringLiteral("location")].toString().mid(server_->url().size());
      QCOMPARE(readAll(o[QStringLiteral("path")].toString()), readAll(archive_ + QLatin1Char('/') + rel));
    }
    // Unknown observation: exit 1 with a message.
    QCOMPARE(runCli({QStringLiteral("index"), QStringLiteral("fetch"), QStringLiteral("--index"), db,
                     QStringLiteral("--cache"), cache, QStringLiteral("0999999999")},
                    &out, &err),
             1);
    QVERIFY2(err.contains("0999999999: not in the index"), err.constData());
  }

 private:
  QTemporaryDir dir_;
  QString archive_, localDb_;
  std::unique_ptr<LocalHttpServer> server_;
  std::unique_ptr<QTemporaryDir> cacheDir_;
};

QTEST_GUILESS_MAIN(TestArchiveRemote)
#include "tst_archive_remote.moc"
