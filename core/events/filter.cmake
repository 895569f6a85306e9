# Event filtering for extraction (issue 6): the non-spatial cuts and the region selection.
target_sources(xsky_core PRIVATE
  events/EventFilter.h events/EventFilter.cpp
  events/EventSelection.h events/EventSelection.cpp)
