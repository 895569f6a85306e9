# The catalogue query language on 10^6 rows vs NumPy (anchor_query.py). Not a CTest test.
add_executable(bench_query bench_query.cpp)
target_link_libraries(bench_query PRIVATE xsky_testsupport)
xsky_set_warnings(bench_query)
