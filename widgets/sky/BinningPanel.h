#pragma once
// The binning controls of an event-list frame, as DS9's Bin menu: bin factor, buffer size (image
// pixels on a side), binning centre (sky X/Y; "centre on view" takes the view's centre), energy
// band (in the list's energy axis units), PATTERN maximum and the mission's good-events FLAG
// selection. Apply emits the new spec; the application re-bins on a worker without reopening.

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
  /// Puts a sky X/Y position in the centre fields (the view's centre, from the application).
  void setCentre(double x, double y);

 Q_SIGNALS:
  void applyRequested();
  /// "Centre on view" was pressed: the application answers with setCentre().
  void centreOnViewRequested();

 private:
  QDoubleSpinBox* bin_;
  QSpinBox* buffer_;
  QLineEdit* centreX_;
  QLineEdit* centreY_;
  imaging::BinningSpec shown_;  // the spec setSpec() showed (to tell which fields the user changed)
  QLineEdit* energyMin_;
  QLineEdit* energyMax_;
  QSpinBox* pattern_;
  QCheckBox* goodEvents_;
  QLabel* unit_;
  QPushButton* apply_;
  std::optional<uint32_t> flagMask_;
};

}  // namespace xsky::widgets
