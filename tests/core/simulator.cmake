# The demo-sky simulator (core/sim) and the OGIP response writer (core/products/ResponseWriter).
xsky_add_test(NAME tst_simulator SOURCES tst_simulator.cpp LABELS core)
# The same executable's statistical check over 20 seeds (about 15 s): ctest -L slow.
add_test(NAME tst_simulator_seeds COMMAND tst_simulator apertureCountsOverManySeeds)
set_tests_properties(tst_simulator_seeds PROPERTIES LABELS "slow"
                     ENVIRONMENT "QT_QPA_PLATFORM=offscreen;XSKY_SLOW_TESTS=1")
