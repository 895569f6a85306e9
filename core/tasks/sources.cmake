target_sources(xsky_core PRIVATE tasks/TaskManager.h tasks/TaskManager.cpp util/AtomicFile.h util/AtomicFile.cpp)
