#pragma once
// Region > Extract: for every observation checked in the Observations dock (else the event list
// of the current frame), one task on the task pool extracts the drawn source and background
// regions: source and background spectra, a light curve and an image, written under
// `<folder>/xsky-products/` next to the observations (else the application's data folder), with
// progress in the Tasks dock and a summary line per observation in the log.

#include <QObject>
#include <QStringList>

#include <functional>

#include "products/Extraction.h"

namespace xsky::tasks {
class TaskManager;
}

namespace xsky::app {

/// One event list to extract from: a path, or the URL of a remote archive's file (downloaded
/// into the download cache first, checked against the listing's checksum and size when known).
struct ExtractionSource {
  QString location;
  QString checksum;
  long long size = -1;
};

struct ExtractionSettings {
  double lightCurveBinS = 100;
};

class ExtractionLauncher : public QObject {
  Q_OBJECT
 public:
  using Settings = ExtractionSettings;

  ExtractionLauncher(tasks::TaskManager* tasks, QObject* parent = nullptr);

  /// Starts one task per event list; returns the task ids. Throws xsky::Error when the regions
  /// hold no source region.
  std::vector<quint64> extract(const std::vector<ExtractionSource>& eventLists,
                               const std::vector<regions::Region>& regions, const Settings& settings = {});
  std::vector<quint64> extract(const QStringList& eventLists, const std::vector<regions::Region>& regions,
                               const Settings& settings = {});
  /// Where products of an event list go (downloaded lists: the application's data folder).
  static QString productFolder(const QString& eventsPath, bool downloaded = false);

 Q_SIGNALS:
  void message(const QString& line);
  /// One observation's products are written.
  void extracted(const xsky::products::ExtractionResult& result);

 private:
  tasks::TaskManager* tasks_;
};

}  // namespace xsky::app

Q_DECLARE_METATYPE(xsky::products::ExtractionResult)
