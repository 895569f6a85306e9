target_sources(xsky_core PRIVATE events/Gti.h events/Gti.cpp events/EventList.h events/EventListReader.h events/EventListReader.cpp)
