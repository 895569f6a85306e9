# Spectral fitting (core/spectral, issue #7): OGIP input, models, statistics, reference fits.
xsky_add_test(NAME tst_spectral_io SOURCES tst_spectral_io.cpp LABELS core)
xsky_add_test(NAME tst_spectral_models SOURCES tst_spectral_models.cpp LABELS core)
xsky_add_test(NAME tst_spectral_fit SOURCES tst_spectral_fit.cpp LABELS core)
add_dependencies(tst_spectral_fit xsky-cli)
xsky_add_test(NAME tst_spectral_components SOURCES tst_spectral_components.cpp LABELS core)
xsky_add_test(NAME tst_spectral_grouping SOURCES tst_spectral_grouping.cpp LABELS core)
xsky_add_test(NAME tst_spectral_errors SOURCES tst_spectral_errors.cpp LABELS core)
add_dependencies(tst_spectral_errors xsky-cli)
xsky_add_test(NAME tst_spectral_joint SOURCES tst_spectral_joint.cpp LABELS core)
add_dependencies(tst_spectral_joint xsky-cli)
# Two-parameter confidence grids against scipy, the projection property, --contour.
xsky_add_test(NAME tst_spectral_contour SOURCES tst_spectral_contour.cpp LABELS core)
add_dependencies(tst_spectral_contour xsky-cli)
# The unfolded spectrum E^2 f(E): analytic power laws and a hand-made spectrum.
xsky_add_test(NAME tst_spectral_unfolded SOURCES tst_spectral_unfolded.cpp LABELS core)
# Goodness of fit by simulation: Poisson deviates, what is drawn, calibration, --goodness.
xsky_add_test(NAME tst_spectral_goodness SOURCES tst_spectral_goodness.cpp LABELS core)
add_dependencies(tst_spectral_goodness xsky-cli)
# Coverage of the 90 % intervals on 2 x 200 simulated spectra (slow).
xsky_add_test(NAME tst_spectral_coverage SOURCES tst_spectral_coverage.cpp LABELS slow)
set_tests_properties(tst_spectral_coverage PROPERTIES TIMEOUT 900)
