#include "PeerSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <fitsio.h>

#include <csignal>
#include <vector>

namespace xsky::peers {

bool have(const QString& program) {
  return QFileInfo(program).isFile() || !QStandardPaths::findExecutable(program).isEmpty();
}

QString missing(const QString& program, const QString& package) {
  return QStringLiteral("%1 is not installed (Debian package %2; scripts/deps.sh installs it)")
      .arg(program, package);
}

PeerRun::PeerRun() {
  // XSKY_KEEP_PEER_RUN=1 keeps the scratch folder (logs, lock files) for a post-mortem.
  if (qEnvironmentVariableIntValue("XSKY_KEEP_PEER_RUN") != 0) {
    dir_.setAutoRemove(false);
    qInfo("peer run folder: %s", qPrintable(dir_.path()));
  }
  QDir().mkpath(home());
}

PeerRun::~PeerRun() {
  for (auto it = peers_.rbegin(); it != peers_.rend(); ++it) stop(*it);
  for (QProcess* p : peers_) delete p;
}

QProcessEnvironment PeerRun::environment(const QString& lockFile) const {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("SAMP_HUB"), QStringLiteral("std-lockurl:file://") +
                                             (lockFile.isEmpty() ? this->lockFile() : lockFile));
  env.insert(QStringLiteral("HOME"), home());
  env.insert(QStringLiteral("JAVA_TOOL_OPTIONS"), QStringLiteral("-Duser.home=") + home());
  if (!display_.isEmpty()) env.insert(QStringLiteral("DISPLAY"), display_);
  env.remove(QStringLiteral("http_proxy"));
  env.remove(QStringLiteral("HTTP_PROXY"));
  return env;
}

QProcess* PeerRun::start(const QString& log, const QString& program, const QStringList& args,
                         int lifeSeconds, const QProcessEnvironment& env) {
  auto* p = new QProcess;
  p->setProcessEnvironment(env.isEmpty() ? environment() : env);
  p->setWorkingDirectory(dir_.path());
  p->setStandardOutputFile(path(log + QStringLiteral(".log")));
  p->setStandardErrorFile(path(log + QStringLiteral(".err")));
  p->start(QStringLiteral("timeout"), QStringList{QString::number(lifeSeconds), program} + args);
  p->waitForStarted(5000);
  peers_.push_back(p);
  return p;
}

void PeerRun::stop(QProcess* peer) {
  if (!peer || peer->state() == QProcess::NotRunning) return;
  peer->terminate();  // timeout forwards SIGTERM to the peer's process group
  if (!peer->waitForFinished(5000)) {
    ::kill(-qint64(peer->processId()), SIGKILL);  // timeout made itself a process-group leader
    peer->kill();
    peer->waitForFinished(2000);
  }
}

QString PeerRun::log(const QString& name) const {
  QString text;
  for (const QString& ext : {QStringLiteral(".log"), QStringLiteral(".err")}) {
    QFile f(path(name + ext));
    if (f.open(QIODevice::ReadOnly)) text += QString::fromUtf8(f.readAll());
  }
  return text;
}

bool PeerRun::startJsampHub(QString* error) {
  QFile::remove(lockFile());
  start(QStringLiteral("jsamp-hub"), QStringLiteral("java"),
        {QStringLiteral("-Djava.awt.headless=true"), QStringLiteral("-cp"), jsampJar(),
         QStringLiteral("org.astrogrid.samp.JSamp"), QStringLiteral("hub"), QStringLiteral("-mode"),
         QStringLiteral("no-gui"), QStringLiteral("-profiles"), QStringLiteral("std")});
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < 30000) {
    QFile f(lockFile());
    if (f.open(QIODevice::ReadOnly) && f.readAll().contains("samp.hub.xmlrpc.url")) return true;
    QTest::qWait(100);
  }
  *error = QStringLiteral("the JSAMP hub wrote no lock file within 30 s: ") +
           log(QStringLiteral("jsamp-hub"));
  return false;
}

bool PeerRun::startXvfb(QString* error) {
  // scripts/screenshot-peers.sh runs the test on an X display of its own and asks the peers to
  // share it, so that one screenshot shows XSky's window beside theirs.
  if (const QString shared = qEnvironmentVariable("XSKY_PEERS_DISPLAY"); !shared.isEmpty()) {
    display_ = shared;
    return true;
  }
  for (int n = 91; n < 120; ++n) {
    if (QFileInfo::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n)) ||
        QFileInfo::exists(QStringLiteral("/tmp/.X%1-lock").arg(n)))
      continue;
    const QString display = QStringLiteral(":%1").arg(n);
    QProcess* x =
        start(QStringLiteral("xvfb"), QStringLiteral("Xvfb"),
              {display, QStringLiteral("-screen"), QStringLiteral("0"),
               QStringLiteral("1600x1000x24"), QStringLiteral("-nolisten"), QStringLiteral("tcp")});
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000 && x->state() == QProcess::Running) {
      if (QFileInfo::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n))) {
        display_ = display;
        return true;
      }
      QTest::qWait(100);
    }
  }
  *error = QStringLiteral("Xvfb did not start: ") + log(QStringLiteral("xvfb"));
  return false;
}

int PeerRun::run(const QString& program, const QStringList& args, QByteArray* output, int timeoutMs,
                 const QProcessEnvironment& env) {
  QProcess p;
  p.setProcessEnvironment(env.isEmpty() ? environment() : env);
  p.setWorkingDirectory(dir_.path());
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(QStringLiteral("timeout"),
          QStringList{QString::number(timeoutMs / 1000 + 1), program} + args);
  QElapsedTimer t;
  t.start();
  // the event loop keeps turning: XSky's client on this thread can answer the peer meanwhile
  while (p.state() != QProcess::NotRunning && t.elapsed() < timeoutMs + 3000) QTest::qWait(50);
  if (p.state() != QProcess::NotRunning) {
    p.terminate();
    p.waitForFinished(3000);
  }
  if (output) *output = p.readAll();
  return p.exitStatus() == QProcess::NormalExit && p.exitCode() != 124 ? p.exitCode() : -1;
}

QJsonObject PeerRun::listClients(const QString& lockFile) {
  QByteArray out;
  if (run(python(),
          {astropyPeer(), QStringLiteral("list"), QStringLiteral("--lockfile"),
           lockFile.isEmpty() ? this->lockFile() : lockFile},
          &out, 30000) != 0) {
    return {};
  }
  // the JSON document is the last line (Java/astropy may print warnings before it)
  const QList<QByteArray> lines = out.trimmed().split('\n');
  return QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.back()).object();
}

bool PeerRun::waitForClient(const QString& name, int timeoutMs, const QString& lockFile) {
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < timeoutMs) {
    const QJsonObject clients = listClients(lockFile);
    for (const QJsonValue& c : clients) {
      if (c[QStringLiteral("metadata")][QStringLiteral("samp.name")].toString().compare(
              name, Qt::CaseInsensitive) == 0)
        return true;
    }
    QTest::qWait(500);
  }
  return false;
}

QString writeVotable(const QString& dir) {
  const QString path = QDir(dir).filePath(QStringLiteral("sources.vot"));
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(R"(<?xml version="1.0" encoding="utf-8"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">
 <RESOURCE type="results">
  <TABLE name="xsky_sources">
   <FIELD name="id" datatype="int"/>
   <FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra;meta.main"/>
   <FIELD name="dec" datatype="double" unit="deg" ucd="pos.eq.dec;meta.main"/>
   <FIELD name="rate" datatype="double" unit="ct/s"/>
   <DATA><TABLEDATA>
    <TR><TD>1</TD><TD>202.4696</TD><TD>47.1952</TD><TD>0.51</TD></TR>
    <TR><TD>2</TD><TD>202.4800</TD><TD>47.2100</TD><TD>0.12</TD></TR>
    <TR><TD>3</TD><TD>202.4550</TD><TD>47.2000</TD><TD>0.08</TD></TR>
    <TR><TD>4</TD><TD>202.4900</TD><TD>47.1850</TD><TD>0.03</TD></TR>
    <TR><TD>5</TD><TD>202.4620</TD><TD>47.2180</TD><TD>0.02</TD></TR>
   </TABLEDATA></DATA>
  </TABLE>
 </RESOURCE>
</VOTABLE>
)");
  return path;
}

QString writeFitsImage(const QString& dir) {
  const QString path = QDir(dir).filePath(QStringLiteral("xsky-image.fits"));
  QFile::remove(path);
  fitsfile* f = nullptr;
  int status = 0;
  const QByteArray name = QFile::encodeName(path);
  fits_create_file(&f, name.constData(), &status);
  long axes[2] = {64, 64};
  fits_create_img(f, FLOAT_IMG, 2, axes, &status);
  std::vector<float> pixels(64 * 64);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x)
      pixels[size_t(y * 64 + x)] =
          float(std::exp(-((x - 32) * (x - 32) + (y - 32) * (y - 32)) / 50.0));
  }
  fits_write_img(f, TFLOAT, 1, long(pixels.size()), pixels.data(), &status);
  auto str = [&](const char* key, const char* value) {
    fits_update_key(f, TSTRING, key, const_cast<char*>(value), nullptr, &status);
  };
  auto dbl = [&](const char* key, double value) {
    fits_update_key(f, TDOUBLE, key, &value, nullptr, &status);
  };
  str("CTYPE1", "RA---TAN");
  str("CTYPE2", "DEC--TAN");
  str("RADESYS", "ICRS");
  dbl("CRVAL1", 202.47);
  dbl("CRVAL2", 47.2);
  dbl("CRPIX1", 32.5);
  dbl("CRPIX2", 32.5);
  dbl("CDELT1", -1.0 / 3600);
  dbl("CDELT2", 1.0 / 3600);
  dbl("EQUINOX", 2000.0);
  fits_close_file(f, &status);
  return status == 0 ? path : QString();
}

}  // namespace xsky::peers
