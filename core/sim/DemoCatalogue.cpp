#include "sim/DemoCatalogue.h"

#include <fitsio.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"
#include "sim/Random.h"

namespace xsky::sim {

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kFieldOfViewArcmin = 14.0;  // the EPIC field's radius, near enough

double separationArcmin(double ra1, double dec1, double ra2, double dec2) {
  const double s1 = std::sin((dec2 - dec1) * kDeg / 2), s2 = std::sin((ra2 - ra1) * kDeg / 2);
  const double h = s1 * s1 + std::cos(dec1 * kDeg) * std::cos(dec2 * kDeg) * s2 * s2;
  return 2 * std::asin(std::sqrt(std::min(1.0, h))) / kDeg * 60;
}

// "4XMM J100027.2+021235" from a position: the IAU convention truncates (never rounds) the
// last digit of RA (0.1 s of time) and Dec (1 arcsec).
QString iauName(double ra, double dec) {
  const long long raTenths = static_cast<long long>(std::floor(ra / 15.0 * 3600.0 * 10.0));
  const long long decSeconds = static_cast<long long>(std::floor(std::abs(dec) * 3600.0));
  return QStringLiteral("4XMM J%1%2%3.%4%5%6%7%8")
      .arg(raTenths / 36000, 2, 10, QLatin1Char('0'))
      .arg(raTenths / 600 % 60, 2, 10, QLatin1Char('0'))
      .arg(raTenths / 10 % 60, 2, 10, QLatin1Char('0'))
      .arg(raTenths % 10)
      .arg(dec < 0 ? QLatin1Char('-') : QLatin1Char('+'))
      .arg(decSeconds / 3600, 2, 10, QLatin1Char('0'))
      .arg(decSeconds / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(decSeconds % 60, 2, 10, QLatin1Char('0'));
}

struct Row {
  QString name;
  double ra = 0, dec = 0, flux = 0, extML = 0;
  int detections = 0;
  bool ulx = false, inEvents = false;
};

}  // namespace

void writeDemoCatalogue(const QString& path, const FieldModel& field, std::uint64_t seed) {
  std::vector<Row> rows;
  auto detections = [&field](double ra, double dec) {
    int n = 0;
    for (const Observation& o : field.observations) n += separationArcmin(ra, dec, o.raPnt, o.decPnt) < kFieldOfViewArcmin;
    return n;
  };
  for (const Source& s : field.sources) {
    Row r;
    r.ra = s.ra;
    r.dec = s.dec;
    r.flux = s.spectrum.energyFlux(0.2, 12.0, true);
    r.extML = s.extended ? 250.0 : 0.0;
    r.detections = detections(s.ra, s.dec);
    r.inEvents = true;
    rows.push_back(r);
  }
  Rng rng(Rng::streamSeed(seed, 0xca7a1091ULL));
  for (int i = 0; i < 60; ++i) {
    Row r;
    const double radius = kFieldOfViewArcmin / 60 * std::sqrt(rng.uniform()), angle = rng.uniform(0, 2 * std::numbers::pi);
    r.dec = field.decCentre + radius * std::sin(angle);
    r.ra = field.raCentre + radius * std::cos(angle) / std::cos(r.dec * kDeg);
    r.flux = std::pow(10.0, rng.uniform(-15.3, -13.9));
    r.extML = rng.uniform() < 0.1 ? rng.uniform(5, 40) : 0.0;
    r.detections = detections(r.ra, r.dec);
    r.ulx = rng.uniform() < 0.125;
    rows.push_back(r);
  }
  const auto n = static_cast<long long>(rows.size());
  std::vector<int64_t> srcid;
  std::vector<double> ra, dec;
  std::vector<float> poserr, detML, extML, flux;
  std::vector<int32_t> ndet;
  std::vector<char> ulx, inEvents;
  std::vector<QByteArray> names;
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    srcid.push_back(201901230000001LL + static_cast<int64_t>(i));
    ra.push_back(r.ra);
    dec.push_back(r.dec);
    // Likelihood ~ counts: flux times exposures seen (a stand-in for a detection run).
    const double ml = std::round(std::max(1.0, r.flux / 1e-15 * 1.8 * std::max(1, r.detections)) * 100) / 100;
    detML.push_back(static_cast<float>(ml));
    poserr.push_back(static_cast<float>(0.4 + 6.0 / std::sqrt(ml)));
    extML.push_back(static_cast<float>(r.extML));
    flux.push_back(static_cast<float>(r.flux));
    ndet.push_back(r.detections);
    ulx.push_back(r.ulx ? 1 : 0);
    inEvents.push_back(r.inEvents ? 1 : 0);
    names.push_back(iauName(r.ra, r.dec).toLatin1());
  }
  fits::FitsFile f = fits::FitsFile::create(path);
  f.createTable(QStringLiteral("SRCLIST"),
                {QStringLiteral("SRCID"), QStringLiteral("IAUNAME"), QStringLiteral("SC_RA"), QStringLiteral("SC_DEC"),
                 QStringLiteral("SC_POSERR"), QStringLiteral("SC_DET_ML"), QStringLiteral("SC_EXT_ML"),
                 QStringLiteral("SC_EP_8_FLUX"), QStringLiteral("N_DETECTIONS"), QStringLiteral("IS_ULX"),
                 QStringLiteral("IN_EVENTS")},
                {QStringLiteral("K"), QStringLiteral("21A"), QStringLiteral("D"), QStringLiteral("D"), QStringLiteral("E"),
                 QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("E"), QStringLiteral("J"), QStringLiteral("L"),
                 QStringLiteral("L")},
                {QString(), QString(), QStringLiteral("deg"), QStringLiteral("deg"), QStringLiteral("arcsec"), QString(),
                 QString(), QStringLiteral("erg cm**-2 s**-1"), QString(), QString(), QString()},
                n);
  f.writeColumn(1, srcid);
  f.writeColumn(3, ra);
  f.writeColumn(4, dec);
  f.writeColumn(5, poserr);
  f.writeColumn(6, detML);
  f.writeColumn(7, extML);
  f.writeColumn(8, flux);
  f.writeColumn(9, ndet);
  int status = 0;
  auto* fptr = static_cast<fitsfile*>(f.handle());
  std::vector<char*> text;
  for (QByteArray& b : names) text.push_back(b.data());
  fits_write_col_str(fptr, 2, 1, 1, n, text.data(), &status);
  fits_write_col(fptr, TLOGICAL, 10, 1, 1, n, ulx.data(), &status);
  fits_write_col(fptr, TLOGICAL, 11, 1, 1, n, inEvents.data(), &status);
  if (status != 0) throw fits::FitsError(path, status, QStringLiteral("writing the demo catalogue"));
  f.writeKey(QStringLiteral("OBJECT"), field.object, QStringLiteral("the demo field"));
  f.writeKey(QStringLiteral("CREATOR"), "XSky simulator", QStringLiteral("not a real catalogue"));
  f.writeComment(QStringLiteral("A simulated source list in the form of 4XMM-DR: see core/sim/DemoCatalogue.h"));
  f.writeChecksum();
}

}  // namespace xsky::sim
