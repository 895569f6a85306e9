#include "session/Session.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <cmath>
#include <utility>

#include "fits/FitsError.h"
#include "regions/RegionFileIo.h"

namespace xsky::session {

namespace {

const QString kFormat = QStringLiteral("xsky-session");

constexpr std::array<std::pair<imaging::ScaleFunction, const char*>, 6> kScales{{
    {imaging::ScaleFunction::Linear, "linear"},
    {imaging::ScaleFunction::Log, "log"},
    {imaging::ScaleFunction::Sqrt, "sqrt"},
    {imaging::ScaleFunction::Squared, "squared"},
    {imaging::ScaleFunction::Asinh, "asinh"},
    {imaging::ScaleFunction::HistEqu, "histequ"},
}};
constexpr std::array<std::pair<imaging::LimitMode, const char*>, 4> kLimits{{
    {imaging::LimitMode::MinMax, "minmax"},
    {imaging::LimitMode::ZScale, "zscale"},
    {imaging::LimitMode::Percentile, "percentile"},
    {imaging::LimitMode::User, "user"},
}};

template <class Optional>
void putOptional(QJsonObject& o, const char* key, const Optional& v) {
  if (v) o.insert(QLatin1String(key), static_cast<double>(*v));
}

std::optional<double> optionalNumber(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  return v.isDouble() && std::isfinite(v.toDouble()) ? std::optional<double>(v.toDouble()) : std::nullopt;
}

// An integer in [lo, hi], or nothing (a file may hold anything: never cast an out-of-range double).
std::optional<long long> integerIn(const QJsonObject& o, const char* key, long long lo, long long hi) {
  const auto v = optionalNumber(o, key);
  if (!v || *v != std::floor(*v) || *v < double(lo) || *v > double(hi)) return std::nullopt;
  return static_cast<long long>(*v);
}

QJsonObject binningJson(const imaging::BinningSpec& b) {
  QJsonObject o{{QStringLiteral("bin_factor"), b.binFactor},
                {QStringLiteral("width"), b.width},
                {QStringLiteral("height"), b.height}};
  if (b.centre) {
    o.insert(QStringLiteral("centre_x"), b.centre->x);
    o.insert(QStringLiteral("centre_y"), b.centre->y);
  }
  putOptional(o, "energy_min", b.energyMin);
  putOptional(o, "energy_max", b.energyMax);
  putOptional(o, "pattern_max", b.patternMax);
  putOptional(o, "flag_reject", b.flagReject);
  return o;
}

imaging::BinningSpec binningFromJson(const QJsonObject& o) {
  imaging::BinningSpec b;
  if (const auto f = optionalNumber(o, "bin_factor"); f && *f > 0) b.binFactor = *f;
  if (const auto w = integerIn(o, "width", 1, 1 << 16)) b.width = int(*w);
  if (const auto h = integerIn(o, "height", 1, 1 << 16)) b.height = int(*h);
  const auto cx = optionalNumber(o, "centre_x"), cy = optionalNumber(o, "centre_y");
  if (cx && cy) b.centre = wcs::PixelPoint{*cx, *cy};
  b.energyMin = optionalNumber(o, "energy_min");
  b.energyMax = optionalNumber(o, "energy_max");
  if (const auto p = integerIn(o, "pattern_max", 0, 1 << 30)) b.patternMax = static_cast<int>(*p);
  if (const auto f = integerIn(o, "flag_reject", 0, 0xffffffffLL)) b.flagReject = static_cast<uint32_t>(*f);
  return b;
}

QJsonObject displayJson(const imaging::DisplaySettings& d) {
  return QJsonObject{{QStringLiteral("scale"), scaleName(d.scale)},
                     {QStringLiteral("limits"), limitName(d.limits)},
                     {QStringLiteral("percentile"), d.percentile},
                     {QStringLiteral("user_low"), d.userLow},
                     {QStringLiteral("user_high"), d.userHigh},
                     {QStringLiteral("log_exponent"), d.logExponent},
                     {QStringLiteral("colormap"), d.colormap},
                     {QStringLiteral("invert"), d.invert},
                     {QStringLiteral("contrast"), d.contrast},
                     {QStringLiteral("bias"), d.bias}};
}

imaging::DisplaySettings displayFromJson(const QJsonObject& o) {
  imaging::DisplaySettings d;
  const QString scale = o.value(QStringLiteral("scale")).toString();
  for (const auto& [value, name] : kScales) {
    if (scale == QLatin1String(name)) d.scale = value;
  }
  const QString limits = o.value(QStringLiteral("limits")).toString();
  for (const auto& [value, name] : kLimits) {
    if (limits == QLatin1String(name)) d.limits = value;
  }
  if (const auto p = optionalNumber(o, "percentile"); p && *p > 0 && *p <= 100) d.percentile = *p;
  d.userLow = o.value(QStringLiteral("user_low")).toDouble(d.userLow);
  d.userHigh = o.value(QStringLiteral("user_high")).toDouble(d.userHigh);
  d.logExponent = o.value(QStringLiteral("log_exponent")).toDouble(d.logExponent);
  d.colormap = o.value(QStringLiteral("colormap")).toString(d.colormap);
  d.invert = o.value(QStringLiteral("invert")).toBool(d.invert);
  d.contrast = o.value(QStringLiteral("contrast")).toDouble(d.contrast);
  d.bias = o.value(QStringLiteral("bias")).toDouble(d.bias);
  return d;
}

bool sameDisplay(const imaging::DisplaySettings& a, const imaging::DisplaySettings& b) {
  return a.scale == b.scale && a.limits == b.limits && a.percentile == b.percentile && a.userLow == b.userLow &&
         a.userHigh == b.userHigh && a.logExponent == b.logExponent && a.colormap == b.colormap &&
         a.invert == b.invert && a.contrast == b.contrast && a.bias == b.bias;
}

bool sameBinning(const std::optional<imaging::BinningSpec>& a, const std::optional<imaging::BinningSpec>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  const bool centres = a->centre.has_value() == b->centre.has_value() &&
                       (!a->centre || (a->centre->x == b->centre->x && a->centre->y == b->centre->y));
  return centres && a->binFactor == b->binFactor && a->width == b->width && a->height == b->height &&
         a->energyMin == b->energyMin && a->energyMax == b->energyMax && a->patternMax == b->patternMax &&
         a->flagReject == b->flagReject;
}

}  // namespace

QString scaleName(imaging::ScaleFunction scale) {
  for (const auto& [value, name] : kScales) {
    if (value == scale) return QLatin1String(name);
  }
  return QStringLiteral("linear");
}

QString limitName(imaging::LimitMode mode) {
  for (const auto& [value, name] : kLimits) {
    if (value == mode) return QLatin1String(name);
  }
  return QStringLiteral("minmax");
}

bool operator==(const FrameState& a, const FrameState& b) {
  return a.path == b.path && a.hdu == b.hdu && a.plane == b.plane && sameBinning(a.binning, b.binning) &&
         sameDisplay(a.display, b.display) && a.hasView == b.hasView &&
         (!a.hasView || (a.centreX == b.centreX && a.centreY == b.centreY && a.zoom == b.zoom));
}

bool SessionState::sameWork(const SessionState& o) const {
  return frames == o.frames && currentFrame == o.currentFrame && regionsDs9 == o.regionsDs9 &&
         observationIndex == o.observationIndex && switchedOff == o.switchedOff && products == o.products &&
         sampConnected == o.sampConnected && fit == o.fit && cataloguePath == o.cataloguePath &&
         catalogueQuery == o.catalogueQuery && catalogueSelected == o.catalogueSelected;
}

QJsonObject toJson(const SessionState& s) {
  QJsonArray frames;
  for (const FrameState& f : s.frames) {
    QJsonObject o{{QStringLiteral("path"), f.path},
                  {QStringLiteral("hdu"), f.hdu},
                  {QStringLiteral("plane"), static_cast<double>(f.plane)},
                  {QStringLiteral("display"), displayJson(f.display)}};
    if (f.binning) o.insert(QStringLiteral("binning"), binningJson(*f.binning));
    if (f.hasView) {
      o.insert(QStringLiteral("view"), QJsonObject{{QStringLiteral("centre_x"), f.centreX},
                                                   {QStringLiteral("centre_y"), f.centreY},
                                                   {QStringLiteral("zoom"), f.zoom}});
    }
    frames.append(o);
  }
  QJsonArray selected;
  for (const size_t row : s.catalogueSelected) selected.append(static_cast<double>(row));
  return QJsonObject{
      {QStringLiteral("format"), kFormat},
      {QStringLiteral("version"), kSessionVersion},
      {QStringLiteral("saved_at"),
       s.savedAt.isEmpty() ? QDateTime::currentDateTimeUtc().toString(Qt::ISODate) : s.savedAt},
      {QStringLiteral("frames"), frames},
      {QStringLiteral("current_frame"), s.currentFrame},
      {QStringLiteral("regions_ds9"), s.regionsDs9},
      {QStringLiteral("observations"), QJsonObject{{QStringLiteral("index"), s.observationIndex},
                                                   {QStringLiteral("switched_off"), QJsonArray::fromStringList(s.switchedOff)}}},
      {QStringLiteral("products"), s.products},
      {QStringLiteral("samp"), QJsonObject{{QStringLiteral("connected"), s.sampConnected}}},
      {QStringLiteral("fit"), s.fit},
      {QStringLiteral("catalogue"), QJsonObject{{QStringLiteral("path"), s.cataloguePath},
                                                {QStringLiteral("query"), s.catalogueQuery},
                                                {QStringLiteral("selected"), selected}}},
  };
}

SessionState sessionFromJson(const QJsonObject& j) {
  if (j.value(QStringLiteral("format")).toString() != kFormat) throw Error(QStringLiteral("not an XSky session"));
  const int version = j.value(QStringLiteral("version")).toInt(0);
  if (version < 1) throw Error(QStringLiteral("not an XSky session (no version)"));
  if (version > kSessionVersion) {
    throw Error(QStringLiteral("session format version %1 is newer than this XSky reads (%2): update XSky")
                    .arg(version)
                    .arg(kSessionVersion));
  }
  SessionState s;
  s.savedAt = j.value(QStringLiteral("saved_at")).toString();
  for (const QJsonValue& v : j.value(QStringLiteral("frames")).toArray()) {
    const QJsonObject o = v.toObject();
    FrameState f;
    f.path = o.value(QStringLiteral("path")).toString();
    f.hdu = static_cast<int>(integerIn(o, "hdu", -1, 1 << 20).value_or(-1));
    f.plane = static_cast<long>(integerIn(o, "plane", 0, 1LL << 40).value_or(0));
    if (o.contains(QStringLiteral("binning"))) f.binning = binningFromJson(o.value(QStringLiteral("binning")).toObject());
    f.display = displayFromJson(o.value(QStringLiteral("display")).toObject());
    if (o.value(QStringLiteral("view")).isObject()) {
      const QJsonObject view = o.value(QStringLiteral("view")).toObject();
      f.hasView = true;
      f.centreX = optionalNumber(view, "centre_x").value_or(0.0);
      f.centreY = optionalNumber(view, "centre_y").value_or(0.0);
      const double zoom = optionalNumber(view, "zoom").value_or(1.0);
      f.zoom = zoom > 0 ? zoom : 1.0;
    }
    s.frames.push_back(std::move(f));
  }
  s.currentFrame = static_cast<int>(integerIn(j, "current_frame", 0, 1 << 20).value_or(0));
  if (s.currentFrame < 0 || s.currentFrame >= static_cast<int>(s.frames.size())) s.currentFrame = 0;
  s.regionsDs9 = j.value(QStringLiteral("regions_ds9")).toString();
  const QJsonObject obs = j.value(QStringLiteral("observations")).toObject();
  s.observationIndex = obs.value(QStringLiteral("index")).toString();
  for (const QJsonValue& v : obs.value(QStringLiteral("switched_off")).toArray()) s.switchedOff << v.toString();
  s.products = j.value(QStringLiteral("products")).toArray();
  s.sampConnected = j.value(QStringLiteral("samp")).toObject().value(QStringLiteral("connected")).toBool(false);
  s.fit = j.value(QStringLiteral("fit")).toObject();
  // Version 1 had no catalogue: the dock stays empty.
  const QJsonObject catalogue = j.value(QStringLiteral("catalogue")).toObject();
  s.cataloguePath = catalogue.value(QStringLiteral("path")).toString();
  s.catalogueQuery = catalogue.value(QStringLiteral("query")).toString();
  for (const QJsonValue& v : catalogue.value(QStringLiteral("selected")).toArray()) {
    const double row = v.toDouble(-1);
    // Whole numbers a table can have; anything else is dropped, never cast.
    if (row >= 0 && row < 9.0e15 && row == std::floor(row)) s.catalogueSelected.push_back(static_cast<size_t>(row));
  }
  return s;
}

void writeSession(const QString& path, const SessionState& state) {
  regions::writeTextFileAtomically(path, QString::fromUtf8(QJsonDocument(toJson(state)).toJson(QJsonDocument::Indented)));
}

SessionState readSession(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) throw Error(QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
  if (doc.isNull() || !doc.isObject()) {
    throw Error(QStringLiteral("%1: not an XSky session (JSON error at byte %2: %3)")
                    .arg(path)
                    .arg(error.offset)
                    .arg(error.errorString()));
  }
  try {
    return sessionFromJson(doc.object());
  } catch (const Error& e) {
    throw Error(path + QStringLiteral(": ") + e.message());
  }
}

}  // namespace xsky::session
