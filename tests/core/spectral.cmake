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
# Coverage of the 90 % intervals on 2 x 200 simulated spectra (slow).
xsky_add_test(NAME tst_spectral_coverage SOURCES tst_spectral_coverage.cpp LABELS slow)
set_tests_properties(tst_spectral_coverage PROPERTIES TIMEOUT 900)
