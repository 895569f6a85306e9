# The observation index (SQLite through Qt Sql), its scanner and the in-memory footprint index.
target_sources(xsky_core PRIVATE
  archive/ObservationRecord.h
  archive/FootprintBlob.h archive/FootprintBlob.cpp
  archive/FileChecksum.h archive/FileChecksum.cpp
  archive/ObservationDates.h archive/ObservationDates.cpp
  archive/ObservationKeywords.h archive/ObservationKeywords.cpp
  archive/ObservationIndex.h archive/ObservationIndex.cpp
  archive/FootprintIndex.h archive/FootprintIndex.cpp
  archive/ObservationFileReader.h archive/ObservationFileReader.cpp
  archive/ObservationScanner.h archive/ObservationScanner.cpp
  archive/DownloadCache.h archive/DownloadCache.cpp
  archive/ArchiveListing.h archive/ArchiveListing.cpp)
