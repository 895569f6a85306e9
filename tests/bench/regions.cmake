# Region containment on 10^7 events vs NumPy (anchor_region_contains.py). Not a CTest test.
add_executable(bench_region_contains bench_region_contains.cpp)
target_link_libraries(bench_region_contains PRIVATE xsky_testsupport)
xsky_set_warnings(bench_region_contains)
