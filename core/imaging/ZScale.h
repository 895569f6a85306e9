#pragma once
// IRAF's zscale display limits: a line fitted, with iterative sigma rejection, to a sorted sample
// of the pixel values; the limits follow the line's slope divided by the contrast around the
// median. Parameters and sampling as astropy.visualization.ZScaleInterval (the reference the
// tests compare against): a regular stride over the pixels in storage order.

#include <span>
#include <vector>

#include "imaging/DisplayScale.h"

namespace xsky::imaging {

struct ZScaleParameters {
  int samples = 1000;
  double contrast = 0.25;
  double maxReject = 0.5;
  int minPixels = 5;
  double rejectSigma = 2.5;
  int maxIterations = 5;
};

/// zscale limits of the finite pixel values; {0, 1} when there are none.
Limits zscaleLimits(std::span<const float> pixels, const ZScaleParameters& p = {});
/// The same when the number of finite pixels is known (no counting pass; when every pixel is
/// finite the sample is taken by index, without a pass at all).
Limits zscaleLimits(std::span<const float> pixels, size_t finite, const ZScaleParameters& p = {});

}  // namespace xsky::imaging
