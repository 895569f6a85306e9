target_sources(xsky_core PRIVATE tasks/TaskManager.h tasks/TaskManager.cpp util/AtomicFile.h util/AtomicFile.cpp
  util/PostToThread.h util/PostToThread.cpp util/WorkerPool.h util/WorkerPool.cpp)
