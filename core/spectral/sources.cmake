# core/spectral: OGIP spectra and responses, grouping, models and their expression language,
# folding, fit statistics, the fitters, joint parameters, covariance and profile confidence
# intervals and two-parameter contours, band fluxes, goodness of fit by simulation (issue #7).
target_sources(xsky_core PRIVATE
  spectral/OgipSpectrum.h spectral/OgipSpectrum.cpp
  spectral/OgipResponse.h spectral/OgipResponse.cpp
  spectral/Grouping.h spectral/Grouping.cpp
  spectral/SpectralData.h spectral/SpectralData.cpp
  spectral/Wabs.h spectral/Wabs.cpp
  spectral/TabulatedAbsorption.h spectral/TabulatedAbsorption.cpp spectral/AbsorptionTables.inc
  spectral/BinIntegration.h
  spectral/ContinuumComponents.h spectral/ContinuumComponents.cpp
  spectral/ModelComponents.h spectral/ModelComponents.cpp
  spectral/ModelExpression.h spectral/ModelExpression.cpp
  spectral/FitStatistic.h spectral/FitStatistic.cpp
  spectral/LevenbergMarquardt.h spectral/LevenbergMarquardt.cpp
  spectral/NelderMead.h spectral/NelderMead.cpp
  spectral/JointParameters.h spectral/JointParameters.cpp
  spectral/SpectralFit.h spectral/SpectralFit.cpp
  spectral/ConfidenceIntervals.h spectral/ConfidenceIntervals.cpp
  spectral/ConfidenceContour.h spectral/ConfidenceContour.cpp
  spectral/ContourLines.h spectral/ContourLines.cpp
  spectral/FluxCalculation.h spectral/FluxCalculation.cpp
  spectral/PoissonDeviates.h spectral/PoissonDeviates.cpp
  spectral/GoodnessOfFit.h spectral/GoodnessOfFit.cpp
  spectral/FitPlotData.h spectral/FitPlotData.cpp)
# Folding through the response is the fit's inner loop (an AXPY per energy row): vectorised.
set_source_files_properties(spectral/SpectralData.cpp PROPERTIES
  COMPILE_OPTIONS "$<$<NOT:$<CONFIG:Debug>>:-O3>")
