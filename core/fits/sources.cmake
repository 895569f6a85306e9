target_sources(xsky_core PRIVATE fits/FitsError.h fits/FitsFile.h fits/FitsFile.cpp fits/DirectRead.h fits/DirectRead.cpp util/Progress.h util/DefaultInitAllocator.h)
