# Workspace sessions: the versioned JSON that saves and restores what the user set up.
target_sources(xsky_core PRIVATE
  session/Session.h session/Session.cpp)
