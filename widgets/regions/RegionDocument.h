#pragma once
// The user's regions, shared by every frame: the list, the selection, and an undo stack through
// which every change goes (create, delete, move, resize, rotate, property edit, paste, nudge,
// load). Each change is one QUndoCommand holding the list before and after it (documents hold
// tens of regions, so snapshots are cheap and every edit undoes exactly).
//
// Gestures that change a region continuously (a drag) call beginEdit(), then preview() as often as
// they like (the document changes and repaints, nothing is recorded), then endEdit(): the whole
// gesture becomes one undo step. GUI thread only.

#include <QObject>

#include <vector>

#include "regions/Ds9RegionWriter.h"
#include "regions/Region.h"

class QUndoStack;

namespace xsky::widgets {

class RegionDocument : public QObject {
  Q_OBJECT
 public:
  explicit RegionDocument(QObject* parent = nullptr);
  ~RegionDocument() override;

  const std::vector<regions::Region>& regions() const { return regions_; }
  int count() const { return static_cast<int>(regions_.size()); }
  const regions::Region& at(int index) const { return regions_.at(static_cast<size_t>(index)); }
  QUndoStack* undoStack() const { return undo_; }

  // Undoable changes; each is one undo step named `text`.
  /// Appends a region and selects it; returns its index.
  int add(const regions::Region& region, const QString& text = tr("Create region"));
  /// Appends regions and selects them.
  void addAll(const std::vector<regions::Region>& regions, const QString& text);
  void remove(std::vector<int> indices, const QString& text = tr("Delete regions"));
  void replace(int index, const regions::Region& region, const QString& text = tr("Edit region"));
  /// Replaces several regions at once (pairs of index and new region).
  void replaceAll(const std::vector<std::pair<int, regions::Region>>& changes, const QString& text);
  /// Replaces the whole list (e.g. "Delete all").
  void setRegions(const std::vector<regions::Region>& regions, const QString& text);

  // One undo step for a continuous gesture.
  void beginEdit();
  /// Changes a region without recording it (only between beginEdit() and endEdit()).
  void preview(int index, const regions::Region& region);
  /// Records the changes since beginEdit() as one step (nothing when nothing changed).
  void endEdit(const QString& text);
  /// Drops the changes since beginEdit().
  void cancelEdit();
  bool editing() const { return editing_; }

  // Selection (indices into regions(), ascending).
  const std::vector<int>& selection() const { return selection_; }
  bool isSelected(int index) const;
  void setSelection(std::vector<int> indices);
  void clearSelection() { setSelection({}); }

  // Clipboard: the selected regions as DS9 text on the system clipboard (and kept internally, so
  // that sky regions keep their full precision).
  void copySelection();
  /// Pastes the copied regions (undoable) and selects them; false when nothing was copied.
  bool paste();

  // Files.
  /// Reads a DS9 or CIAO region file and adds its regions (one undo step). `image` converts pixel
  /// regions to the sky when given. Returns false with *error when the file cannot be read;
  /// *warnings receives the statements skipped.
  bool load(const QString& path, const regions::ReferenceImage* image, QString* error,
            QStringList* warnings = nullptr);
  /// Writes every region as a DS9 file, atomically. False with *error on failure; *problems
  /// receives the regions left out.
  bool save(const QString& path, const regions::Ds9WriteOptions& options, QString* error,
            QStringList* problems = nullptr) const;

 Q_SIGNALS:
  /// The list changed (any region, any count).
  void changed();
  void selectionChanged();

 private:
  friend class RegionSnapshotCommand;
  /// Sets the list and the selection (from an undo command).
  void restore(const std::vector<regions::Region>& regions, const std::vector<int>& selection);
  void push(std::vector<regions::Region> after, std::vector<int> selectionAfter, const QString& text);

  std::vector<regions::Region> regions_;
  std::vector<int> selection_;
  QUndoStack* undo_ = nullptr;
  bool editing_ = false;
  bool previewed_ = false;
  std::vector<regions::Region> editBefore_;
  std::vector<int> editSelection_;
  std::vector<regions::Region> clipboard_;
};

}  // namespace xsky::widgets
