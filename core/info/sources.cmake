target_sources(xsky_core PRIVATE info/FileInfo.h info/FileInfo.cpp)
