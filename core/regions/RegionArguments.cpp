#include "regions/RegionArguments.h"

#include <algorithm>
#include <cmath>

#include "regions/Ds9Syntax.h"
#include "regions/Ds9Values.h"
#include "regions/ShapeTransform.h"

namespace xsky::regions {

RegionArguments::RegionArguments(QStringList tokens, const Context& context)
    : tokens_(std::move(tokens)), context_(context) {}

bool RegionArguments::fail(const QString& message) {
  error_ = message;
  return false;
}

bool RegionArguments::position(Vec2* out) {
  if (remaining() < 2) return fail(QStringLiteral("missing coordinates"));
  const QString tx = tokens_[next_], ty = tokens_[next_ + 1];
  const auto cx = parseCoordToken(tx);
  const auto cy = parseCoordToken(ty);
  if (!cx || !cy) return fail(QStringLiteral("bad coordinates \"%1 %2\"").arg(tx, ty));
  next_ += 2;

  using Form = CoordToken::Form;
  CoordSystem sys = context_.system;
  if (cx->form == Form::ImagePixels || cy->form == Form::ImagePixels) {
    sys = CoordSystem::Image;
  } else if (cx->form == Form::PhysicalPixels || cy->form == Form::PhysicalPixels) {
    sys = CoordSystem::Physical;
  } else if (!isSkySystem(sys) && (isSkyCoordToken(*cx) || isSkyCoordToken(*cy))) {
    sys = CoordSystem::Fk5;
  }
  Vec2 v{cx->value, cy->value};
  if (isSkySystem(sys)) {
    const bool equatorial =
        sys == CoordSystem::Fk4 || sys == CoordSystem::Fk5 || sys == CoordSystem::Icrs;
    if (cx->form == Form::Hours || (cx->form == Form::Colon && equatorial)) v.x *= 15.0;
    if (cy->form == Form::Hours) return fail(QStringLiteral("latitude \"%1\" given in hours").arg(ty));
    if (std::abs(v.y) > 90.0) return fail(QStringLiteral("latitude %1 is beyond +-90 degrees").arg(ty));
  }
  if (!frameSet_) {
    frameSet_ = true;
    positionSystem_ = sys;
    if (isSkySystem(sys)) {
      frame_ = Frame::Sky;
    } else if (sys == CoordSystem::Image) {
      frame_ = Frame::Image;
    } else {
      frame_ = context_.mapper->image() != nullptr && !context_.keepPhysicalFrame ? Frame::Image : Frame::Physical;
    }
  }
  QString why;
  const auto r = context_.mapper->position(v, sys, regionSystem(), &why);
  if (!r) return fail(why);
  if (!anchorIcrs_ && frame_ == Frame::Sky) anchorIcrs_ = wcs::SkyPoint{r->x, r->y};
  *out = *r;
  return true;
}

bool RegionArguments::lengthFrom(const QString& token, double* out, int axis) {
  const auto t = parseLengthToken(token);
  if (!t) return fail(QStringLiteral("bad length \"%1\"").arg(token));
  if (t->value < 0) return fail(QStringLiteral("negative length \"%1\"").arg(token));
  CoordSystem from = context_.system;
  switch (t->unit) {
    case LengthToken::Unit::Default:
      if (isSkySystem(from)) from = CoordSystem::Icrs;
      break;
    case LengthToken::Unit::Degrees: from = CoordSystem::Icrs; break;
    case LengthToken::Unit::ImagePixels: from = CoordSystem::Image; break;
    case LengthToken::Unit::PhysicalPixels: from = CoordSystem::Physical; break;
  }
  QString why;
  const auto r = context_.mapper->length(t->value, from, regionSystem(), axis, &why);
  if (!r) return fail(QStringLiteral("length \"%1\": %2").arg(token, why));
  *out = *r;
  return true;
}

bool RegionArguments::length(double* out, int axis) {
  if (remaining() < 1) return fail(QStringLiteral("missing size"));
  return lengthFrom(tokens_[next_++], out, axis);
}

bool RegionArguments::angleFrom(const QString& token, double* out) {
  const auto a = parseAngleToken(token);
  if (!a) return fail(QStringLiteral("bad angle \"%1\"").arg(token));
  return angleValue(*a, out);
}

bool RegionArguments::angleValue(double degrees, double* out) {
  const CoordSystem from = context_.angleSystem.value_or(positionSystem_);
  QString why;
  const auto r = context_.mapper->angle(degrees, from, regionSystem(), anchorIcrs_, &why);
  if (!r) return fail(QStringLiteral("angle %1: %2").arg(degrees).arg(why));
  *out = *r;
  return true;
}

bool RegionArguments::angleList(const std::vector<double>& degrees, std::vector<double>* out) {
  std::vector<double> c(degrees.size());
  for (size_t i = 0; i < degrees.size(); ++i) {
    if (!angleValue(degrees[i], &c[i])) return false;
  }
  if (c.empty()) return true;
  double probe = 0;
  if (!angleValue(degrees[0] + 1.0, &probe)) return false;
  // Decided before c is moved from: argument evaluation order is unspecified (clang moves first).
  const bool mirrored = std::remainder(probe - c[0], 360.0) < 0;
  c = ascendingAngles(std::move(c), mirrored);
  *out = std::move(c);
  return true;
}

bool RegionArguments::angle(double* out) {
  if (remaining() < 1) return fail(QStringLiteral("missing angle"));
  return angleFrom(tokens_[next_++], out);
}

bool RegionArguments::count(int* out) {
  if (remaining() < 1) return fail(QStringLiteral("missing count"));
  const QString t = tokens_[next_++];
  const auto v = parseNumber(t);
  if (!v || *v != std::floor(*v) || *v < 1 || *v > 100000) {
    return fail(QStringLiteral("bad count \"%1\"").arg(t));
  }
  *out = static_cast<int>(*v);
  return true;
}

bool RegionArguments::text(QString* out) {
  if (remaining() < 1) return fail(QStringLiteral("missing text"));
  *out = ds9::unquote(tokens_[next_++]);
  return true;
}

}  // namespace xsky::regions
