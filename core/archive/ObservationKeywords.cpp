#include "archive/ObservationKeywords.h"

#include <initializer_list>
#include <optional>

#include "archive/ObservationDates.h"
#include "fits/FitsFile.h"

namespace xsky::archive {

namespace {

// Keyword lookup in the data HDU, then the primary header.
class Keywords {
 public:
  Keywords(fits::FitsFile& file, int dataHdu) : file_(file), hdu_(dataHdu) {}

  QString text(std::initializer_list<const char*> names) {
    for (int hdu : hdus()) {
      file_.moveTo(hdu);
      for (const char* n : names) {
        if (auto v = file_.keyString(QString::fromLatin1(n)); v && !v->trimmed().isEmpty()) {
          return v->trimmed();
        }
      }
    }
    return {};
  }
  std::optional<double> number(std::initializer_list<const char*> names) {
    for (int hdu : hdus()) {
      file_.moveTo(hdu);
      for (const char* n : names) {
        if (auto v = file_.keyDouble(QString::fromLatin1(n))) return v;
      }
    }
    return std::nullopt;
  }
  ~Keywords() { file_.moveTo(hdu_); }

 private:
  std::vector<int> hdus() const { return hdu_ == 1 ? std::vector<int>{1} : std::vector<int>{hdu_, 1}; }
  fits::FitsFile& file_;
  int hdu_;
};

}  // namespace

void readObservationKeywords(fits::FitsFile& file, int dataHdu, ObservationRecord* r) {
  Keywords k(file, dataHdu);
  r->obsId = k.text({"OBS_ID", "OBSID", "OBS-ID"});
  r->mission = k.text({"TELESCOP", "MISSION"});
  r->instrument = k.text({"INSTRUME"});
  r->filter = k.text({"FILTER"});
  r->mode = k.text({"SUBMODE", "DATAMODE", "READMODE"});
  r->target = k.text({"OBJECT"});
  r->observer = k.text({"OBSERVER", "PI"});
  const auto ra = k.number({"RA_PNT", "RA_NOM", "RA_OBJ"});
  const auto dec = k.number({"DEC_PNT", "DEC_NOM", "DEC_OBJ"});
  if (ra && dec) {
    r->raPointing = *ra;
    r->decPointing = *dec;
  }
  r->exposure = k.number({"EXPOSURE", "LIVETIME", "ONTIME"}).value_or(0.0);
  r->dateStart = k.text({"DATE-OBS", "DATE_OBS"});
  r->dateEnd = k.text({"DATE-END", "DATE_END"});
  if (const auto start = mjdOfIsoDate(r->dateStart)) {
    r->mjdStart = *start;
    if (const auto end = mjdOfIsoDate(r->dateEnd)) {
      r->mjdEnd = *end;
    } else {
      const auto tstart = k.number({"TSTART"});
      const auto tstop = k.number({"TSTOP"});
      r->mjdEnd = tstart && tstop && *tstop >= *tstart ? *start + (*tstop - *tstart) / 86400.0 : *start;
      r->dateEnd = isoDateOfMjd(r->mjdEnd);
    }
  }
}

}  // namespace xsky::archive
