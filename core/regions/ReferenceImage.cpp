#include "regions/ReferenceImage.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <numbers>

#include "fits/FitsFile.h"

namespace xsky::regions {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

double wrap360(double a) {
  double r = std::fmod(a, 360.0);
  if (r < 0) r += 360.0;
  return r;
}

int systemIndex(CoordSystem system) { return static_cast<int>(system); }

// Numeric value of a header card ("KEY = value / comment"), when present.
std::optional<double> cardValue(const QStringList& lines, const QString& key) {
  const QRegularExpression re(QStringLiteral("^%1\\s*=\\s*([^/]+)").arg(QRegularExpression::escape(key)));
  for (const QString& line : lines) {
    const auto m = re.match(line);
    if (!m.hasMatch()) continue;
    bool ok = false;
    QString v = m.captured(1).trimmed();
    v.replace(QLatin1Char('D'), QLatin1Char('E'));
    const double d = v.toDouble(&ok);
    if (ok) return d;
  }
  return std::nullopt;
}

}  // namespace

wcs::CelestialFrame celestialFrameOf(CoordSystem system) {
  switch (system) {
    case CoordSystem::Fk4: return wcs::CelestialFrame::Fk4;
    case CoordSystem::Fk5: return wcs::CelestialFrame::Fk5;
    case CoordSystem::Galactic: return wcs::CelestialFrame::Galactic;
    case CoordSystem::Ecliptic: return wcs::CelestialFrame::Ecliptic;
    default: return wcs::CelestialFrame::Icrs;
  }
}

double bearingDeg(wcs::SkyPoint from, wcs::SkyPoint to) {
  const double p1 = from.lat * kDeg, p2 = to.lat * kDeg, dl = (to.lon - from.lon) * kDeg;
  const double y = std::sin(dl) * std::cos(p2);
  const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
  return std::atan2(y, x) / kDeg;
}

wcs::SkyPoint systemToIcrs(wcs::SkyPoint p, CoordSystem system, double fk4Epoch) {
  if (system == CoordSystem::Fk4) return wcs::fk4ToIcrs(p, fk4Epoch);
  return wcs::toIcrs(p, celestialFrameOf(system));
}

wcs::SkyPoint icrsToSystem(wcs::SkyPoint icrs, CoordSystem system, double fk4Epoch) {
  if (system == CoordSystem::Fk4) return wcs::icrsToFk4(icrs, fk4Epoch);
  return wcs::fromIcrs(icrs, celestialFrameOf(system));
}

double frameRotationDeg(wcs::SkyPoint icrs, CoordSystem system, double fk4Epoch) {
  if (system == CoordSystem::Icrs) return 0;
  // Step along ICRS north (south near the pole) and read the step's bearing in `frame`.
  constexpr double kStep = 1e-4;
  const bool south = icrs.lat + kStep > 90.0;
  const wcs::SkyPoint step{icrs.lon, icrs.lat + (south ? -kStep : kStep)};
  double b = bearingDeg(icrsToSystem(icrs, system, fk4Epoch), icrsToSystem(step, system, fk4Epoch));
  if (south) b += 180.0;
  return b;
}

ReferenceImage ReferenceImage::fromFits(const QString& path) {
  fits::FitsFile file = fits::FitsFile::open(path);
  for (int hdu = 1; hdu <= file.hduCount(); ++hdu) {
    file.moveTo(hdu);
    if (file.hduType() != fits::HduType::Image) continue;
    const std::vector<long> shape = file.imageShape();
    if (shape.size() < 2) continue;
    ReferenceImage r;
    try {
      r.wcs_ = wcs::SkyWcs::fromImageHeader(file);
    } catch (const Error&) {
      r.wcs_.reset();  // pixel-only image: image/physical regions still work
    }
    r.physical_ = wcs::PhysicalTransform::fromHeader(file);
    if (const auto mjd = file.keyDouble(QStringLiteral("MJD-OBS"))) r.fk4Epoch_ = 2000.0 + (*mjd - 51544.5) / 365.25;
    r.centre_ = {static_cast<double>(shape[0]) / 2.0, static_cast<double>(shape[1]) / 2.0};
    r.measure();
    return r;
  }
  throw Error(QStringLiteral("%1: no 2-D image to take region coordinates from").arg(path));
}

ReferenceImage ReferenceImage::fromHeaderText(const QString& text, const QString& context) {
  QStringList lines;
  QByteArray cards;
  for (QString line : text.split(QLatin1Char('\n'))) {
    line.remove(QLatin1Char('\r'));
    if (line.trimmed().isEmpty()) continue;
    line = line.left(80);
    lines << line;
    cards += line.leftJustified(80, QLatin1Char(' ')).toLatin1();
  }
  ReferenceImage r;
  r.wcs_ = wcs::SkyWcs::fromHeaderCards(cards, static_cast<int>(lines.size()), context);
  r.physical_.ltm1 = cardValue(lines, QStringLiteral("LTM1_1")).value_or(1.0);
  r.physical_.ltm2 = cardValue(lines, QStringLiteral("LTM2_2")).value_or(1.0);
  r.physical_.ltv1 = cardValue(lines, QStringLiteral("LTV1")).value_or(0.0);
  r.physical_.ltv2 = cardValue(lines, QStringLiteral("LTV2")).value_or(0.0);
  if (r.physical_.ltm1 == 0) r.physical_.ltm1 = 1;
  if (r.physical_.ltm2 == 0) r.physical_.ltm2 = 1;
  if (const auto mjd = cardValue(lines, QStringLiteral("MJD-OBS"))) r.fk4Epoch_ = 2000.0 + (*mjd - 51544.5) / 365.25;
  const auto n1 = cardValue(lines, QStringLiteral("NAXIS1"));
  const auto n2 = cardValue(lines, QStringLiteral("NAXIS2"));
  if (n1 && n2) {
    r.centre_ = {*n1 / 2.0, *n2 / 2.0};
  } else {
    const wcs::PixelPoint ref = r.wcs_->referencePixel();
    r.centre_ = {ref.x, ref.y};
  }
  r.measure();
  return r;
}

ReferenceImage ReferenceImage::fromWcs(const wcs::SkyWcs& skyWcs,
                                       const wcs::PhysicalTransform& physical, double width,
                                       double height) {
  ReferenceImage r;
  r.wcs_ = skyWcs;
  r.physical_ = physical;
  if (width > 0 && height > 0) {
    r.centre_ = {width / 2.0, height / 2.0};
  } else {
    const wcs::PixelPoint ref = skyWcs.referencePixel();
    r.centre_ = {ref.x, ref.y};
  }
  r.measure();
  return r;
}

const wcs::SkyWcs& ReferenceImage::wcs() const {
  if (!wcs_) throw Error(QStringLiteral("the reference image has no sky coordinates (no WCS)"));
  return *wcs_;
}

void ReferenceImage::measure() {
  scaleDeg_ = 0;
  mirrored_ = false;
  yAxisPa_.fill(0);
  if (!wcs_) return;
  const auto c = imageToIcrs(centre_);
  const auto up = imageToIcrs({centre_.x, centre_.y + 1});
  const auto right = imageToIcrs({centre_.x + 1, centre_.y});
  if (!c || !up || !right) return;
  scaleDeg_ = wcs::angularDistanceDeg(*c, *up);
  const double paY = bearingDeg(*c, *up);
  const double paX = bearingDeg(*c, *right);
  mirrored_ = std::sin((paX - paY) * kDeg) > 0;
  for (CoordSystem system : {CoordSystem::Fk4, CoordSystem::Fk5, CoordSystem::Icrs,
                              CoordSystem::Galactic, CoordSystem::Ecliptic}) {
    yAxisPa_[systemIndex(system)] = bearingDeg(icrsToSystem(*c, system, fk4Epoch_),
                                               icrsToSystem(*up, system, fk4Epoch_));
  }
}

Vec2 ReferenceImage::physicalToImage(Vec2 p) const {
  const wcs::PixelPoint q = physical_.toImage({p.x, p.y});
  return {q.x, q.y};
}

Vec2 ReferenceImage::imageToPhysical(Vec2 p) const {
  const wcs::PixelPoint q = physical_.toPhysical({p.x, p.y});
  return {q.x, q.y};
}

std::optional<wcs::SkyPoint> ReferenceImage::imageToIcrs(Vec2 pixel) const {
  if (!wcs_) return std::nullopt;
  return wcs_->pixelToIcrs({pixel.x, pixel.y});
}

std::optional<Vec2> ReferenceImage::icrsToImage(wcs::SkyPoint icrs) const {
  if (!wcs_) return std::nullopt;
  const auto p = wcs_->icrsToPixel(icrs);
  if (!p) return std::nullopt;
  return Vec2{p->x, p->y};
}

double ReferenceImage::yAxisPositionAngle(CoordSystem system) const {
  return yAxisPa_[systemIndex(system)];
}

double ReferenceImage::imageAngleToSky(double imageAngleDeg, CoordSystem system) const {
  if (!wcs_) return imageAngleDeg;
  const double pa = yAxisPa_[systemIndex(system)];
  return wrap360(mirrored_ ? pa - imageAngleDeg - 180.0 : imageAngleDeg + pa);
}

double ReferenceImage::skyAngleToImage(double skyAngleDeg, CoordSystem system) const {
  if (!wcs_) return skyAngleDeg;
  const double pa = yAxisPa_[systemIndex(system)];
  return wrap360(mirrored_ ? pa - skyAngleDeg - 180.0 : skyAngleDeg - pa);
}

}  // namespace xsky::regions
