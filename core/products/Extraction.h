#pragma once
// Extraction of one event list: the events of a region set's source and background areas that
// pass the filter, and the products made of them - source and background spectra (OGIP PHA I),
// light curves per energy band with their hardness ratio, and images of the neighbourhood per
// band. This is what the `xsky-cli extract` command and a GUI extraction task call, once per
// event list (lists are independent: run several on the task pool).
//
// Exposure and BACKSCAL: see products/DetectorArea.h. Spectra cover every channel (energy bands
// apply to light curves and images only); background spectra go beside the source spectrum as
// <name>_bkg.pha, named in BACKFILE. Responses: ExtractionOptions::rmf/arf when given, else the
// demo archive's responses/<camera>.{rmf,arf} next to the observation folder, else none.
//
// Warnings (background without events, part of a region off the detector, ...) are collected in
// the result; errors that make a product impossible throw xsky::Error (a missing column, a
// source region entirely off the detector, no good time, a time bin shorter than the frame time).
// Every file is written under a temporary name and renamed when complete, so an error or a
// cancel (xsky::Cancelled from progress) leaves no partial file; products already completed stay.
//
// Threading: runs on the calling thread (a worker); progress is called from it. The EventList is
// only read; several extractions may share one list concurrently.

#include <vector>

#include <QString>
#include <QStringList>

#include "events/EventFilter.h"
#include "events/EventList.h"
#include "products/ImageProduct.h"
#include "regions/RegionSet.h"
#include "util/Progress.h"

namespace xsky::products {

struct ExtractionOptions {
  events::FilterOptions filter;   // PATTERN, FLAG, GTIs, time range (energy: use bands)
  std::vector<EnergyBand> bands;  // light curves and images; empty: every energy
  QString spectrumPath;           // empty: no spectrum
  QString lightCurvePath;         // empty: no light curve
  double lightCurveBinS = 0;      // required with a light curve
  QString imagePath;              // empty: no image
  QString rmf, arf;               // RESPFILE/ANCRFILE; empty: look for the demo's
  QStringList provenance;         // extra HISTORY lines (ProductCache.h: provenanceHistory)
  QString productDate;            // DATE of every product (UTC ISO); empty: now
  QString keywordFolder;          // RESPFILE/ANCRFILE are written relative to this folder
                                  // (empty: the spectrum's own); reproduce writes elsewhere
};

struct ProductRecord {
  QString kind;  // "spectrum", "background_spectrum", "lightcurve", "hardness_ratio", "image"
  QString path;
  QString band;  // EnergyBand::label() for light curves and images
  long long counts = 0;
  double exposureS = 0;
  double backscal = 0;  // sky pixels^2 (spectra)
};

struct ExtractionResult {
  QString eventsPath, obsId, instrument, cameraKey;
  long long sourceCounts = 0, backgroundCounts = 0;   // filtered events in the areas
  double sourceBackscal = 0, backgroundBackscal = 0;  // sky pixels^2 on the detector
  double sourceExposureS = 0, backgroundExposureS = 0;
  bool hasBackground = false;
  double netCounts = 0, netRate = 0, netRateError = 0;  // background scaled by the BACKSCAL ratio
  std::vector<ProductRecord> products;
  QString productDate;  // the DATE its products carry
  QStringList filters;  // EventFilter::describe()
  QStringList warnings;
};

/// `regions` are read with the list's WCS (physical regions are its X/Y). See the header comment.
ExtractionResult extract(const events::EventList& list, const regions::RegionSet& regions,
                         const ExtractionOptions& options, const ProgressFn& progress = {});

/// The demo archive's responses for this list: DIR/responses/<camera>.{rmf,arf} when the list is
/// DIR/<obsid>/<camera>_events.fits; empty strings when absent.
std::pair<QString, QString> findDemoResponses(const QString& eventsPath, const QString& cameraKey);

/// "<dir>/<base>_bkg.pha" for "<dir>/<base>.pha".
QString backgroundSpectrumPath(const QString& spectrumPath);

}  // namespace xsky::products
