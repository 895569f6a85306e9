#pragma once
// Rebinning a binned light curve (LightCurveBand: bin start, width, FRACEXP, rate, error, counts).
// A new bin gathers whole old bins; its exposure is the sum of theirs (width x FRACEXP), so gaps
// and partly exposed bins weigh what they were exposed; its rate is the exposure-weighted mean
// rate, sum(r_i e_i) / sum(e_i), which for a gross rate is sum(counts) / exposure and also holds
// for background-subtracted rates; its error sqrt(sum (s_i e_i)^2) / sum(e_i) (independent bins),
// or, when the band's errors came from the counts, Poisson from the summed counts. The new bin
// spans its first old bin's start to its last old bin's end; FRACEXP = exposure / span.
// Zero-exposure bins are skipped. Times in s, rates counts/s.

#include "timing/LightCurveReader.h"

namespace xsky::timing {

/// Merges every `factor` consecutive bins (the last group may be shorter). A gap in the data
/// longer than a bin also starts a new group, so no merged bin spans a gap. Throws xsky::Error
/// for factor < 1.
LightCurveBand rebinByFactor(const LightCurveBand& band, int factor);

/// New bins of `widthS` from the first bin's start; each old bin goes to the new bin holding its
/// centre. Throws xsky::Error when widthS is not positive or smaller than the current bins
/// (rebinning cannot split a bin), or when it would make more than 1e8 bins.
LightCurveBand rebinToWidth(const LightCurveBand& band, double widthS);

/// Consecutive bins gathered until each new bin holds at least `minCounts` counts (the counts
/// column); a last group short of it joins the previous bin. Throws xsky::Error for minCounts <= 0
/// or when the whole light curve holds fewer counts.
LightCurveBand rebinMinCounts(const LightCurveBand& band, double minCounts);

}  // namespace xsky::timing
