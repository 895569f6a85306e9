#include "sim/EventHeaders.h"

#include <cmath>

#include "sim/MissionTime.h"

namespace xsky::sim {

const EventColumn kEventColumns[12] = {
    {"TIME", "D", "s", "time of the center of the frame"},
    {"RAWX", "I", "pixel", "X in node coordinates"},
    {"RAWY", "I", "pixel", "Y in node coordinates"},
    {"DETX", "I", "pixel", "X in linearised camera coordinates"},
    {"DETY", "I", "pixel", "Y in linearised camera coordinates"},
    {"X", "J", "pixel", "X in projected sky coordinates"},
    {"Y", "J", "pixel", "Y in projected sky coordinates"},
    {"PHA", "I", "CHAN", "total charge of the event (uncorrected)"},
    {"PI", "I", "CHAN", "measured energy in eV (gain corrected)"},
    {"FLAG", "J", "", "quality flag"},
    {"PATTERN", "B", "", "pattern or grade defining the event"},
    {"CCDNR", "B", "", "CCD number"}};

namespace {

// Writes one keyword: name and comment as Latin-1 literals, value of any writeKey type.
class Keys {
 public:
  explicit Keys(fits::FitsFile& f) : f_(f) {}
  template <typename T>
  void operator()(const QString& name, const T& value, const char* comment = "") {
    f_.writeKey(name, value, QString::fromLatin1(comment));
  }

 private:
  fits::FitsFile& f_;
};

QString exposureId(const EventListModel& m) {
  const char* number = m.camera() == Camera::Mos1   ? "001"
                       : m.camera() == Camera::Mos2 ? "002"
                                                    : "003";
  return m.observation().obsId + QLatin1String(number);
}

void writeIdentity(Keys& key, const EventListModel& m) {
  const CameraExposure& e = m.exposure();
  key(QStringLiteral("TELESCOP"), "XMM", "XMM mission");
  key(QStringLiteral("INSTRUME"), instrumentName(m.camera()),
      isMos(m.camera()) ? "EPIC MOS Instrument" : "EPIC PN Instrument");
  key(QStringLiteral("OBS_ID"), m.observation().obsId, "Observation Identifier");
  key(QStringLiteral("EXP_ID"), exposureId(m), "Exposure Identifier");
  key(QStringLiteral("DATE-OBS"), utcDateOfMissionTime(e.tstart()), "Start time of exposure");
  key(QStringLiteral("DATE-END"), utcDateOfMissionTime(e.tstop()), "End time of exposure");
}

void writeTimeKeys(Keys& key, fits::FitsFile& f, const CameraExposure& e) {
  key(QStringLiteral("TIMESYS"), "TT", "XMM time will be TT (Terrestrial Time)");
  key(QStringLiteral("MJDREF"), kMjdRef, "[d] 1998-01-01T00:00:00 (TT) expressed in MJD");
  key(QStringLiteral("TIMEREF"), "LOCAL", "Reference location of photon arrival times");
  key(QStringLiteral("TASSIGN"), "SATELLITE", "Location of time assignment");
  key(QStringLiteral("TIMEZERO"), 0.0, "[s] Clock correction (if not zero)");
  key(QStringLiteral("TIMEUNIT"), "s", "All times in s unless specified otherwise");
  f.writeBoolKey(QStringLiteral("CLOCKAPP"), true, QStringLiteral("Clock correction applied"));
  key(QStringLiteral("TSTART"), e.tstart(), "[s] Start time of first frame");
  key(QStringLiteral("TSTOP"), e.tstop(), "[s] End time of last frame");
  key(QStringLiteral("TELAPSE"), e.tstop() - e.tstart(), "[s] Full time interval for the exposure");
}

void writeMode(Keys& key, const EventListModel& m) {
  key(QStringLiteral("DATAMODE"), "IMAGING", "Instrument mode (IMAGING or TIMING)");
  key(QStringLiteral("FILTER"), "Thin1", "Filter ID");
  key(QStringLiteral("SUBMODE"), "PrimeFullWindow", "Guest Observer mode");
  key(QStringLiteral("FRMTIME"), m.geometry().frameTime() * 1000.0, "[ms] Frame integration time");
}

void writeSkyReference(Keys& key, const Observation& o) {
  key(QStringLiteral("EQUINOX"), 2000.0, "Equinox for sky coordinate x/y axes");
  key(QStringLiteral("RADECSYS"), "FK5", "World coord. system for this file");
  for (const bool isX : {true, false}) {
    const QString p = isX ? QStringLiteral("REFX") : QStringLiteral("REFY");
    key(p + "CTYP", isX ? "RA---TAN" : "DEC--TAN", "WCS Coord. type: tangent plane projection");
    key(p + "CRPX", static_cast<int>(kSkyRefPixel), "WCS axis reference pixel of projected image");
    key(p + "CRVL", isX ? o.raPnt : o.decPnt, "[deg] WCS coord. at axis ref. pixel");
    key(p + "CDLT", isX ? -kSkyPixelDeg : kSkyPixelDeg, "[deg/pix] WCS increment at ref. pixel");
    key(p + "LMIN", 1, "WCS minimum legal projected image axis value");
    key(p + "LMAX", kSkyMaxPixel, "WCS maximum legal projected image axis value");
    key(p + "CUNI", "deg", "WCS Physical units of axis");
  }
  key(QStringLiteral("AVRG_PNT"), "MEDIAN", "Meaning of PNT values (mean or median)");
  key(QStringLiteral("RA_PNT"), o.raPnt, "[deg] Actual (mean) pointing RA of the optical axis");
  key(QStringLiteral("DEC_PNT"), o.decPnt, "[deg] Actual (mean) pointing Dec of the optical axis");
  key(QStringLiteral("PA_PNT"), o.paPnt, "[deg] Actual (mean) measured position angle");
}

void writeExposure(Keys& key, const EventListModel& m) {
  const CameraExposure& e = m.exposure();
  const auto nn = [](int ccd) { return QStringLiteral("%1").arg(ccd, 2, 10, QLatin1Char('0')); };
  for (const CcdLayout& c : m.geometry().ccds()) {
    key(QStringLiteral("ONTIME") + nn(c.ccd), e.ontime(c.ccd), "Sum of GTIs for a particular CCD");
  }
  const int ref = m.geometry().referenceCcd();
  key(QStringLiteral("ONTIME"), e.ontime(ref), "Sum of GTIs for the reference CCD");
  for (const CcdLayout& c : m.geometry().ccds()) {
    key(QStringLiteral("LIVETI") + nn(c.ccd), e.livetime(c.ccd), "Live time for a particular CCD");
  }
  key(QStringLiteral("LIVETIME"), e.livetime(ref), "Live time for the reference CCD");
  key(QStringLiteral("EXPOSURE"), e.livetime(ref), "[s] Exposure of the reference CCD (LIVETIME)");
}

void writeColumnDescriptions(Keys& key, const EventListModel& m) {
  const CameraGeometry& g = m.geometry();
  const auto limits = [&key](int col, long long lo, long long hi, const char* what) {
    key(QStringLiteral("TLMIN%1").arg(col), lo, what);
    key(QStringLiteral("TLMAX%1").arg(col), hi, what);
  };
  const auto det = [](double arcsec, bool up) {
    return std::llround(up ? std::ceil(arcsec / kSkyPixelArcsec)
                           : std::floor(arcsec / kSkyPixelArcsec));
  };
  limits(2, 1, g.ccds().front().columns, "Legal limit for RAWX");
  limits(3, 1, g.ccds().front().rows, "Legal limit for RAWY");
  limits(4, det(g.minX(), false), det(g.maxX(), true), "Legal limit for DETX");
  limits(5, det(g.minY(), false), det(g.maxY(), true), "Legal limit for DETY");
  for (const int col : {4, 5}) {
    key(QStringLiteral("TCRPX%1").arg(col), 0, "Center of the detector axis");
    key(QStringLiteral("TCTYP%1").arg(col), col == 4 ? "DETX_ANG" : "DETY_ANG");
    key(QStringLiteral("TCRVL%1").arg(col), 0.0);
    key(QStringLiteral("TCDLT%1").arg(col), kSkyPixelDeg, "[degrees] Pixel size");
    key(QStringLiteral("TCUNI%1").arg(col), "deg", "Physical unit of the detector axis");
  }
  const Observation& o = m.observation();
  for (const int col : {6, 7}) {
    const bool isX = col == 6;
    key(QStringLiteral("TNULL%1").arg(col), -99999999, "Null value of the column");
    limits(col, 1, kSkyMaxPixel, "legal projected image axis value");
    key(QStringLiteral("TCRPX%1").arg(col), static_cast<int>(kSkyRefPixel), "axis reference pixel");
    key(QStringLiteral("TCTYP%1").arg(col), isX ? "RA---TAN" : "DEC--TAN",
        "Coord. type: tangent plane projection");
    key(QStringLiteral("TCRVL%1").arg(col), isX ? o.raPnt : o.decPnt,
        "[deg] coord. at axis ref. pixel");
    key(QStringLiteral("TCDLT%1").arg(col), isX ? -kSkyPixelDeg : kSkyPixelDeg,
        "[deg/pix] increment at ref. pixel");
    key(QStringLiteral("TCUNI%1").arg(col), "deg", "Physical units of axis");
  }
  limits(8, 0, 4095, "Legal limit for PHA");
  limits(9, 0, 20479, "Legal limit for PI");
  limits(11, 0, 31, "Legal limit for PATTERN");
  limits(12, 1, g.ccdCount(), "Legal limit for CCDNR");
}

}  // namespace

void writePrimaryKeywords(fits::FitsFile& f, const EventListModel& m) {
  Keys key(f);
  const Observation& o = m.observation();
  key(QStringLiteral("CREATOR"), "xsky-sim", "XSky demo-sky simulator");
  key(QStringLiteral("DATAMODE"), "IMAGING", "Instrument mode (IMAGING or TIMING)");
  writeIdentity(key, m);
  key(QStringLiteral("OBS_MODE"), "POINTING", "Observation mode (pointing or slew)");
  key(QStringLiteral("REVOLUT"), revolutionOf(m.exposure().tstart()), "Revolution number");
  key(QStringLiteral("OBJECT"), m.field().object, "Name of observed object");
  key(QStringLiteral("OBSERVER"), "XSky simulator", "Name of observer");
  key(QStringLiteral("RA_OBJ"), m.field().raCentre, "[deg] RA of target");
  key(QStringLiteral("DEC_OBJ"), m.field().decCentre, "[deg] Dec of target");
  key(QStringLiteral("RA_NOM"), o.raPnt, "[deg] RA of nominal boresight");
  key(QStringLiteral("DEC_NOM"), o.decPnt, "[deg] Dec of nominal boresight");
  key(QStringLiteral("EXPIDSTR"), QStringLiteral("S") + exposureId(m).right(3), "Exposure ID");
  key(QStringLiteral("FILTER"), "Thin1", "Filter ID");
  key(QStringLiteral("SUBMODE"), "PrimeFullWindow", "Guest Observer mode");
  writeSkyReference(key, o);
  key(QStringLiteral("CONTENT"),
      isMos(m.camera()) ? "EPIC MOS IMAGING MODE EVENT LIST" : "EPIC PN IMAGING MODE EVENT LIST");
  f.writeComment(
      QStringLiteral("Simulated by the XSky demo-sky simulator: not real data. The "
                     "injected sources and the response model are in truth.json."));
}

void writeEventsKeywords(fits::FitsFile& f, const EventListModel& m) {
  Keys key(f);
  for (int i = 0; i < 12; ++i) {
    key(QStringLiteral("TTYPE%1").arg(i + 1), kEventColumns[i].name, kEventColumns[i].comment);
  }
  key(QStringLiteral("HDUCLASS"), "OGIP", "format conforms to OGIP standard");
  key(QStringLiteral("HDUCLAS1"), "EVENTS", "table contains event data");
  writeTimeKeys(key, f, m.exposure());
  key(QStringLiteral("XMMEA_1"), "(FLAG & 0x2) != 0", "CLOSE_TO_CCD_BORDER");
  key(QStringLiteral("XMMEA_9"), "(FLAG & 0x200) != 0", "CLOSE_TO_BADCOL");
  key(QStringLiteral("XMMEA_16"), "(FLAG & 0x10000) != 0", "OUT_OF_FOV");
  if (isMos(m.camera())) {
    key(QStringLiteral("XMMEA_EM"), "(FLAG & 0x766ba000) == 0", "Select good MOS events");
    key(QStringLiteral("XMMEA_SM"), "(FLAG & 0xfffffeff) == 0",
        "Select good MOS events for spectra");
  } else {
    key(QStringLiteral("XMMEA_EP"), "(FLAG & 0xfa000c) == 0", "Select good PN events");
  }
  writeMode(key, m);
  writeIdentity(key, m);
  key(QStringLiteral("OBJECT"), m.field().object, "Name of observed object");
  writeSkyReference(key, m.observation());
  writeExposure(key, m);
  writeColumnDescriptions(key, m);
}

void writeGtiKeywords(fits::FitsFile& f, const EventListModel& m, int ccd) {
  Keys key(f);
  key(QStringLiteral("TTYPE1"), "START", "start time of good time interval");
  key(QStringLiteral("TTYPE2"), "STOP", "end time of good time interval");
  writeIdentity(key, m);
  key(QStringLiteral("CCDID"), ccd, "Numerical identifier of the CCD");
  key(QStringLiteral("CCDNODE"), 0, "CCD Node");
  writeMode(key, m);
  writeTimeKeys(key, f, m.exposure());
  key(QStringLiteral("NUMGTI"), static_cast<long long>(m.exposure().gti(ccd).size()),
      "Number of good time intervals");
  key(QStringLiteral("ONTIME"), m.exposure().ontime(ccd), "[s] Total good time for the CCD");
  key(QStringLiteral("LIVETIME"), m.exposure().livetime(ccd),
      "[s] Dead-time corrected on time for the CCD");
  key(QStringLiteral("HDUCLASS"), "OGIP", "File conforms to OGIP/GSFC conventions");
  key(QStringLiteral("HDUCLAS1"), "GTI", "File contains Good Time Intervals");
  key(QStringLiteral("HDUCLAS2"), "STANDARD", "File contains Good Time Intervals");
}

}  // namespace xsky::sim
