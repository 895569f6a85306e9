# core/products: extraction products (issue 6): OGIP spectra, light curves and images, the
# detector area behind BACKSCAL/EXPOSURE, and the per-list extraction driver.
target_sources(xsky_core PRIVATE
  products/ObservationInfo.h products/ObservationInfo.cpp
  products/ProductKeywords.h products/ProductKeywords.cpp
  products/ChannelScheme.h products/ChannelScheme.cpp
  products/DetectorArea.h products/DetectorArea.cpp
  products/PhaWriter.h products/PhaWriter.cpp
  products/LightCurve.h products/LightCurve.cpp
  products/ImageProduct.h products/ImageProduct.cpp
  products/Extraction.h products/Extraction.cpp
  products/RegionQuery.h products/RegionQuery.cpp
  products/ProductCache.h products/ProductCache.cpp
  products/ProductExport.h products/ProductExport.cpp
  products/ProductSketch.h products/ProductSketch.cpp)
