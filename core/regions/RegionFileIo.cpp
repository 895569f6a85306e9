#include "regions/RegionFileIo.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringDecoder>

#include "fits/FitsError.h"
#include "regions/CiaoRegionReader.h"
#include "regions/Ds9RegionReader.h"

namespace xsky::regions {

RegionDialect detectDialect(const QString& text) {
  static const QRegularExpression ciaoHeader(QStringLiteral("^#\\s*Region file format:\\s*CIAO"),
                                             QRegularExpression::CaseInsensitiveOption |
                                                 QRegularExpression::MultilineOption);
  static const QRegularExpression ds9Marks(
      QStringLiteral("^\\s*(#\\s*Region file format:\\s*DS9|global\\b|image\\s*;?\\s*$|physical\\s*;|"
                     "physical\\s*$|fk[45]\\b|icrs\\b|galactic\\b|ecliptic\\b|j2000\\b|b1950\\b)"),
      QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
  static const QRegularExpression ciaoShapes(
      QStringLiteral("^\\s*[-+!]?\\s*(rotbox|rectangle|pie|sector|field)\\s*\\("),
      QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption);
  if (ciaoHeader.match(text).hasMatch()) return RegionDialect::Ciao;
  if (ds9Marks.match(text).hasMatch()) return RegionDialect::Ds9;
  if (ciaoShapes.match(text).hasMatch()) return RegionDialect::Ciao;
  return RegionDialect::Ds9;
}

QString readTextFile(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    throw Error(QStringLiteral("%1: cannot open region file: %2").arg(path, f.errorString()));
  }
  const QByteArray bytes = f.readAll();
  QStringDecoder utf8(QStringDecoder::Utf8);
  QString text = utf8(bytes);
  if (utf8.hasError()) text = QString::fromLatin1(bytes);
  return text;
}

RegionReadResult readRegionFile(const QString& path, const RegionReadOptions& options,
                                RegionDialect* dialect) {
  const QString text = readTextFile(path);
  if (dialect != nullptr) *dialect = detectDialect(text);
  return readRegionText(text, path, options);
}

RegionReadResult readRegionText(const QString& text, const QString& sourceName, const RegionReadOptions& options) {
  if (detectDialect(text) == RegionDialect::Ciao) return CiaoRegionReader(options).readText(text, sourceName);
  return Ds9RegionReader(options).readText(text, sourceName);
}

void writeTextFileAtomically(const QString& path, const QString& text) {
  // QSaveFile writes a temporary file in the target's folder and renames it on commit().
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly)) {
    throw Error(QStringLiteral("%1: cannot write region file: %2").arg(path, f.errorString()));
  }
  const QByteArray bytes = text.toUtf8();
  if (f.write(bytes) != bytes.size() || !f.commit()) {
    throw Error(QStringLiteral("%1: cannot write region file: %2").arg(path, f.errorString()));
  }
}

}  // namespace xsky::regions
