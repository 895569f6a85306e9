# Workspace sessions (issue 11): the format.
xsky_add_test(NAME tst_session SOURCES tst_session.cpp LABELS core)
