# MOC coverage (core/moc): set algebra, builders, footprints, FITS/ASCII/JSON, xsky-cli moc.
xsky_add_test(NAME tst_moc SOURCES tst_moc.cpp LABELS core)
xsky_add_test(NAME tst_moc_io SOURCES tst_moc_io.cpp LABELS core)
xsky_add_test(NAME tst_moc_cli SOURCES tst_moc_cli.cpp LABELS core)
add_dependencies(tst_moc_cli xsky-cli)
