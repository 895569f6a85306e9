# The demo-sky simulator, its analytic responses and the OGIP response writer.
set(XSKY_SIM_SOURCES
  sim/Camera.h
  sim/Random.h sim/Random.cpp
  sim/TangentPlane.h sim/TangentPlane.cpp
  sim/MissionTime.h sim/MissionTime.cpp
  sim/CameraGeometry.h sim/CameraGeometry.cpp
  sim/Optics.h sim/Optics.cpp
  sim/Spectra.h sim/Spectra.cpp
  sim/AnalyticResponse.h sim/AnalyticResponse.cpp
  sim/EnergySampler.h sim/EnergySampler.cpp
  sim/FieldModel.h sim/FieldModel.cpp
  sim/Exposure.h sim/Exposure.cpp
  sim/EventListModel.h sim/EventListModel.cpp
  sim/EventChunk.h
  sim/EventSimulator.h sim/EventSimulator.cpp
  sim/EventHeaders.h sim/EventHeaders.cpp
  sim/EventWriter.h sim/EventWriter.cpp
  sim/ApertureStats.h sim/ApertureStats.cpp
  sim/TruthJson.h sim/TruthJson.cpp
  sim/DemoCatalogue.h sim/DemoCatalogue.cpp
  sim/DemoSky.h sim/DemoSky.cpp)
target_sources(xsky_core PRIVATE ${XSKY_SIM_SOURCES}
  products/ResponseWriter.h products/ResponseWriter.cpp)
# Byte-identical output on every machine: no fused multiply-add contraction in the simulator
# (compilers may otherwise fuse a*b+c differently per target).
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set_source_files_properties(${XSKY_SIM_SOURCES} PROPERTIES COMPILE_OPTIONS -ffp-contract=off)
endif()
