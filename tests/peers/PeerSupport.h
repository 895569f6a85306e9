#pragma once
// Starting and stopping real SAMP peers (JSAMP, astropy, STILTS, TOPCAT, DS9, Xvfb) for the
// `peers` tests. Every peer runs under coreutils `timeout` (a hard bound on its life, and a
// process group that takes a peer's children with it); a test stops only the peers it started.

#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace xsky::peers {

/// True when `program` is on PATH (or is an existing file).
bool have(const QString& program);
/// The QSKIP message for a missing peer, naming the Debian package that provides it.
QString missing(const QString& program, const QString& package);

/// A scratch folder for one test binary: its lock file, $HOME for the peers, logs.
class PeerRun {
 public:
  PeerRun();
  ~PeerRun();  // stops every peer still running

  QString path(const QString& name) const { return dir_.filePath(name); }
  QString home() const { return path(QStringLiteral("home")); }
  /// The lock file peers use: $run/home/.samp (Aladin only reads user.home/.samp).
  QString lockFile() const { return path(QStringLiteral("home/.samp")); }
  /// Environment for peers: SAMP_HUB at our lock file, HOME, user.home for Java, DISPLAY if set.
  QProcessEnvironment environment(const QString& lockFile = {}) const;
  void setDisplay(const QString& display) { display_ = display; }

  /// Starts `program args` under `timeout lifeSeconds`, output to $run/<log>.log.
  QProcess* start(const QString& log, const QString& program, const QStringList& args,
                  int lifeSeconds = 170, const QProcessEnvironment& env = {});
  /// Stops one peer (SIGTERM to its timeout wrapper, which signals the peer's process group).
  void stop(QProcess* peer);
  QString log(const QString& name) const;

  /// JSAMP headless hub on lockFile(); waits for its lock file.
  bool startJsampHub(QString* error);
  /// Xvfb on a free display; sets it for later peers.
  bool startXvfb(QString* error);
  /// Runs a program to its end (bounded), the event loop turning meanwhile; returns exit code
  /// (-1 on timeout) and stdout+stderr.
  int run(const QString& program, const QStringList& args, QByteArray* output,
          int timeoutMs = 60000, const QProcessEnvironment& env = {});
  /// The astropy peer script's `list` output (client id -> metadata, subscriptions).
  QJsonObject listClients(const QString& lockFile = {});
  /// Waits until a client whose samp.name is `name` is registered (by asking the astropy lister).
  bool waitForClient(const QString& name, int timeoutMs, const QString& lockFile = {});

  static QString jsampJar() { return QStringLiteral("/usr/share/java/jsamp.jar"); }
  static QString python() { return QStringLiteral(XSKY_PYTHON); }
  static QString astropyPeer() { return QStringLiteral(XSKY_PEERS_DIR "/astropy_peer.py"); }

 private:
  QTemporaryDir dir_;
  QString display_;
  std::vector<QProcess*> peers_;
};

/// A small VOTable (5 sources) and a small FITS image with a TAN WCS near (202.47, 47.2), written
/// into `dir`; returns their paths.
QString writeVotable(const QString& dir);
QString writeFitsImage(const QString& dir);

}  // namespace xsky::peers
