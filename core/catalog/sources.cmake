# core/catalog: source tables (column-oriented), VOTable and FITS table I/O, position columns.
target_sources(xsky_core PRIVATE
  catalog/SourceTable.h catalog/SourceTable.cpp
  catalog/VoTableFields.h catalog/VoTableFields.cpp
  catalog/VoTableBinary.h catalog/VoTableBinary.cpp
  catalog/VoTableReader.h catalog/VoTableReader.cpp
  catalog/VoTableWriter.h catalog/VoTableWriter.cpp
  catalog/FitsTableReader.h catalog/FitsTableReader.cpp
  catalog/SourceTableFile.h catalog/SourceTableFile.cpp
  catalog/PositionColumns.h catalog/PositionColumns.cpp)

# The query language (parser, block evaluator), sky targets and angles, and name resolution.
target_sources(xsky_core PRIVATE
  catalog/Query.h catalog/Query.cpp catalog/QueryAst.h
  catalog/QueryParser.cpp catalog/QueryEvaluator.cpp
  catalog/RowBitmap.h catalog/RowBitmap.cpp catalog/SkyCapTest.h
  catalog/ColumnIndex.h catalog/ColumnIndex.cpp catalog/TableIndex.h catalog/TableIndex.cpp
  catalog/QueryIndexPlan.h catalog/QueryIndexPlan.cpp
  catalog/SkyTarget.h catalog/SkyTarget.cpp
  catalog/NameResolver.h catalog/NameResolver.cpp)
# The evaluator's block loops are written to be vectorised: ask for it in optimised builds too.
# (-fno-math-errno differs from the precompiled header's flags, which clang refuses: no PCH here.)
set_source_files_properties(catalog/QueryEvaluator.cpp catalog/RowBitmap.cpp PROPERTIES
  COMPILE_OPTIONS "$<$<NOT:$<CONFIG:Debug>>:-O3;-fno-math-errno>"
  SKIP_PRECOMPILE_HEADERS ON)

# Cross-matching: sources inside the user's regions, neighbours within a radius (zone index).
# The matches as pairs and as one joined table (xsky-cli crossmatch --votable).
target_sources(xsky_core PRIVATE catalog/CrossMatch.h catalog/CrossMatch.cpp
  catalog/MatchedTable.h catalog/MatchedTable.cpp)
