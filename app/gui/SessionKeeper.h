#pragma once
// Sessions in the desktop application (the format is core/session/Session.h): File > Save/Open
// Session, and the autosave that never loses work.
//
// Autosave: every minute and 1.5 s after every significant change (a file opened or re-binned,
// regions changed, observations switched on or off, products extracted, SAMP connected), the
// session is written atomically to <sessions>/autosave-<pid>.json (<sessions>: $XSKY_SESSION_DIR,
// else the application's data folder + /sessions). A clean exit removes the file. At the next
// start, an autosave whose process is gone (a crash, a kill -9) is offered for restoring; the
// restored session equals the saved one. Wiring only: capture reads the window's state, restore
// replays it through the window's own operations.

#include <QObject>
#include <QString>

#include "session/Session.h"

class QTimer;

namespace xsky::app {

class MainWindow;

class SessionKeeper : public QObject {
  Q_OBJECT
 public:
  explicit SessionKeeper(MainWindow* window);
  ~SessionKeeper() override;

  static QString sessionsFolder();
  /// This process's autosave file.
  QString autosavePath() const;

  /// The window's state now.
  session::SessionState capture() const;
  /// Replays a session; restored() follows once every frame has loaded.
  void restore(const session::SessionState& state);
  bool save(const QString& path, QString* error) const;
  bool open(const QString& path, QString* error);

  /// The newest autosave left by a process that is gone ("" when none).
  QString orphanedAutosave() const;
  /// Offers to restore an orphaned autosave (a non-blocking question); the file is removed
  /// once answered.
  void offerRecovery();
  /// Writes the autosave now.
  void autosave();
  /// A clean exit: the autosave is no longer needed.
  void finish();

 Q_SIGNALS:
  void restored();
  void message(const QString& line);

 private:
  void changed();

  MainWindow* window_;
  QTimer* periodic_;
  QTimer* debounce_;
  int pendingFrames_ = 0;
  bool restoring_ = false;
};

}  // namespace xsky::app
