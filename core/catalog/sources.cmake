# core/catalog: source tables (column-oriented), VOTable and FITS table I/O, position columns.
target_sources(xsky_core PRIVATE
  catalog/SourceTable.h catalog/SourceTable.cpp
  catalog/VoTableFields.h catalog/VoTableFields.cpp
  catalog/VoTableBinary.h catalog/VoTableBinary.cpp
  catalog/VoTableReader.h catalog/VoTableReader.cpp
  catalog/VoTableWriter.h catalog/VoTableWriter.cpp
  catalog/FitsTableReader.h catalog/FitsTableReader.cpp
  catalog/PositionColumns.h catalog/PositionColumns.cpp)
