// Fuzz target: region files (core/regions). The text goes through the dialect-guessing reader
// without a reference image, through the DS9 and CIAO readers with one (a TAN image, so pixel <->
// sky conversions run), and every region read is measured and written back out as DS9 and CIAO.
#include "FuzzTargets.h"
#include "fits/FitsError.h"
#include "regions/CiaoRegionReader.h"
#include "regions/CiaoRegionWriter.h"
#include "regions/Ds9RegionReader.h"
#include "regions/Ds9RegionWriter.h"
#include "regions/RegionFileIo.h"
#include "regions/RegionGeometry.h"

namespace xsky::fuzz {

namespace {

using namespace xsky::regions;

const ReferenceImage& referenceImage() {
  static const ReferenceImage image = ReferenceImage::fromHeaderText(
      QStringLiteral("NAXIS   = 2\nNAXIS1  = 1024\nNAXIS2  = 1024\n"
                     "CTYPE1  = 'RA---TAN'\nCTYPE2  = 'DEC--TAN'\n"
                     "CRPIX1  = 512.5\nCRPIX2  = 512.5\n"
                     "CDELT1  = -0.000136666666666667\nCDELT2  = 0.000136666666666667\n"
                     "CRVAL1  = 202.48\nCRVAL2  = 47.21\nRADESYS = 'FK5'\nEQUINOX = 2000.0\n"
                     "LTM1_1  = 0.5\nLTM2_2  = 0.5\nLTV1    = -100\nLTV2    = -100\n"),
      QStringLiteral("fuzz.fits"));
  return image;
}

void exercise(const RegionReadResult& result) {
  for (const Region& r : result.regions) {
    (void)area(r);
    (void)contains(r, centroid(r));
    (void)boundingBox(r);
    (void)boundingRadius(r);
    (void)outline(r, 16);
  }
  QStringList problems;
  Ds9WriteOptions ds9;
  ds9.image = &referenceImage();
  (void)Ds9RegionWriter(ds9).toText(result.regions, &problems);
  ds9.skyFormat = SkyFormat::Sexagesimal;
  ds9.system = CoordSystem::Galactic;
  (void)Ds9RegionWriter(ds9).toText(result.regions, &problems);
}

}  // namespace

int fuzzRegions(const uint8_t* data, size_t size) {
  const QString text = toText(data, size);
  const QString name = QStringLiteral("fuzz.reg");
  try {
    exercise(readRegionText(text, name, RegionReadOptions{}));
  } catch (const Error&) {
  }
  RegionReadOptions withImage;
  withImage.image = &referenceImage();
  try {
    exercise(Ds9RegionReader(withImage).readText(text, name));
  } catch (const Error&) {
  }
  try {
    const RegionReadResult ciao = CiaoRegionReader(withImage).readText(text, name);
    exercise(ciao);
    CiaoWriteOptions options;
    options.image = &referenceImage();
    QStringList problems;
    (void)CiaoRegionWriter(options).toText(ciao.regions, &problems);
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace xsky::fuzz
