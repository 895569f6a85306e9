# Region geometry, DS9/CIAO region files and containment (core/regions).
xsky_add_test(NAME tst_regions_ds9 SOURCES tst_regions_ds9.cpp LABELS core)
xsky_add_test(NAME tst_regions_ciao SOURCES tst_regions_ciao.cpp LABELS core)
xsky_add_test(NAME tst_regions_geometry SOURCES tst_regions_geometry.cpp LABELS core)
xsky_add_test(NAME tst_regions_corpus SOURCES tst_regions_corpus.cpp LABELS core)
xsky_add_test(NAME tst_regions_stats SOURCES tst_regions_stats.cpp LABELS core)
xsky_add_test(NAME tst_regions_cli SOURCES tst_regions_cli.cpp LABELS core)
add_dependencies(tst_regions_cli xsky-cli)
