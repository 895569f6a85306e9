#pragma once
// The binning controls of an event-list frame: bin factor, energy band (in the list's energy
// axis units), PATTERN maximum and the mission's good-events FLAG selection. Apply emits the new
// spec; the application re-bins on a worker without reopening the file.

#include <QWidget>

#include "imaging/EventBinning.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace xsky::widgets {

class BinningPanel : public QWidget {
  Q_OBJECT
 public:
  explicit BinningPanel(QWidget* parent = nullptr);
  /// Shows the spec of the current frame; `unit` names the energy axis ("PI [CHAN]", "energy [eV]");
  /// flagMask is the mission's good-events mask when known. Disabled for non-event frames.
  void setSpec(const imaging::BinningSpec& spec, const QString& unit, std::optional<uint32_t> flagMask,
               bool enabled);
  /// The spec from the controls, starting from `base` (centre and size are kept, in sky pixels).
  imaging::BinningSpec spec(const imaging::BinningSpec& base) const;

 Q_SIGNALS:
  void applyRequested();

 private:
  QDoubleSpinBox* bin_;
  QLineEdit* energyMin_;
  QLineEdit* energyMax_;
  QSpinBox* pattern_;
  QCheckBox* goodEvents_;
  QLabel* unit_;
  QPushButton* apply_;
  std::optional<uint32_t> flagMask_;
};

}  // namespace xsky::widgets
