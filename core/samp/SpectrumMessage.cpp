#include "samp/SpectrumMessage.h"

#include <QFileInfo>
#include <QUrl>

#include "fits/FitsError.h"
#include "fits/FitsFile.h"

namespace xsky::samp {

SampMessage spectrumLoadMessage(const QString& path, const QString& name, const QString& spectrumId) {
  fits::FitsFile f = fits::FitsFile::open(path);
  if (!f.moveToNamed(QStringLiteral("SPECTRUM")))
    throw Error(QStringLiteral("%1 is not a spectrum: it has no SPECTRUM extension").arg(path));
  const QString url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString();
  QVariantMap meta{{QStringLiteral("Access.Format"), QStringLiteral("application/fits")},
                   {QStringLiteral("Access.Reference"), url},
                   {QStringLiteral("DataID.Title"), name}};
  if (const auto object = f.keyString(QStringLiteral("OBJECT")); object && !object->isEmpty())
    meta.insert(QStringLiteral("Target.Name"), *object);
  const auto ra = f.keyDouble(QStringLiteral("RA_OBJ"));
  const auto dec = f.keyDouble(QStringLiteral("DEC_OBJ"));
  if (ra && dec) meta.insert(QStringLiteral("Target.Pos"), QVariantList{sampFloat(*ra), sampFloat(*dec)});
  QStringList instrument;
  for (const char* key : {"TELESCOP", "INSTRUME"}) {
    const auto v = f.keyString(QLatin1String(key));
    if (v && !v->isEmpty() && *v != QLatin1String("UNKNOWN")) instrument << *v;
  }
  if (!instrument.isEmpty()) meta.insert(QStringLiteral("DataID.Instrument"), instrument.join(QLatin1Char(' ')));
  if (const auto exposure = f.keyDouble(QStringLiteral("EXPOSURE")))
    meta.insert(QStringLiteral("Char.TimeAxis.Coverage.Support.Extent"), sampFloat(*exposure));
  SampMessage m;
  m.mtype = QStringLiteral("spectrum.load.ssa-generic");
  m.params = {{QStringLiteral("url"), url},
              {QStringLiteral("spectrum-id"), spectrumId},
              {QStringLiteral("name"), name},
              {QStringLiteral("meta"), meta}};
  return m;
}

}  // namespace xsky::samp
