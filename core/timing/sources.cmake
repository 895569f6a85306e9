# core/timing (issue 9): light-curve reading, variability statistics, Bayesian Blocks,
# periodograms of event times (direct and FFT) and epoch folding; rebinning, Poisson limits
# (Gehrels, Kraft-Burrows-Nousek), net rates, hardness ratios and the long-term light curve.
target_sources(xsky_core PRIVATE
  timing/IncompleteGamma.h timing/IncompleteGamma.cpp
  timing/Variability.h timing/Variability.cpp
  timing/BayesianBlocks.h timing/BayesianBlocks.cpp
  timing/Periodogram.h timing/Periodogram.cpp
  timing/EpochFolding.h timing/EpochFolding.cpp
  timing/LightCurveReader.h timing/LightCurveReader.cpp
  timing/EventTimes.h timing/EventTimes.cpp
  timing/EventBinning.h timing/EventBinning.cpp
  timing/FastZ2.h timing/FastZ2.cpp
  timing/PoissonLimits.h timing/PoissonLimits.cpp
  timing/LightCurveRebin.h timing/LightCurveRebin.cpp
  timing/LongTermLightCurve.h timing/LongTermLightCurve.cpp
  timing/LightCurveSet.h timing/LightCurveSet.cpp
  timing/DetectionThreshold.h timing/DetectionThreshold.cpp
  timing/FunctionalPruning.h timing/FunctionalPruning.cpp)
