# Spectral fitting (core/spectral, issue #7): OGIP input, models, statistics, reference fits.
xsky_add_test(NAME tst_spectral_io SOURCES tst_spectral_io.cpp LABELS core)
xsky_add_test(NAME tst_spectral_models SOURCES tst_spectral_models.cpp LABELS core)
xsky_add_test(NAME tst_spectral_fit SOURCES tst_spectral_fit.cpp LABELS core)
add_dependencies(tst_spectral_fit xsky-cli)
xsky_add_test(NAME tst_spectral_components SOURCES tst_spectral_components.cpp LABELS core)
xsky_add_test(NAME tst_spectral_grouping SOURCES tst_spectral_grouping.cpp LABELS core)
