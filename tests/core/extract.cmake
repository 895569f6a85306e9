# Extraction (issue 6): filtering and counts on real MOS lists, products on the demo, the CLI.
xsky_add_test(NAME tst_extract SOURCES tst_extract.cpp LABELS core)
xsky_add_test(NAME tst_extract_products SOURCES tst_extract_products.cpp LABELS core)
add_dependencies(tst_extract_products xsky-cli)
xsky_add_test(NAME tst_product_cache SOURCES tst_product_cache.cpp LABELS core)
xsky_add_test(NAME tst_region_query SOURCES tst_region_query.cpp LABELS core)
