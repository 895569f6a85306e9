# core/timing (issue 9): statistics against independent values, the demo's flare and pulsar, the CLI.
xsky_add_test(NAME tst_timing_stats SOURCES tst_timing_stats.cpp LABELS core)
xsky_add_test(NAME tst_timing_demo SOURCES tst_timing_demo.cpp LABELS core)
xsky_add_test(NAME tst_timing_cli SOURCES tst_timing_cli.cpp LABELS core)
add_dependencies(tst_timing_cli xsky-cli)
xsky_add_test(NAME tst_timing_falsealarm SOURCES tst_timing_falsealarm.cpp LABELS core slow)
# Rebinning, Poisson limits (Gehrels, KBN), net rates, hardness ratios, the long-term light curve
# and the FFT Z^2 grid, against astropy/SciPy/NumPy and the direct sum.
xsky_add_test(NAME tst_timing_lightcurves SOURCES tst_timing_lightcurves.cpp LABELS core)
