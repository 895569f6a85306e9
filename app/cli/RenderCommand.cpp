// xsky-cli render FILE [--hdu N] [--plane K] [--region R.reg] [--scale S] [--limits L] [--cmap NAME]
//                 [--invert] [--energy LO:HI] [--bin N] [--size WxH] [--no-grid] [--no-compass]
//                 -o OUT.png
//   Draws the view the desktop application shows, headlessly: the image (or the event list
//   binned) zoomed to fill the size, in pixel orientation with no reprojection (FITS row 1 at the
//   bottom, as DS9), with the WCS grid, the N/E compass and the regions.

#include <QCommandLineParser>
#include <QFileInfo>
#include <QImage>
#include <QPainter>

#include <cmath>
#include <cstdio>

#include "cli/CliCommon.h"
#include "fits/FitsError.h"
#include "imaging/ColorLut.h"
#include "imaging/Colormaps.h"
#include "imaging/SkyImageLoader.h"
#include "imaging/ViewRenderer.h"
#include "regions/RegionFileIo.h"
#include "regions/ReferenceImage.h"
#include "regions/RegionPainter.h"
#include "sky/SkyOverlayPainter.h"

namespace xsky::cli {

namespace {

const QString kCommand = QStringLiteral("render");

/// "LO:HI" with either side optional; values in the list's energy axis units, or with a keV/eV
/// suffix converted to the axis unit (eV for XMM PI and Chandra ENERGY).
bool parseEnergy(const QString& text, const QString& axisUnit, std::optional<double>* lo,
                 std::optional<double>* hi) {
  const QStringList parts = text.split(QLatin1Char(':'));
  if (parts.size() != 2) return false;
  const bool axisInKeV = axisUnit.compare(QLatin1String("keV"), Qt::CaseInsensitive) == 0;
  auto one = [&](QString s, std::optional<double>* out) {
    s = s.trimmed();
    if (s.isEmpty()) return true;
    double factor = 1;
    if (s.endsWith(QLatin1String("keV"), Qt::CaseInsensitive)) {
      s.chop(3);
      factor = axisInKeV ? 1 : 1000;
    } else if (s.endsWith(QLatin1String("eV"), Qt::CaseInsensitive)) {
      s.chop(2);
      factor = axisInKeV ? 1e-3 : 1;
    }
    bool ok = false;
    const double v = s.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) return false;
    *out = v * factor;
    return true;
  };
  if (!one(parts[0], lo) || !one(parts[1], hi)) return false;
  return !(*lo && *hi && **lo >= **hi);
}

}  // namespace

int runRender(const QStringList& args) {
  QCommandLineParser parser;
  const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("output")},
                               QStringLiteral("PNG file to write."), QStringLiteral("OUT.png"));
  const QCommandLineOption hdu(QStringLiteral("hdu"), QStringLiteral("Image HDU (0-based; default: the first 2-D image)."),
                               QStringLiteral("N"));
  const QCommandLineOption plane(QStringLiteral("plane"), QStringLiteral("Plane of a cube (0-based)."),
                                 QStringLiteral("K"), QStringLiteral("0"));
  const QCommandLineOption region(QStringLiteral("region"), QStringLiteral("DS9 or CIAO region file to draw."),
                                  QStringLiteral("R.reg"));
  const QCommandLineOption scale(QStringLiteral("scale"),
                                 QStringLiteral("linear (default), log, sqrt, squared, asinh or histequ."),
                                 QStringLiteral("SCALE"), QStringLiteral("linear"));
  const QCommandLineOption limits(QStringLiteral("limits"),
                                  QStringLiteral("minmax (default), zscale, a percentile such as 99.5, or LO:HI."),
                                  QStringLiteral("LIMITS"), QStringLiteral("minmax"));
  const QCommandLineOption cmap(QStringLiteral("cmap"), QStringLiteral("Colormap name (default gray)."),
                                QStringLiteral("NAME"), QStringLiteral("gray"));
  const QCommandLineOption invert(QStringLiteral("invert"), QStringLiteral("Invert the colormap."));
  const QCommandLineOption energy(QStringLiteral("energy"),
                                  QStringLiteral("Event lists: energy band LO:HI in the energy column's units "
                                                 "(XMM PI: eV), or with a keV/eV suffix."),
                                  QStringLiteral("LO:HI"));
  const QCommandLineOption bin(QStringLiteral("bin"), QStringLiteral("Event lists: sky pixels per image pixel."),
                               QStringLiteral("N"));
  const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Output size (default 800x800)."),
                                QStringLiteral("WxH"), QStringLiteral("800x800"));
  const QCommandLineOption noGrid(QStringLiteral("no-grid"), QStringLiteral("Leave out the WCS grid."));
  const QCommandLineOption noCompass(QStringLiteral("no-compass"), QStringLiteral("Leave out the compass."));
  parser.addOptions({out, hdu, plane, region, scale, limits, cmap, invert, energy, bin, size, noGrid, noCompass});
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("FITS image or event list."));
  int exitCode = kOk;
  if (!parseArgs(parser, args, QStringLiteral("Draws a FITS image or event list as a PNG, as the viewer shows it."),
                 &exitCode)) {
    return exitCode;
  }
  const QStringList files = parser.positionalArguments().mid(1);
  if (files.size() != 1) return fail(kCommand, QStringLiteral("give exactly one FILE"), kUsage);
  if (!parser.isSet(out)) return fail(kCommand, QStringLiteral("-o OUT.png is required"), kUsage);

  imaging::DisplaySettings display;
  if (!imaging::parseScale(parser.value(scale), &display.scale)) {
    return fail(kCommand, QStringLiteral("unknown scale '%1'").arg(parser.value(scale)), kUsage);
  }
  if (!imaging::parseLimits(parser.value(limits), &display)) {
    return fail(kCommand, QStringLiteral("bad limits '%1' (minmax, zscale, 99.5 or LO:HI)").arg(parser.value(limits)),
                kUsage);
  }
  if (!imaging::colormapNames().contains(parser.value(cmap))) {
    return fail(kCommand, QStringLiteral("unknown colormap '%1' (one of: %2)")
                              .arg(parser.value(cmap), imaging::colormapNames().join(QLatin1String(", "))),
                kUsage);
  }
  display.colormap = parser.value(cmap);
  display.invert = parser.isSet(invert);
  const QStringList wh = parser.value(size).split(QLatin1Char('x'));
  int width = 0, height = 0;
  if (wh.size() == 2) {
    width = wh[0].toInt();
    height = wh[1].toInt();
  }
  if (width < 1 || height < 1 || width > 16384 || height > 16384) {
    return fail(kCommand, QStringLiteral("bad size '%1' (WxH, 1..16384)").arg(parser.value(size)), kUsage);
  }

  try {
    imaging::LoadOptions load;
    bool ok = true;
    if (parser.isSet(hdu)) load.hdu = parser.value(hdu).toInt(&ok);
    if (!ok || load.hdu < -1) return fail(kCommand, QStringLiteral("bad --hdu"), kUsage);
    load.plane = parser.value(plane).toLong(&ok);
    if (!ok || load.plane < 0) return fail(kCommand, QStringLiteral("bad --plane"), kUsage);
    imaging::LoadedSkyImage loaded = imaging::loadSkyImage(files[0], load);
    if (parser.isSet(energy) || parser.isSet(bin)) {
      if (!loaded.events) {
        return fail(kCommand, QStringLiteral("--energy and --bin apply to event lists; %1 is an image")
                                  .arg(files[0]), kUsage);
      }
      imaging::BinningSpec spec = loaded.binning;
      if (parser.isSet(energy) &&
          !parseEnergy(parser.value(energy), loaded.events->energyUnit, &spec.energyMin, &spec.energyMax)) {
        return fail(kCommand, QStringLiteral("bad --energy '%1' (LO:HI, e.g. 500:2000 or 0.5keV:2keV)")
                                  .arg(parser.value(energy)), kUsage);
      }
      if (parser.isSet(bin)) {
        const double factor = parser.value(bin).toDouble(&ok);
        if (!ok || !(factor > 0)) return fail(kCommand, QStringLiteral("bad --bin"), kUsage);
        // The same sky extent as the default whole-list binning, at the new bin factor.
        const double extentX = spec.binFactor * spec.width, extentY = spec.binFactor * spec.height;
        spec.width = std::clamp(static_cast<int>(std::ceil(extentX / factor)), 1, 16384);
        spec.height = std::clamp(static_cast<int>(std::ceil(extentY / factor)), 1, 16384);
        if (!spec.centre) {
          const imaging::Image2D& img = *loaded.image;
          spec.centre = img.toPhysical({0.5 + img.width / 2.0, 0.5 + img.height / 2.0});
        }
        spec.binFactor = factor;
      }
      loaded = imaging::rebinSkyImage(loaded, spec);
    }
    const imaging::Image2D& image = *loaded.image;
    if (image.empty()) return fail(kCommand, QStringLiteral("%1: nothing to draw").arg(files[0]));

    imaging::ViewGeometry view;
    view.width = width;
    view.height = height;
    view.zoom = std::min(width / double(image.width), height / double(image.height));
    view.centreX = 0.5 + image.width / 2.0;
    view.centreY = 0.5 + image.height / 2.0;
    const imaging::ColorLut lut(display, imaging::computeLimits(image, display), image);
    QImage frame(width, height, QImage::Format_RGB32);
    imaging::renderView(image, lut, view, 0xff202020u, reinterpret_cast<uint32_t*>(frame.bits()));

    QPainter painter(&frame);
    if (!image.wcs) {
      widgets::paintNoWcsNotice(painter, view);
      std::fprintf(stderr, "xsky-cli render: note: %s has no valid WCS; drawn in pixel coordinates\n",
                   qPrintable(files[0]));
    } else {
      if (!parser.isSet(noGrid)) widgets::paintCoordinateGrid(painter, *image.wcs, view, wcs::CelestialFrame::Icrs);
      if (!parser.isSet(noCompass)) widgets::paintCompass(painter, *image.wcs, view);
    }
    if (parser.isSet(region)) {
      regions::ReferenceImage reference;
      if (image.wcs) {
        reference = regions::ReferenceImage::fromWcs(*image.wcs, {}, image.width, image.height);
      }
      regions::RegionReadOptions options;
      options.image = &reference;
      options.keepPhysicalFrame = loaded.events != nullptr;
      const regions::RegionReadResult read = regions::readRegionFile(parser.value(region), options);
      for (const QString& e : read.errors) std::fprintf(stderr, "%s\n", qPrintable(e));
      for (const QString& w : read.warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
      widgets::paintRegions(painter, read.regions, image, view);
    }
    painter.end();
    const QString target = parser.value(out);
    const QString temporary = target + QStringLiteral(".part.png");
    if (!frame.save(temporary, "PNG")) {
      QFile::remove(temporary);
      return fail(kCommand, QStringLiteral("cannot write %1").arg(target));
    }
    QFile::remove(target);
    if (!QFile::rename(temporary, target)) {
      QFile::remove(temporary);
      return fail(kCommand, QStringLiteral("cannot write %1").arg(target));
    }
    std::printf("%s: %dx%d image, %s, drawn at %dx%d into %s\n", qPrintable(QFileInfo(files[0]).fileName()),
                image.width, image.height, qPrintable(loaded.description), width, height, qPrintable(target));
  } catch (const Error& e) {
    return fail(kCommand, QString::fromUtf8(e.what()));
  }
  return kOk;
}

}  // namespace xsky::cli
