#pragma once
// The long-term light curve of one source: one net count rate per observation, or an upper limit
// where the source is not detected, and the maximum/minimum ratio across observations.
//
// Per observation (counts in the source and background areas, exposure, BACKSCAL):
//   scale = (BACKSCAL_src / BACKSCAL_bkg) (T_src / T_bkg) is the background expected in the
//   source area per background count; mu_B = scale B.
//   Detection: the chance that the background alone gives the observed source counts,
//   P(X >= S | mu_B), is below `detectionFap` (default 1.35e-3, one-sided 3 sigma).
//   Detected: net rate (S - mu_B) / T_src with asymmetric 1-sigma Gehrels errors (PoissonLimits.h).
//   Not detected: the upper limit is the upper end of the Kraft, Burrows & Nousek (1991) Bayesian
//   interval of the source counts at `upperLimitLevel` (default 99.73 %, the 3-sigma content),
//   treating mu_B as known, divided by T_src. For a non-detection that interval starts at 0, so
//   it is a one-sided upper limit; it equals astropy.stats.poisson_conf_interval(S,
//   interval='kraft-burrows-nousek', background=mu_B, confidence_level=0.9973)[1].
//
// Max/min ratio (as the XMM-Newton survey's transient alerts compare observations, upper limits
// included): the maximum is the highest detected rate; the minimum is the lowest of the detected
// rates and the upper limits. When the minimum is an upper limit the ratio max / UL is a lower
// limit on the true variation, and its significance is (max - UL) / sigma_max(low); between two
// detections it is (max - min) / sqrt(sigma_max(low)^2 + sigma_min(high)^2). A source is flagged
// when the ratio reaches `ratioThreshold` and the significance `significanceThreshold`.
// Rates counts/s, exposures s, times as the caller gives them (e.g. MJD of the observation).

#include <vector>

#include <QString>

namespace xsky::products {
struct ExtractionResult;
}

namespace xsky::timing {

struct ObservationCounts {
  QString label;  // obsid and camera
  double time = 0;  // the caller's time axis (MJD, s, ...)
  double sourceCounts = 0, backgroundCounts = 0;
  double sourceExposureS = 0, backgroundExposureS = 0;  // background: 0 means the source's
  double sourceBackscal = 1, backgroundBackscal = 0;   // background BACKSCAL 0: no background
};

/// The counts of one extraction (products/Extraction.h) at time `time`.
ObservationCounts observationFromExtraction(const products::ExtractionResult& r, double time);

struct LongTermPoint {
  QString label;
  double time = 0;
  bool detected = false;
  double rate = 0;                   // net, counts/s (detected); the upper limit otherwise
  double errorLow = 0, errorHigh = 0;  // 1 sigma, counts/s (0 for an upper limit)
  double backgroundCounts = 0;       // expected in the source area, mu_B
  double detectionFap = 1;           // P(X >= S | mu_B)
};

struct LongTermOptions {
  double detectionFap = 1.3498980316301e-3;  // one-sided 3 sigma
  double upperLimitLevel = 0.99730020393674;  // 3-sigma content
  double ratioThreshold = 5;
  double significanceThreshold = 3;
};

struct LongTermVariability {
  int maxIndex = -1, minIndex = -1;  // into the points; -1 when undefined
  double ratio = 0;                  // NaN when undefined, +inf when the minimum is <= 0
  bool ratioIsLowerLimit = false;    // the minimum is an upper limit
  double significance = 0;           // sigma
  bool flagged = false;
  QString note;  // why the ratio is undefined
};

struct LongTermLightCurve {
  std::vector<LongTermPoint> points;
  LongTermVariability variability;
};

/// Throws xsky::Error when an observation has no positive source exposure or negative counts.
LongTermLightCurve longTermLightCurve(const std::vector<ObservationCounts>& observations,
                                      const LongTermOptions& options = {});

}  // namespace xsky::timing
