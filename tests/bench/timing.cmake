# Timing: Z^2_2 on 10^6 events x 10^5 frequencies vs NumPy, Bayesian Blocks vs astropy.
add_executable(bench_timing bench_timing.cpp)
target_link_libraries(bench_timing PRIVATE xsky_testsupport)
xsky_set_warnings(bench_timing)
