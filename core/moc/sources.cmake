# core/moc: IVOA MOC 2.0 coverage (space, time, space-time), builders and serialization.
target_sources(xsky_core PRIVATE
  moc/SpaceMoc.h moc/SpaceMoc.cpp
  moc/RangeAlgebra.h moc/RangeAlgebra.cpp
  moc/MocBuilders.h moc/MocBuilders.cpp
  moc/MocFootprint.h moc/MocFootprint.cpp
  moc/TimeMoc.h moc/TimeMoc.cpp
  moc/SpaceTimeMoc.h moc/SpaceTimeMoc.cpp
  moc/MocIo.h moc/MocIo.cpp
  moc/MocText.h moc/MocText.cpp
  moc/MocOutline.h moc/MocOutline.cpp)
