// Lock file reading (tolerant), writing (strict, 0600), hub discovery, and file URLs.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "samp/LockFile.h"
#include "samp/UrlFetch.h"

using namespace xsky::samp;

class TestSampLockFile : public QObject {
  Q_OBJECT
 private slots:
  void readsTolerantly_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("url");
    QTest::newRow("jsamp") << QByteArray(
                                  "# SAMP Standard Profile lockfile written 2024-01-01\n# Note "
                                  "contact URL hostname may be configured\n"
                                  "samp.secret=2af8d7e5c1\nsamp.hub.xmlrpc.url=http://"
                                  "127.0.0.1:40123/xmlrpc\nsamp.profile.version=1.3\n"
                                  "hub.impl=org.astrogrid.samp.hub.BasicHubService\nhub.start.date="
                                  "2024-01-01T00:00:00\n")
                           << "http://127.0.0.1:40123/xmlrpc";
    QTest::newRow("astropy, no path")
        << QByteArray(
               "# SAMP lockfile written on 2024-01-01T00:00:00\n# Standard Profile required keys\n"
               "samp.hub.xmlrpc.url=http://"
               "127.0.0.1:40124\nsamp.profile.version=1.3\nsamp.secret=abc\n"
               "# Info stored by the hub\nhub.id=hub\nhub.label=Hub 1\n")
        << "http://127.0.0.1:40124";
    QTest::newRow("blank lines, spaces, CRLF")
        << QByteArray(
               "\r\n  samp.secret = abc "
               "\r\n\r\nsamp.hub.xmlrpc.url=http://localhost:1/x?y=z\r\nnot a key line\r\n")
        << "http://localhost:1/x?y=z";
  }
  void readsTolerantly() {
    QFETCH(QByteArray, text);
    QFETCH(QString, url);
    HubLocation hub;
    QString error;
    QVERIFY2(parseLockFile(text, &hub, &error), qPrintable(error));
    QCOMPARE(hub.xmlrpcUrl, url);
    QVERIFY(!hub.secret.isEmpty());
  }

  void refusesIncomplete() {
    HubLocation hub;
    QString error;
    QVERIFY(!parseLockFile("# only a comment\nsamp.secret=x\n", &hub, &error));
    QVERIFY2(error.contains(QStringLiteral("samp.hub.xmlrpc.url")), qPrintable(error));
  }

  void writesStrictly() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lock"));
    HubLocation hub;
    hub.secret = QStringLiteral("s3cret");
    hub.xmlrpcUrl = QStringLiteral("http://127.0.0.1:5000/xmlrpc");
    hub.extra.insert(QStringLiteral("samp.hub.label"), QStringLiteral("XSky"));
    QString error;
    QVERIFY2(writeLockFile(path, hub, &error), qPrintable(error));
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 0777), 0600);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.endsWith('\n'));
    for (const QByteArray& line : text.chopped(1).split('\n')) {
      QVERIFY2(!line.trimmed().isEmpty(), "no blank line");
      if (!line.startsWith('#')) QCOMPARE(line.count('='), 1);
    }
    HubLocation back;
    QVERIFY(readLockFile(path, &back, &error));
    QCOMPARE(back.secret, hub.secret);
    QCOMPARE(back.xmlrpcUrl, hub.xmlrpcUrl);
    QCOMPARE(back.profileVersion, QStringLiteral("1.3"));
    QCOMPARE(back.extra.value(QStringLiteral("samp.hub.label")), QStringLiteral("XSky"));
    // a value with '=' would break other readers: refused
    hub.xmlrpcUrl = QStringLiteral("http://127.0.0.1:5000/x?a=b");
    QVERIFY(!writeLockFile(path, hub, &error));
  }

  void discovery() {
    QTemporaryDir dir;
    const QByteArray oldHub = qgetenv("SAMP_HUB"), oldHome = qgetenv("HOME");
    qputenv("HOME", dir.path().toUtf8());
    qunsetenv("SAMP_HUB");
    bool env = true;
    QCOMPARE(lockFileLocation(&env), dir.filePath(QStringLiteral(".samp")));
    QVERIFY(!env);
    HubLocation hub;
    QString error;
    QVERIFY(!discoverHub(&hub, &error));
    QVERIFY2(error.contains(QStringLiteral("no SAMP hub")), qPrintable(error));
    const QString other = dir.filePath(QStringLiteral("elsewhere"));
    QFile f(other);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("samp.secret=x\nsamp.hub.xmlrpc.url=http://127.0.0.1:9/\n");
    f.close();
    qputenv("SAMP_HUB", ("std-lockurl:file://" + other).toUtf8());
    QCOMPARE(lockFileLocation(&env), QStringLiteral("file://") + other);
    QVERIFY(env);
    QVERIFY2(discoverHub(&hub, &error), qPrintable(error));
    QCOMPARE(hub.source, other);
    qputenv("HOME", oldHome);
    if (oldHub.isEmpty())
      qunsetenv("SAMP_HUB");
    else
      qputenv("SAMP_HUB", oldHub);
  }

  void fileUrls() {
    QCOMPARE(localPathForFileUrl(QStringLiteral("file:///tmp/a.fits")),
             QStringLiteral("/tmp/a.fits"));
    QCOMPARE(localPathForFileUrl(QStringLiteral("file:/tmp/a.fits")),
             QStringLiteral("/tmp/a.fits"));
    QCOMPARE(localPathForFileUrl(QStringLiteral("file://localhost//tmp/ds9123.fits")),
             QStringLiteral("/tmp/ds9123.fits"));
    QCOMPARE(localPathForFileUrl(QStringLiteral("file://localhost/tmp/a%20b.vot")),
             QStringLiteral("/tmp/a b.vot"));
    QCOMPARE(localPathForFileUrl(QStringLiteral("file://otherhost/tmp/a.fits")), QString());
    QCOMPARE(localPathForFileUrl(QStringLiteral("http://127.0.0.1/a.fits")), QString());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.vot"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<VOTABLE/>");
    f.close();
    QByteArray data;
    QString error;
    QVERIFY2(fetchUrl(QStringLiteral("file://localhost/") + path, &data, &error),
             qPrintable(error));
    QCOMPARE(data, QByteArray("<VOTABLE/>"));
    QVERIFY(!fetchUrl(QStringLiteral("file:///nonexistent/x.vot"), &data, &error));
    QVERIFY2(error.contains(QStringLiteral("file:///nonexistent/x.vot")), qPrintable(error));
    QVERIFY(!fetchUrl(QStringLiteral("http://127.0.0.1:1/x.vot"), &data, &error, 1000, 2000));
    QVERIFY2(error.startsWith(QStringLiteral("cannot fetch http://127.0.0.1:1/x.vot")),
             qPrintable(error));
    QVERIFY(!fetchUrl(QStringLiteral("gopher://x/y"), &data, &error));
  }
};

QTEST_GUILESS_MAIN(TestSampLockFile)
#include "tst_samp_lockfile.moc"
