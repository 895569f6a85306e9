# SAMP: codec, lock file, callback-server defences, embedded hub (all in-process, no peers).
xsky_add_test(NAME tst_samp_codec SOURCES tst_samp_codec.cpp LABELS core)
xsky_add_test(NAME tst_samp_lockfile SOURCES tst_samp_lockfile.cpp LABELS core)
xsky_add_test(NAME tst_samp_server SOURCES tst_samp_server.cpp LABELS core)
xsky_add_test(NAME tst_samp_hub SOURCES tst_samp_hub.cpp LABELS core)
add_dependencies(tst_samp_hub xsky-cli)
