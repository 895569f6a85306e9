# Source tables (core/catalog): VOTable TABLEDATA/BINARY/BINARY2 and FITS tables against astropy
# (tests/oracles/votable_oracle.py) and STILTS; bad input; position columns.
xsky_add_test(NAME tst_catalog_votable SOURCES tst_catalog_votable.cpp LABELS core)
set_tests_properties(tst_catalog_votable PROPERTIES TIMEOUT 600)

# The query language (core/catalog/Query.h) against NumPy/astropy (tests/oracles/query_oracle.py),
# error columns, Sesame name resolution against a local server, and `xsky-cli query`.
xsky_add_test(NAME tst_catalog_query SOURCES tst_catalog_query.cpp LABELS core)
add_dependencies(tst_catalog_query xsky-cli)
set_tests_properties(tst_catalog_query PROPERTIES TIMEOUT 300)

# Cross-matching (core/catalog/CrossMatch.h) against astropy's match_to_catalog_sky and
# search_around_sky (tests/oracles/crossmatch_oracle.py); sources in regions; 1e5 x 1e5 speed.
xsky_add_test(NAME tst_catalog_crossmatch SOURCES tst_catalog_crossmatch.cpp LABELS core)
set_tests_properties(tst_catalog_crossmatch PROPERTIES TIMEOUT 300)

# `xsky-cli crossmatch` on an astropy FITS table and VOTable (tests/oracles/crossmatch_oracle.py):
# nearest and --all against match_to_catalog_sky/search_around_sky, the joined --votable, errors.
xsky_add_test(NAME tst_catalog_crossmatch_cli SOURCES tst_catalog_crossmatch_cli.cpp LABELS core)
add_dependencies(tst_catalog_crossmatch_cli xsky-cli)
set_tests_properties(tst_catalog_crossmatch_cli PROPERTIES TIMEOUT 300)
