#include "sim/TruthJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

#include "sim/ApertureStats.h"
#include "sim/MissionTime.h"
#include "sim/Optics.h"

namespace xsky::sim {

namespace {

// Non-integral numbers are written with 12 significant digits: far more than any test needs, and
// the same on every machine even where libm rounds a last bit differently.
QJsonValue portable(const QJsonValue& v) {
  if (v.isDouble()) {
    const double d = v.toDouble();
    return d == std::floor(d) ? v : QJsonValue(QString::number(d, 'g', 12).toDouble());
  }
  if (v.isArray()) {
    QJsonArray a;
    for (const QJsonValue& item : v.toArray()) a.append(portable(item));
    return a;
  }
  if (v.isObject()) {
    QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) it.value() = portable(it.value());
    return o;
  }
  return v;
}

QString ccdKey(int ccd) { return QStringLiteral("%1").arg(ccd, 2, 10, QLatin1Char('0')); }

QJsonArray intervals(const std::vector<Interval>& list) {
  QJsonArray a;
  for (const Interval& i : list) a.append(QJsonArray{i.start, i.stop});
  return a;
}

QJsonObject geometryJson(Camera camera) {
  const CameraGeometry& g = CameraGeometry::of(camera);
  QJsonArray ccds;
  for (const CcdLayout& c : g.ccds()) {
    ccds.append(QJsonObject{{QStringLiteral("ccd"), c.ccd},
                            {QStringLiteral("x0_arcsec"), c.x0},
                            {QStringLiteral("y0_arcsec"), c.y0},
                            {QStringLiteral("width_arcsec"), c.columns * g.pixelArcsec()},
                            {QStringLiteral("height_arcsec"), c.rows * g.pixelArcsec()},
                            {QStringLiteral("rawx_along_minus_detx"), c.rawxAlongMinusX},
                            {QStringLiteral("rawy_along_minus_dety"), c.rawyAlongMinusY}});
  }
  return QJsonObject{
      {QStringLiteral("frame"), QStringLiteral("detector offsets from the optical axis, arcsec; "
                                               "DETX/DETY columns are these in 0.05 arcsec units")},
      {QStringLiteral("pixel_arcsec"), g.pixelArcsec()},
      {QStringLiteral("columns"), g.ccds().front().columns},
      {QStringLiteral("rows"), g.ccds().front().rows},
      {QStringLiteral("ccds"), ccds},
      {QStringLiteral("fov_radius_arcsec"), g.fovRadiusArcsec()},
      {QStringLiteral("detector_angle_offset_deg"), g.angleOffsetDeg()},
      {QStringLiteral("rotation"),
       QStringLiteral("sky offset (+x west, +y north) = rotation by "
                      "(PA_PNT + offset) counter-clockwise of (DETX, DETY)")},
      {QStringLiteral("reference_ccd"), g.referenceCcd()},
      {QStringLiteral("bad_column"), QJsonObject{{QStringLiteral("ccd"), g.badColumnCcd()},
                                                 {QStringLiteral("rawx"), g.badColumnRawx()}}}};
}

QJsonObject cameraJson(const FieldModel& field, Camera camera) {
  const CameraGeometry& g = CameraGeometry::of(camera);
  const AnalyticResponse response(camera);
  const BackgroundModel& b = field.background;
  QJsonArray lines;
  for (const BackgroundLine& l : particleLines(camera)) {
    lines.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(l.name)},
                             {QStringLiteral("energy_keV"), l.energyKeV},
                             {QStringLiteral("share"), l.share}});
  }
  QJsonObject gains;
  for (const CcdLayout& c : g.ccds()) gains[ccdKey(c.ccd)] = g.gainEvPerAdu(c.ccd);
  const QString key = cameraKey(camera);
  return QJsonObject{
      {QStringLiteral("instrume"), instrumentName(camera)},
      {QStringLiteral("geometry"), geometryJson(camera)},
      {QStringLiteral("frame_time_s"), g.frameTime()},
      {QStringLiteral("live_fraction"), g.liveFraction()},
      {QStringLiteral("pha_gain_eV_per_adu"), gains},
      {QStringLiteral("psf"), psfJson(camera)},
      {QStringLiteral("response"), response.toJson()},
      {QStringLiteral("rmf"), QStringLiteral("responses/%1.rmf").arg(key)},
      {QStringLiteral("arf"), QStringLiteral("responses/%1.arf").arg(key)},
      {QStringLiteral("particle_background"),
       QJsonObject{
           {QStringLiteral("rate_per_arcmin2"),
            isMos(camera) ? b.particleRateMos : b.particleRatePn},
           {QStringLiteral("rate_units"),
            QStringLiteral("counts/s/arcmin^2 of CCD, 0.1-15 keV, before dead time")},
           {QStringLiteral("continuum"), QStringLiteral("dN/dE ~ E^-%1").arg(b.particleSlope)},
           {QStringLiteral("lines"), lines},
           {QStringLiteral("vignetted"), false},
           {QStringLiteral("energy_resolution_applied"), true}}},
      {QStringLiteral("cxb_on_axis_rate_per_arcmin2"),
       EnergySampler::forSpectrum(b.cxb, response).rate()}};
}

QJsonObject listJson(const ListRecord& r) {
  const EventListModel& m = *r.model;
  const CameraExposure& e = m.exposure();
  QJsonObject ontime, livetime, gtis;
  for (const auto& [ccd, gti] : e.gtis()) {
    ontime[ccdKey(ccd)] = e.ontime(ccd);
    livetime[ccdKey(ccd)] = e.livetime(ccd);
    gtis[ccdKey(ccd)] = intervals(gti);
  }
  const int ref = m.geometry().referenceCcd();
  return QJsonObject{{QStringLiteral("file"), r.file},
                     {QStringLiteral("events"), static_cast<double>(r.events)},
                     {QStringLiteral("tstart"), e.tstart()},
                     {QStringLiteral("tstop"), e.tstop()},
                     {QStringLiteral("date_obs"), utcDateOfMissionTime(e.tstart())},
                     {QStringLiteral("date_end"), utcDateOfMissionTime(e.tstop())},
                     {QStringLiteral("detector_angle_deg"), m.detectorAngleDeg()},
                     {QStringLiteral("reference_ccd"), ref},
                     {QStringLiteral("exposure"), e.livetime(ref)},
                     {QStringLiteral("ontime"), ontime},
                     {QStringLiteral("livetime"), livetime},
                     {QStringLiteral("gti"), gtis},
                     {QStringLiteral("rate_scale"), m.rateScale()}};
}

QJsonObject sourceInListJson(const EventListModel& m, std::size_t index) {
  const SourceView& v = m.sources()[index];
  const int ccd = m.gtiCcdOf(v);
  const double expected = m.expectedCounts(v, ccd);
  const ApertureStats a = apertureStats(m, index, kTruthApertureArcsec);
  QJsonObject aperture{{QStringLiteral("radius_arcsec"), a.radiusArcsec},
                       {QStringLiteral("on_ccd_fraction"), a.onCcdFraction},
                       {QStringLiteral("whole_on_one_ccd"), a.wholeOnOneCcd},
                       {QStringLiteral("background_counts"), a.backgroundCounts()},
                       {QStringLiteral("particle_counts"), a.particleCounts},
                       {QStringLiteral("cxb_counts"), a.cxbCounts},
                       {QStringLiteral("other_source_counts"), a.otherSourceCounts}};
  if (!v.source->extended) {
    const double eef = psfOf(m.camera()).encircled(kTruthApertureArcsec);
    aperture[QStringLiteral("psf_eef")] = eef;
    aperture[QStringLiteral("source_counts")] = expected * eef * a.onCcdFraction;
  }
  return QJsonObject{{QStringLiteral("sky_x"), kSkyRefPixel + v.sky.x / kSkyPixelArcsec},
                     {QStringLiteral("sky_y"), kSkyRefPixel + v.sky.y / kSkyPixelArcsec},
                     {QStringLiteral("detx_arcsec"), v.det.x},
                     {QStringLiteral("dety_arcsec"), v.det.y},
                     {QStringLiteral("off_axis_arcmin"), v.offAxisArcmin},
                     {QStringLiteral("vignetting"), v.vignetting},
                     {QStringLiteral("ccd"), v.ccd},
                     {QStringLiteral("gti_ccd"), ccd},
                     {QStringLiteral("mean_count_rate"), v.rate},
                     {QStringLiteral("expected_counts"), expected},
                     {QStringLiteral("aperture"), aperture}};
}

QJsonArray sourcesJson(const FieldModel& field, const std::vector<ListRecord>& lists) {
  QJsonArray out;
  for (std::size_t i = 0; i < field.sources.size(); ++i) {
    const Source& s = field.sources[i];
    QJsonObject shape{
        {QStringLiteral("type"), s.extended ? QStringLiteral("beta") : QStringLiteral("point")}};
    if (s.extended) {
      shape[QStringLiteral("core_radius_arcsec")] = s.coreRadiusArcsec;
      shape[QStringLiteral("beta")] = s.betaModel;
      shape[QStringLiteral("surface_brightness")] =
          QStringLiteral("(1 + (r/rc)^2)^(-3 beta + 1/2), then the PSF");
    }
    QJsonArray perObservation;
    for (const Observation& o : field.observations) {
      QJsonObject cams;
      for (const ListRecord& r : lists) {
        if (&r.model->observation() == &o)
          cams[cameraKey(r.model->camera())] = sourceInListJson(*r.model, i);
      }
      perObservation.append(
          QJsonObject{{QStringLiteral("obs_id"), o.obsId}, {QStringLiteral("cameras"), cams}});
    }
    out.append(QJsonObject{{QStringLiteral("id"), s.id},
                           {QStringLiteral("name"), s.name},
                           {QStringLiteral("kind"), s.kind},
                           {QStringLiteral("ra"), s.ra},
                           {QStringLiteral("dec"), s.dec},
                           {QStringLiteral("shape"), shape},
                           {QStringLiteral("spectrum"), s.spectrum.toJson()},
                           {QStringLiteral("variability"), s.time.toJson()},
                           {QStringLiteral("observations"), perObservation}});
  }
  return out;
}

}  // namespace

QByteArray truthJson(const FieldModel& field, unsigned long long seed, long long eventsOverride,
                     const std::vector<ListRecord>& lists) {
  QJsonObject cameras;
  QJsonArray responseFiles, eventFiles;
  for (Camera c : kAllCameras) {
    cameras[cameraKey(c)] = cameraJson(field, c);
    responseFiles.append(QStringLiteral("responses/%1.rmf").arg(cameraKey(c)));
    responseFiles.append(QStringLiteral("responses/%1.arf").arg(cameraKey(c)));
  }
  QJsonArray observations;
  for (const Observation& o : field.observations) {
    QJsonObject cams;
    for (const ListRecord& r : lists) {
      if (&r.model->observation() == &o) {
        cams[cameraKey(r.model->camera())] = listJson(r);
        eventFiles.append(r.file);
      }
    }
    observations.append(QJsonObject{{QStringLiteral("obs_id"), o.obsId},
                                    {QStringLiteral("start"), o.start},
                                    {QStringLiteral("duration_s"), o.duration},
                                    {QStringLiteral("ra_pnt"), o.raPnt},
                                    {QStringLiteral("dec_pnt"), o.decPnt},
                                    {QStringLiteral("pa_pnt"), o.paPnt},
                                    {QStringLiteral("flares_removed"), intervals(o.flaresRemoved)},
                                    {QStringLiteral("cameras"), cams}});
  }
  const bool seedExact = seed <= (1ULL << 53);
  const QJsonObject root{
      {QStringLiteral("format"), QStringLiteral("xsky-demo-sky-truth")},
      {QStringLiteral("version"), 1},
      {QStringLiteral("seed"),
       seedExact ? QJsonValue(static_cast<double>(seed)) : QJsonValue(QString::number(seed))},
      {QStringLiteral("events_override"), static_cast<double>(eventsOverride)},
      {QStringLiteral("field"),
       QJsonObject{{QStringLiteral("ra"), field.raCentre},
                   {QStringLiteral("dec"), field.decCentre},
                   {QStringLiteral("frame"),
                    QStringLiteral("FK5 J2000 (= ICRS to the simulation's precision)")},
                   {QStringLiteral("object"), field.object}}},
      {QStringLiteral("time_system"),
       QJsonObject{{QStringLiteral("timesys"), QStringLiteral("TT")},
                   {QStringLiteral("mjdref"), kMjdRef},
                   {QStringLiteral("unit"), QStringLiteral("s")},
                   {QStringLiteral("tt_minus_utc_s"), kTtMinusUtc},
                   {QStringLiteral("event_times"), QStringLiteral("frame centres")}}},
      {QStringLiteral("sky_pixels"),
       QJsonObject{{QStringLiteral("projection"), QStringLiteral("TAN about the pointing")},
                   {QStringLiteral("crpix"), kSkyRefPixel},
                   {QStringLiteral("cdelt_deg"), kSkyPixelDeg},
                   {QStringLiteral("x_increases"), QStringLiteral("west")}}},
      {QStringLiteral("absorption"),
       QJsonObject{{QStringLiteral("model"), QStringLiteral("wabs")},
                   {QStringLiteral("reference"),
                    QStringLiteral("Morrison & McCammon 1983, ApJ 270, 119, Table 2")}}},
      {QStringLiteral("vignetting"), vignettingJson()},
      {QStringLiteral("cameras"), cameras},
      {QStringLiteral("cosmic_background"),
       QJsonObject{{QStringLiteral("spectrum_per_arcmin2"), field.background.cxb.toJson()},
                   {QStringLiteral("vignetted"), true}}},
      {QStringLiteral("observations"), observations},
      {QStringLiteral("sources"), sourcesJson(field, lists)},
      {QStringLiteral("files"), QJsonObject{{QStringLiteral("truth"), QStringLiteral("truth.json")},
                                            {QStringLiteral("events"), eventFiles},
                                            {QStringLiteral("responses"), responseFiles}}}};
  return QJsonDocument(portable(root).toObject()).toJson(QJsonDocument::Indented);
}

}  // namespace xsky::sim
