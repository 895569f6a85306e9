#include "wcs/SkyWcs.h"

#include <wcslib/wcs.h>
#include <wcslib/wcsfix.h>
#include <wcslib/wcshdr.h>
#include <wcslib/wcsmath.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "fits/FitsFile.h"

namespace xsky::wcs {

namespace {

wcsprm* allocate() {
  auto* w = static_cast<wcsprm*>(std::calloc(1, sizeof(wcsprm)));
  w->flag = -1;
  return w;
}

QString wcsMessage(const wcsprm* w, int status) {
  if (w != nullptr && w->err != nullptr && w->err->msg[0] != '\0') {
    return QString::fromLatin1(w->err->msg);
  }
  if (status > 0 && status < 15) return QString::fromLatin1(wcs_errmsg[status]);
  return QStringLiteral("WCSLIB status %1").arg(status);
}

CelestialFrame frameOf(const wcsprm* w) {
  const QString lonType = QString::fromLatin1(w->ctype[w->lng]).left(4).toUpper();
  if (lonType.startsWith(QLatin1String("GLON"))) return CelestialFrame::Galactic;
  if (lonType.startsWith(QLatin1String("ELON"))) return CelestialFrame::Ecliptic;
  const QString sys = QString::fromLatin1(w->radesys).trimmed().toUpper();
  if (sys == QLatin1String("FK4") || sys == QLatin1String("FK4-NO-E")) return CelestialFrame::Fk4;
  if (sys == QLatin1String("FK5")) return CelestialFrame::Fk5;
  return CelestialFrame::Icrs;
}

}  // namespace

void SkyWcs::Deleter::operator()(wcsprm* w) const {
  if (w != nullptr) {
    wcsfree(w);
    std::free(w);
  }
}

SkyWcs::SkyWcs(const SkyWcs& other) { *this = other; }

SkyWcs& SkyWcs::operator=(const SkyWcs& other) {
  if (this == &other) return *this;
  if (!other.wcs_) {
    wcs_.reset();
    return *this;
  }
  wcsprm* copy = allocate();
  wcssub(1, other.wcs_.get(), nullptr, nullptr, copy);
  wcsset(copy);
  wcs_.reset(copy);
  lonAxis_ = other.lonAxis_;
  latAxis_ = other.latAxis_;
  frame_ = other.frame_;
  return *this;
}

SkyWcs::SkyWcs(SkyWcs&&) noexcept = default;
SkyWcs& SkyWcs::operator=(SkyWcs&&) noexcept = default;
SkyWcs::~SkyWcs() = default;

void SkyWcs::finish(const QString& context) {
  wcsprm* w = wcs_.get();
  int stat[NWCSFIX];
  wcsfix(7, nullptr, w, stat);  // CD/DATE/unit/spectral/celestial/cylindrical fixes
  const int status = wcsset(w);
  if (status != 0) {
    throw Error(QStringLiteral("%1: WCSLIB rejects the WCS: %2").arg(context, wcsMessage(w, status)));
  }
  if (w->lng < 0 || w->lat < 0) {
    throw Error(QStringLiteral("%1: the WCS has no celestial axes").arg(context));
  }
  lonAxis_ = w->lng;
  latAxis_ = w->lat;
  frame_ = frameOf(w);
}

SkyWcs SkyWcs::fromHeaderCards(const QByteArray& cards, int nCards, const QString& context) {
  QByteArray header = cards;
  int nreject = 0, nwcs = 0;
  wcsprm* all = nullptr;
  int status = wcspih(header.data(), nCards, WCSHDR_all, 0, &nreject, &nwcs, &all);
  if (status != 0 || nwcs == 0) {
    if (all != nullptr) wcsvfree(&nwcs, &all);
    throw Error(QStringLiteral("%1: no world coordinate system in the header").arg(context));
  }
  // The primary description (alternate ' '), reduced to its two celestial axes (cubes too).
  SkyWcs result;
  wcsprm* sub = allocate();
  int nsub = 2;
  int axes[2] = {WCSSUB_LONGITUDE, WCSSUB_LATITUDE};
  status = wcssub(1, &all[0], &nsub, axes, sub);
  // wcssub returns the axes in the order asked (longitude, latitude); keep the image's own pixel
  // axis order instead (headers with CTYPE1 = 'DEC--TAN', CTYPE2 = 'RA---TAN' exist).
  if (status == 0 && nsub == 2 && axes[0] > axes[1]) {
    wcsfree(sub);
    sub->flag = -1;
    std::swap(axes[0], axes[1]);
    status = wcssub(1, &all[0], &nsub, axes, sub);
  }
  wcsvfree(&nwcs, &all);
  result.wcs_.reset(sub);
  if (status != 0 || nsub != 2) {
    throw Error(QStringLiteral("%1: the WCS has no celestial axes").arg(context));
  }
  result.finish(context);
  return result;
}

SkyWcs SkyWcs::fromImageHeader(const fits::FitsFile& file) {
  int n = 0;
  const QByteArray cards = file.headerCards(&n);
  return fromHeaderCards(cards, n, QStringLiteral("%1[%2]").arg(file.path()).arg(file.currentHdu() - 1));
}

SkyWcs SkyWcs::fromEventColumns(const fits::FitsFile& file, int xColumn, int yColumn) {
  const QString context = QStringLiteral("%1[%2]").arg(file.path(), file.extName());
  int n = 0;
  QByteArray header = file.headerCards(&n);
  int colsel[3] = {2, xColumn, yColumn};
  int nreject = 0, nwcs = 0;
  wcsprm* all = nullptr;
  const int status =
      wcsbth(header.data(), n, WCSHDR_all, 0, WCSHDR_PIXLIST, colsel, &nreject, &nwcs, &all);
  SkyWcs result;
  if (status == 0 && nwcs > 0 && all[0].naxis == 2) {
    wcsprm* copy = allocate();
    wcssub(1, &all[0], nullptr, nullptr, copy);
    result.wcs_.reset(copy);
  }
  if (all != nullptr) wcsvfree(&nwcs, &all);

  if (!result.wcs_) {
    // Older files carry the sky projection only in REFXCTYP/REFXCRVL/... keywords.
    const auto type = file.keyString(QStringLiteral("REFXCTYP"));
    if (!type) {
      throw Error(QStringLiteral("%1: the event list has no sky coordinates (no WCS on its X/Y columns)")
                      .arg(context));
    }
    wcsprm* w = allocate();
    wcsini(1, 2, w);
    result.wcs_.reset(w);
    const QString axisKey[2] = {QStringLiteral("REFX"), QStringLiteral("REFY")};
    for (int i = 0; i < 2; ++i) {
      const auto ctype = file.keyString(axisKey[i] + QStringLiteral("CTYP"));
      const auto crval = file.keyDouble(axisKey[i] + QStringLiteral("CRVL"));
      const auto crpix = file.keyDouble(axisKey[i] + QStringLiteral("CRPX"));
      const auto cdelt = file.keyDouble(axisKey[i] + QStringLiteral("CDLT"));
      if (!ctype || !crval || !crpix || !cdelt) {
        throw Error(QStringLiteral("%1: incomplete REFX/REFY sky keywords").arg(context));
      }
      std::strncpy(w->ctype[i], ctype->toLatin1().constData(), 71);
      w->crval[i] = *crval;
      w->crpix[i] = *crpix;
      w->cdelt[i] = *cdelt;
    }
  }
  // Event files state the frame with the image keywords RADECSYS/RADESYS and EQUINOX, which the
  // pixel-list parser does not apply to the X/Y columns: take them from the header here.
  wcsprm* w = result.wcs_.get();
  if (w->radesys[0] == '\0') {
    auto sys = file.keyString(QStringLiteral("RADESYS"));
    if (!sys) sys = file.keyString(QStringLiteral("RADECSYS"));
    if (sys) std::strncpy(w->radesys, sys->trimmed().toLatin1().constData(), 71);
  }
  if (undefined(w->equinox)) {
    if (const auto eq = file.keyDouble(QStringLiteral("EQUINOX"))) w->equinox = *eq;
  }
  w->flag = 0;
  result.finish(context);
  return result;
}

std::optional<SkyPoint> SkyWcs::pixelToWorld(PixelPoint p) const {
  double pix[2] = {p.x, p.y}, img[2], phi, theta, world[2];
  int stat = 0;
  if (wcsp2s(wcs_.get(), 1, 2, pix, img, &phi, &theta, world, &stat) != 0 || stat != 0) {
    return std::nullopt;
  }
  double lon = world[lonAxis_];
  if (lon < 0) lon += 360.0;
  if (lon >= 360.0) lon -= 360.0;
  return SkyPoint{lon, world[latAxis_]};
}

std::optional<PixelPoint> SkyWcs::worldToPixel(SkyPoint w) const {
  double world[2], img[2], phi, theta, pix[2];
  world[lonAxis_] = w.lon;
  world[latAxis_] = w.lat;
  int stat = 0;
  if (wcss2p(wcs_.get(), 1, 2, world, &phi, &theta, img, pix, &stat) != 0 || stat != 0) {
    return std::nullopt;
  }
  return PixelPoint{pix[0], pix[1]};
}

std::optional<SkyPoint> SkyWcs::pixelToIcrs(PixelPoint p) const {
  const auto w = pixelToWorld(p);
  if (!w) return std::nullopt;
  return toIcrs(*w, frame_);
}

std::optional<PixelPoint> SkyWcs::icrsToPixel(SkyPoint icrs) const {
  return worldToPixel(fromIcrs(icrs, frame_));
}

QString SkyWcs::projection() const {
  return QString::fromLatin1(wcs_->ctype[lonAxis_]).mid(5, 3).trimmed();
}

PixelPoint SkyWcs::referencePixel() const { return {wcs_->crpix[0], wcs_->crpix[1]}; }

SkyPoint SkyWcs::referenceWorld() const { return {wcs_->crval[lonAxis_], wcs_->crval[latAxis_]}; }

double SkyWcs::pixelScaleDeg() const {
  // WCSLIB keeps the linear part as lin.cdelt x lin.pc (a CD matrix arrives as PC = CD with
  // unit CDELT), row-major 2x2.
  const linprm& lin = wcs_->lin;
  const double m[4] = {lin.cdelt[0] * lin.pc[0], lin.cdelt[0] * lin.pc[1], lin.cdelt[1] * lin.pc[2],
                       lin.cdelt[1] * lin.pc[3]};
  return std::sqrt(std::abs(m[0] * m[3] - m[1] * m[2]));
}

SkyWcs SkyWcs::rebinned(PixelPoint newReference, double factor) const {
  SkyWcs result(*this);
  wcsprm* w = result.wcs_.get();
  w->crpix[0] = newReference.x;
  w->crpix[1] = newReference.y;
  if ((w->altlin & 2) != 0) {
    for (int i = 0; i < 4; ++i) w->cd[i] *= factor;
  } else {
    w->cdelt[0] *= factor;
    w->cdelt[1] *= factor;
  }
  w->flag = 0;
  wcsset(w);
  return result;
}

PhysicalTransform PhysicalTransform::fromHeader(const fits::FitsFile& file) {
  PhysicalTransform t;
  t.ltm1 = file.keyDouble(QStringLiteral("LTM1_1")).value_or(1.0);
  t.ltm2 = file.keyDouble(QStringLiteral("LTM2_2")).value_or(1.0);
  t.ltv1 = file.keyDouble(QStringLiteral("LTV1")).value_or(0.0);
  t.ltv2 = file.keyDouble(QStringLiteral("LTV2")).value_or(0.0);
  if (t.ltm1 == 0) t.ltm1 = 1.0;
  if (t.ltm2 == 0) t.ltm2 = 1.0;
  return t;
}

}  // namespace xsky::wcs
