# Source tables (core/catalog): VOTable TABLEDATA/BINARY/BINARY2 and FITS tables against astropy
# (tests/oracles/votable_oracle.py) and STILTS; bad input; position columns.
xsky_add_test(NAME tst_catalog_votable SOURCES tst_catalog_votable.cpp LABELS core)
set_tests_properties(tst_catalog_votable PROPERTIES TIMEOUT 600)
