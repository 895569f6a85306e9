# core/timing (issue 9): light-curve reading, variability statistics, Bayesian Blocks,
# periodograms of event times and epoch folding.
target_sources(xsky_core PRIVATE
  timing/IncompleteGamma.h timing/IncompleteGamma.cpp
  timing/Variability.h timing/Variability.cpp
  timing/BayesianBlocks.h timing/BayesianBlocks.cpp
  timing/Periodogram.h timing/Periodogram.cpp
  timing/EpochFolding.h timing/EpochFolding.cpp
  timing/LightCurveReader.h timing/LightCurveReader.cpp
  timing/EventTimes.h timing/EventTimes.cpp
  timing/EventBinning.h timing/EventBinning.cpp)
