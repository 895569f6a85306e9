target_sources(xsky_core PRIVATE wcs/SkyWcs.h wcs/SkyWcs.cpp wcs/Angles.h wcs/Angles.cpp wcs/SkyFrames.h wcs/SkyFrames.cpp wcs/CoordinateGrid.h wcs/CoordinateGrid.cpp)
