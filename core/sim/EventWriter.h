#pragma once
// Writes one simulated EPIC event list the way SAS writes a calibrated imaging-mode list: a
// primary header (TELESCOP, INSTRUME, OBS_ID, dates, pointing, REFX/REFY sky reference), the
// EVENTS table (TIME D, RAWX I, RAWY I, DETX I, DETY I, X J, Y J, PHA I, PI I, FLAG J, PATTERN B,
// CCDNR B, with the column WCS, legal limits, XMMEA_* flag expressions, ONTIMEnn/LIVETInn) and
// one STDGTInn extension per CCD. Rows are appended in chunks, so a list of any length streams
// through; nothing in the file depends on the date or the machine.

#include <QString>

#include "fits/FitsFile.h"
#include "sim/EventChunk.h"
#include "sim/EventListModel.h"

namespace xsky::sim {

class EventWriter {
 public:
  /// Creates the file (replacing any of that name) and writes the headers; model must outlive
  /// the writer.
  EventWriter(const QString& path, const EventListModel& model);

  /// Appends a chunk of time-ordered events to the EVENTS table.
  void append(const EventChunk& chunk);
  /// Writes the GTI extensions and flushes the file (complete on disk; destroying the writer
  /// closes it).
  void finish();
  long long rows() const { return rows_; }

 private:
  void writePrimary();
  void writeEventsHeader();
  void writeGtis();

  fits::FitsFile file_;
  const EventListModel& model_;
  long long rows_ = 0;
  std::vector<unsigned char> buffer_;
};

}  // namespace xsky::sim
