#pragma once
// Chooses what of a FITS file to show: one of its image HDUs (those with two or more axes) and,
// for a cube, the plane. Lists each image HDU with its name and shape (from info/FileInfo).

#include <QDialog>

#include <optional>

#include "imaging/SkyImageLoader.h"

class QComboBox;
class QSpinBox;

namespace xsky::app {

class HduDialog : public QDialog {
  Q_OBJECT
 public:
  /// Throws xsky::Error when the file cannot be read.
  HduDialog(const QString& path, QWidget* parent = nullptr);
  /// Number of image HDUs offered.
  int imageHduCount() const;
  imaging::LoadOptions options() const;
  /// Asks the user; nullopt when cancelled or the file has no image.
  static std::optional<imaging::LoadOptions> choose(const QString& path, QWidget* parent, QString* error);

 private:
  void hduChanged();

  QComboBox* hdus_;
  QSpinBox* plane_;
  std::vector<long> planes_;  // per entry of hdus_
};

}  // namespace xsky::app
