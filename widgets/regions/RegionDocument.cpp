#include "regions/RegionDocument.h"

#include <QApplication>
#include <QClipboard>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>

#include "regions/RegionFileIo.h"
#include "fits/FitsError.h"

namespace xsky::widgets {

using regions::Region;

/// One change of the document: the list and the selection before and after it.
class RegionSnapshotCommand : public QUndoCommand {
 public:
  RegionSnapshotCommand(RegionDocument* doc, std::vector<Region> before, std::vector<int> selBefore,
                        std::vector<Region> after, std::vector<int> selAfter, const QString& text)
      : QUndoCommand(text),
        doc_(doc),
        before_(std::move(before)),
        after_(std::move(after)),
        selBefore_(std::move(selBefore)),
        selAfter_(std::move(selAfter)) {}

  void undo() override { doc_->restore(before_, selBefore_); }
  void redo() override { doc_->restore(after_, selAfter_); }

 private:
  RegionDocument* doc_;
  std::vector<Region> before_, after_;
  std::vector<int> selBefore_, selAfter_;
};

RegionDocument::RegionDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {}

RegionDocument::~RegionDocument() = default;

void RegionDocument::restore(const std::vector<Region>& regions, const std::vector<int>& selection) {
  regions_ = regions;
  Q_EMIT changed();
  setSelection(selection);
}

void RegionDocument::push(std::vector<Region> after, std::vector<int> selectionAfter, const QString& text) {
  if (editing_) cancelEdit();
  undo_->push(new RegionSnapshotCommand(this, regions_, selection_, std::move(after),
                                        std::move(selectionAfter), text));
}

int RegionDocument::add(const Region& region, const QString& text) {
  std::vector<Region> after = regions_;
  after.push_back(region);
  const int index = static_cast<int>(after.size()) - 1;
  push(std::move(after), {index}, text);
  return index;
}

void RegionDocument::addAll(const std::vector<Region>& regions, const QString& text) {
  if (regions.empty()) return;
  std::vector<Region> after = regions_;
  std::vector<int> sel;
  for (const Region& r : regions) {
    sel.push_back(static_cast<int>(after.size()));
    after.push_back(r);
  }
  push(std::move(after), std::move(sel), text);
}

void RegionDocument::remove(std::vector<int> indices, const QString& text) {
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  std::vector<Region> after;
  for (int i = 0; i < count(); ++i) {
    if (!std::binary_search(indices.begin(), indices.end(), i)) after.push_back(regions_[static_cast<size_t>(i)]);
  }
  if (after.size() == regions_.size()) return;
  push(std::move(after), {}, text);
}

void RegionDocument::replace(int index, const Region& region, const QString& text) {
  replaceAll({{index, region}}, text);
}

void RegionDocument::replaceAll(const std::vector<std::pair<int, Region>>& changes, const QString& text) {
  std::vector<Region> after = regions_;
  for (const auto& [index, region] : changes) {
    if (index < 0 || index >= count()) return;
    after[static_cast<size_t>(index)] = region;
  }
  if (!changes.empty()) push(std::move(after), selection_, text);
}

void RegionDocument::setRegions(const std::vector<Region>& regions, const QString& text) {
  push(regions, {}, text);
}

void RegionDocument::beginEdit() {
  if (editing_) cancelEdit();
  editing_ = true;
  previewed_ = false;
  editBefore_ = regions_;
  editSelection_ = selection_;
}

void RegionDocument::preview(int index, const Region& region) {
  Q_ASSERT(editing_);
  if (!editing_ || index < 0 || index >= count()) return;
  regions_[static_cast<size_t>(index)] = region;
  previewed_ = true;
  Q_EMIT changed();
}

void RegionDocument::endEdit(const QString& text) {
  if (!editing_) return;
  editing_ = false;
  if (!previewed_) return;
  std::vector<Region> after = std::move(regions_);
  regions_ = std::move(editBefore_);
  undo_->push(new RegionSnapshotCommand(this, regions_, editSelection_, std::move(after), selection_, text));
}

void RegionDocument::cancelEdit() {
  if (!editing_) return;
  editing_ = false;
  regions_ = std::move(editBefore_);
  Q_EMIT changed();
}

bool RegionDocument::isSelected(int index) const {
  return std::binary_search(selection_.begin(), selection_.end(), index);
}

void RegionDocument::setSelection(std::vector<int> indices) {
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  std::erase_if(indices, [this](int i) { return i < 0 || i >= count(); });
  if (indices == selection_) return;
  selection_ = std::move(indices);
  Q_EMIT selectionChanged();
}

void RegionDocument::copySelection() {
  if (selection_.empty()) return;
  clipboard_.clear();
  for (int i : selection_) clipboard_.push_back(regions_[static_cast<size_t>(i)]);
  regions::Ds9WriteOptions options;
  options.system = regions::CoordSystem::Icrs;
  if (QClipboard* cb = QApplication::clipboard()) cb->setText(regions::Ds9RegionWriter(options).toText(clipboard_));
}

bool RegionDocument::paste() {
  if (clipboard_.empty()) return false;
  addAll(clipboard_, tr("Paste regions"));
  return true;
}

bool RegionDocument::load(const QString& path, const regions::ReferenceImage* image, QString* error,
                          QStringList* warnings) {
  try {
    regions::RegionReadOptions options;
    options.image = image;
    const regions::RegionReadResult r = regions::readRegionFile(path, options);
    if (warnings != nullptr) *warnings = r.errors + r.warnings;
    addAll(r.regions, tr("Load regions"));
    return true;
  } catch (const Error& e) {
    if (error != nullptr) *error = e.message();
    return false;
  }
}

bool RegionDocument::save(const QString& path, const regions::Ds9WriteOptions& options, QString* error,
                          QStringList* problems) const {
  try {
    regions::writeTextFileAtomically(path, regions::Ds9RegionWriter(options).toText(regions_, problems));
    return true;
  } catch (const Error& e) {
    if (error != nullptr) *error = e.message();
    return false;
  }
}

}  // namespace xsky::widgets
