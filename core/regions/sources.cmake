# core/regions: region shapes and frames, DS9/CIAO region files, containment and statistics.
target_sources(xsky_core PRIVATE
  regions/RegionTypes.h regions/Shapes.h regions/Shapes.cpp regions/Region.h
  regions/ReferenceImage.h regions/ReferenceImage.cpp
  regions/CoordinateMapper.h regions/CoordinateMapper.cpp
  regions/SkyGeometry.h regions/SkyGeometry.cpp
  regions/RegionValidation.h regions/RegionValidation.cpp
  regions/ShapeTransform.h regions/ShapeTransform.cpp
  regions/RegionFileIo.h regions/RegionFileIo.cpp
  regions/Ds9Syntax.h regions/Ds9Syntax.cpp
  regions/Ds9Values.h regions/Ds9Values.cpp
  regions/Ds9Properties.h regions/Ds9Properties.cpp
  regions/RegionArguments.h regions/RegionArguments.cpp
  regions/Ds9ShapeBuilder.h regions/Ds9ShapeBuilder.cpp
  regions/Ds9RegionReader.h regions/Ds9RegionReader.cpp
  regions/CiaoRegionReader.h regions/CiaoRegionReader.cpp
  regions/Ds9Format.h regions/Ds9Format.cpp
  regions/Ds9RegionWriter.h regions/Ds9RegionWriter.cpp
  regions/CiaoRegionWriter.h regions/CiaoRegionWriter.cpp
  regions/PlaneModel.h regions/PlaneModel.cpp
  regions/RegionGeometry.h regions/RegionGeometry.cpp
  regions/Homography.h regions/Homography.cpp
  regions/RegionSet.h regions/RegionSet.cpp
  regions/FastKernels.h regions/FastKernels.cpp
  regions/FastShape.h regions/FastShape.cpp
  regions/ProjectedRegion.h regions/ProjectedRegion.cpp
  regions/RegionStats.h regions/RegionStats.cpp
  regions/ShapeEdit.h regions/ShapeEdit.cpp
  regions/ImageRegionStats.h regions/ImageRegionStats.cpp)
# The containment inner loops must be vectorised whatever the build type (GCC's -O2 cost model
# leaves loops with a remainder scalar).
set_source_files_properties(regions/FastKernels.cpp PROPERTIES COMPILE_OPTIONS "-O3;-fno-trapping-math")
