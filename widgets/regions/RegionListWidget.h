#pragma once
// The list of the document's regions (shape, centre, size, role), its selection kept in step
// with the document's; double-click opens the properties dialog; buttons delete the selected
// regions or make them source or background regions (each one undo step). Child widgets are
// named for tests ("regionTable", "deleteButton", "sourceButton", "backgroundButton").
// GUI thread only.

#include <QWidget>

#include <memory>
#include <optional>

#include "imaging/Image2D.h"
#include "regions/ReferenceImage.h"
#include "regions/Region.h"

class QPushButton;
class QTableWidget;

namespace xsky::widgets {

class RegionDocument;

class RegionListWidget : public QWidget {
  Q_OBJECT
 public:
  explicit RegionListWidget(RegionDocument* document, QWidget* parent = nullptr);

  /// The image of the current frame: the properties dialog converts to its pixels.
  void setImage(std::shared_ptr<const imaging::Image2D> image);
  /// Opens the properties dialog on region `index` (what a double-click does).
  void openProperties(int index);
  /// Sets the role of the selected regions (one undo step).
  void setSelectedRole(bool background);

  /// Text of the centre and size columns of a region (as shown).
  static QString centreText(const regions::Region& region);
  static QString sizeText(const regions::Region& region);

 private:
  void rebuild();
  void pullSelection();
  void pushSelection();

  RegionDocument* document_;
  std::shared_ptr<const imaging::Image2D> image_;
  std::optional<regions::ReferenceImage> reference_;
  QTableWidget* table_ = nullptr;
  QPushButton* delete_ = nullptr;
  QPushButton* source_ = nullptr;
  QPushButton* background_ = nullptr;
  bool syncing_ = false;
};

}  // namespace xsky::widgets
