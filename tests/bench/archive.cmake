# The observation index vs HEALPix C++'s Moc intersection (issue 5). Not a CTest test.
add_executable(bench_moc_index bench_moc_index.cpp)
target_link_libraries(bench_moc_index PRIVATE xsky_testsupport)
xsky_set_warnings(bench_moc_index)
