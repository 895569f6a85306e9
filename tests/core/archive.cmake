# The observation index (core/archive) and its command-line tools.
xsky_add_test(NAME tst_archive SOURCES tst_archive.cpp LABELS core)
xsky_add_test(NAME tst_archive_cli SOURCES tst_archive_cli.cpp LABELS core)
add_dependencies(tst_archive_cli xsky-cli)
xsky_add_test(NAME tst_archive_remote SOURCES tst_archive_remote.cpp LABELS core)
add_dependencies(tst_archive_remote xsky-cli)
