target_sources(xsky_core PRIVATE fits/FitsError.h fits/FitsFile.h fits/FitsFile.cpp util/Progress.h)
