#pragma once
// A workspace session: everything the user set up, as a documented, versioned JSON file.
//
// Format (UTF-8 JSON object; "format": "xsky-session", "version": 2):
//   saved_at        UTC ISO 8601 of the save
//   frames[]        one per frame, in tab order:
//     path            the file shown (absolute), "" for an empty frame
//     hdu, plane      image HDU (0-based, -1: the first image) and cube plane
//     binning         event lists only: {bin_factor, centre_x, centre_y (sky pixels), width,
//                     height, energy_min, energy_max (energy-axis units), pattern_max, flag_reject}
//                     (absent keys: the viewer's defaults)
//     display         {scale: linear|log|sqrt|squared|asinh|histequ, limits: minmax|zscale|
//                     percentile|user, percentile, user_low, user_high, log_exponent, colormap,
//                     invert, contrast, bias}
//     view            {centre_x, centre_y (image pixels, FITS 1-based), zoom (screen px per image px)}
//   current_frame   index into frames
//   regions_ds9     the regions as DS9 text in ICRS (their roles, exclusions, colours, text)
//   observations    {index: path of the observation index, switched_off: [file locations]}
//   products        [the extraction results listed in the Products dock, each as its provenance
//                   record's "result" (products/ProductCache.h resultToJson)]
//   samp            {connected: bool}
//   fit             the Fit dock: {model, statistic, group, emin, emax (keV), spectra: [{path, label,
//                   checked}], parameters: [{name, value, frozen, min, max}]} (app/gui/FitWorkbench)
//   catalogue       (version 2) the Catalogue dock: {path of the table file ("" for none), query
//                   (the last one run), selected: [row numbers, 0-based, of the file's table]}
// Version history: 1 (XSky stop 14) had no catalogue; it loads with an empty Catalogue dock.
// Readers ignore keys they do not know and take defaults for missing ones, so a file of an older
// version of this format loads; a file of a newer version is refused with a clear message.
//
// Threading: plain values and functions; writeSession is atomic (temporary file, fsync, rename),
// so a crash during a save leaves the previous file whole.

#include <optional>
#include <vector>

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "imaging/DisplayScale.h"
#include "imaging/EventBinning.h"

namespace xsky::session {

constexpr int kSessionVersion = 2;

struct FrameState {
  QString path;
  int hdu = -1;
  long plane = 0;
  std::optional<imaging::BinningSpec> binning;
  imaging::DisplaySettings display;
  bool hasView = false;
  double centreX = 0, centreY = 0, zoom = 1;
  friend bool operator==(const FrameState&, const FrameState&);
};

struct SessionState {
  QString savedAt;
  std::vector<FrameState> frames;
  int currentFrame = 0;
  QString regionsDs9;
  QString observationIndex;
  QStringList switchedOff;
  QJsonArray products;
  bool sampConnected = false;
  QJsonObject fit;
  QString cataloguePath;
  QString catalogueQuery;
  std::vector<size_t> catalogueSelected;
  /// Equal in everything but savedAt.
  bool sameWork(const SessionState& other) const;
};

QJsonObject toJson(const SessionState& state);
/// Throws xsky::Error for a document that is not an XSky session or of a newer version.
SessionState sessionFromJson(const QJsonObject& json);

/// Writes atomically. Throws xsky::Error naming the file.
void writeSession(const QString& path, const SessionState& state);
/// Throws xsky::Error naming the file (unreadable, not JSON, not a session, newer version).
SessionState readSession(const QString& path);

QString scaleName(imaging::ScaleFunction scale);
QString limitName(imaging::LimitMode mode);

}  // namespace xsky::session
